//! How this process was started, so that a message suggesting another command names it in a
//! form the user can run: `cargo run --release --` in a clone, `sourcebook` when installed, the
//! path typed otherwise. The library writes every suggestion as `` `sourcebook CMD` ``; what a
//! person reads on the terminal is rewritten here.

use std::borrow::Cow;
use std::ffi::OsStr;
use std::io::{self, Write};
use std::path::Path;
use std::sync::OnceLock;

/// How a suggestion starts in the library's messages: this, then white space (a space, or the
/// line break where a message was wrapped), then the subcommand.
const CANONICAL: &str = "`sourcebook";

/// The command to type for another `sourcebook` subcommand, as this process was started.
pub fn command() -> &'static str {
    static COMMAND: OnceLock<String> = OnceLock::new();
    COMMAND.get_or_init(|| {
        let arg0 = std::env::args_os().next().unwrap_or_default();
        detect(
            std::env::var_os("CARGO").is_some(),
            std::env::var_os("CARGO_PKG_NAME").as_deref(),
            std::env::current_exe().ok().as_deref(),
            &arg0,
        )
    })
}

/// `cargo run` sets `CARGO` and the package's name for the program it runs; an installed or
/// copied binary is named as it was typed.
fn detect(cargo: bool, package: Option<&OsStr>, exe: Option<&Path>, arg0: &OsStr) -> String {
    if cargo && package == Some(OsStr::new("sourcebook")) {
        let release = exe.is_some_and(|e| {
            e.parent()
                .and_then(Path::file_name)
                .is_some_and(|d| d == "release")
        });
        return if release {
            "cargo run --release --"
        } else {
            "cargo run --"
        }
        .to_string();
    }
    let typed = arg0.to_string_lossy();
    if typed.is_empty() || exe.is_some_and(on_path) {
        return "sourcebook".to_string();
    }
    // A bare name was found on PATH and runs again as typed; a path is shown as given, quoted
    // only if a shell needs it.
    shell_word(&typed)
}

/// Whether `sourcebook` typed alone runs `exe`: a shell started through a full path (as
/// Windows does) still finds it by name when its directory is on PATH.
fn on_path(exe: &Path) -> bool {
    let Ok(exe) = exe.canonicalize() else {
        return false;
    };
    let names = ["sourcebook", "sourcebook.exe"];
    std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|dir| {
            names
                .iter()
                .any(|n| dir.join(n).canonicalize().is_ok_and(|found| found == exe))
        })
    })
}

/// ` --dataset DIR` for a suggested command, or nothing for the default dataset.
pub fn dataset_flag(dataset: &Path) -> String {
    if dataset == Path::new("dataset") {
        String::new()
    } else {
        format!(" --dataset {}", shell_word(&dataset.to_string_lossy()))
    }
}

/// A word as a POSIX shell reads it back: as it is when it is plain, else in single quotes.
pub fn shell_word(word: &str) -> String {
    if !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || "-_./:@%+=,".contains(c))
    {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// `text` with every suggested command in the form [`command`] gives.
pub fn suggest(text: &str) -> Cow<'_, str> {
    rewrite(text, command())
}

fn rewrite<'t>(text: &'t str, command: &str) -> Cow<'t, str> {
    if command == "sourcebook" || !text.contains(CANONICAL) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(i) = rest.find(CANONICAL) {
        let after = &rest[i + CANONICAL.len()..];
        out.push_str(&rest[..i]);
        if after.starts_with(char::is_whitespace) {
            out.push('`');
            out.push_str(command);
        } else {
            out.push_str(CANONICAL);
        }
        rest = after;
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// A writer that rewrites suggested commands, a line at a time (a suggestion starts and ends
/// on one line, or is wrapped after the tool's name, which [`rewrite`] sees at the line's end).
/// Lines without a backtick, nearly all of a report, go straight through.
pub struct Suggesting<W: Write> {
    inner: W,
    /// The unfinished last line of what was written so far.
    pending: Vec<u8>,
}

impl<W: Write> Suggesting<W> {
    pub fn new(inner: W) -> Self {
        Suggesting {
            inner,
            pending: Vec::new(),
        }
    }

    /// Write whole lines, rewritten where they suggest a command.
    fn emit(&mut self, lines: &[u8]) -> io::Result<()> {
        if memchr::memchr(b'`', lines).is_none() {
            return self.inner.write_all(lines);
        }
        match std::str::from_utf8(lines) {
            Ok(text) => self.inner.write_all(suggest(text).as_bytes()),
            Err(_) => self.inner.write_all(lines),
        }
    }
}

impl<W: Write> Write for Suggesting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if command() == "sourcebook" {
            return self.inner.write(buf);
        }
        match memchr::memrchr(b'\n', buf) {
            None => self.pending.extend_from_slice(buf),
            Some(last) => {
                let (whole, rest) = buf.split_at(last + 1);
                if self.pending.is_empty() {
                    self.emit(whole)?;
                } else {
                    let mut lines = std::mem::take(&mut self.pending);
                    lines.extend_from_slice(whole);
                    self.emit(&lines)?;
                    lines.clear();
                    self.pending = lines;
                }
                self.pending.extend_from_slice(rest);
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let rest = std::mem::take(&mut self.pending);
            self.emit(&rest)?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(cargo: bool, package: Option<&str>, exe: &str, arg0: &str) -> String {
        detect(
            cargo,
            package.map(OsStr::new),
            Some(Path::new(exe)),
            OsStr::new(arg0),
        )
    }

    #[test]
    fn through_cargo_the_suggestion_is_cargo_run() {
        let exe = "/w/target/release/sourcebook";
        assert_eq!(
            d(true, Some("sourcebook"), exe, exe),
            "cargo run --release --"
        );
        let exe = "/w/target/debug/sourcebook";
        assert_eq!(d(true, Some("sourcebook"), exe, exe), "cargo run --");
        // Another package's `cargo run` (a wrapper) does not count.
        assert_eq!(d(true, Some("other"), exe, "sourcebook"), "sourcebook");
    }

    #[test]
    fn otherwise_as_typed() {
        let exe = "/usr/local/bin/sourcebook";
        assert_eq!(d(false, None, exe, "sourcebook"), "sourcebook");
        assert_eq!(
            d(false, None, exe, "./target/release/sourcebook"),
            "./target/release/sourcebook"
        );
        assert_eq!(d(false, None, exe, "/my tools/sb"), "'/my tools/sb'");
        assert_eq!(d(false, None, exe, ""), "sourcebook");
    }

    #[test]
    fn the_default_dataset_needs_no_flag() {
        assert_eq!(dataset_flag(Path::new("dataset")), "");
        assert_eq!(dataset_flag(Path::new("../data")), " --dataset ../data");
        assert_eq!(dataset_flag(Path::new("my data")), " --dataset 'my data'");
    }

    #[test]
    fn rewrites_only_suggestions() {
        let text = "run `sourcebook check x.json`; sourcebook is the tool";
        assert_eq!(
            rewrite(text, "cargo run --release --"),
            "run `cargo run --release -- check x.json`; sourcebook is the tool"
        );
        assert!(matches!(rewrite(text, "sourcebook"), Cow::Borrowed(_)));
        // Wrapped after the name, and a word that only starts alike.
        assert_eq!(
            rewrite(
                "or run `sourcebook\n        fmt`; `sourcebooks`",
                "cargo run --"
            ),
            "or run `cargo run --\n        fmt`; `sourcebooks`"
        );
    }
}
