//! Helpers shared by the integration tests: running the binary, and scratch copies of the
//! Peru dataset to break in known ways.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Run the `sourcebook` binary with a clean, colourless environment.
pub fn sourcebook(args: &[&str], env: &[(&str, &str)]) -> Output {
    sourcebook_in(Path::new("."), args, env)
}

/// [`sourcebook`], run in the directory `dir`.
pub fn sourcebook_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = installed();
    cmd.current_dir(dir)
        .args(args)
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("the binary runs")
}

/// The binary as a user who installed it runs it: found on PATH by its name, not started by
/// cargo (whose variables `cargo test` passes down), so messages name it `sourcebook`.
pub fn installed() -> Command {
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_sourcebook"));
    let mut path = vec![bin.parent().expect("a directory").to_path_buf()];
    path.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    let mut cmd = Command::new("sourcebook");
    cmd.env("PATH", std::env::join_paths(path).expect("a PATH"))
        .env_remove("CARGO")
        .env_remove("CARGO_PKG_NAME");
    cmd
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

/// A scratch copy of the shipped dataset.
pub struct Scratch {
    pub dir: tempfile::TempDir,
}

impl Scratch {
    pub fn peru() -> Self {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(Path::new("dataset"), dir.path());
        Scratch { dir }
    }

    /// A directory laid out like a clone: the shipped dataset under `dataset/`, so commands
    /// run inside it with their default `--dataset`.
    pub fn clone_like() -> Self {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(Path::new("dataset"), &dir.path().join("dataset"));
        Scratch { dir }
    }

    pub fn empty() -> Self {
        Scratch {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    /// Replace the first occurrence of `from` in a file, returning the byte offset it was at.
    pub fn replace(&self, rel: &str, from: &str, to: &str) -> usize {
        let text = self.read(rel);
        let at = text
            .find(from)
            .unwrap_or_else(|| panic!("{from:?} not in {rel}"));
        self.write(
            rel,
            format!("{}{to}{}", &text[..at], &text[at + from.len()..]),
        );
        at
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).unwrap();
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    let mut entries: Vec<_> = std::fs::read_dir(from)
        .unwrap()
        .map(|e| e.unwrap())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

pub const PE_RECORD: &str = "pe/records/pe-2004-four-child-prostitution-rings-identified.json";

/// Every file below `dir` with its bytes, keyed by its `/`-separated path, in sorted order:
/// two trees compare equal exactly when they hold the same files with the same bytes.
pub fn read_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

/// The diagnostics of a `check --format json` run, one JSON object each (the summary left out).
pub fn diagnostics(out: &Output) -> Vec<serde_json::Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("one JSON object a line"))
        .filter(|v| v["type"] == "diagnostic")
        .collect()
}

/// Fail when the generated file at `path` differs from `expected`; rewrite it instead with
/// `SOURCEBOOK_BLESS=1` (the hint names `test`, the test binary that regenerates it).
pub fn check_generated(path: &str, expected: &str, test: &str) {
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    if actual != expected {
        if std::env::var_os("SOURCEBOOK_BLESS").is_some() {
            std::fs::write(path, expected).unwrap();
            return;
        }
        panic!(
            "{path} is out of date; regenerate it with `SOURCEBOOK_BLESS=1 cargo test --test {test}`"
        );
    }
}
