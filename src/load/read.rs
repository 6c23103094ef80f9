//! Reading a file's bytes from disk within the loader's limits, and the fault when they cannot
//! be had.

use std::fs;
use std::path::Path;

use super::codes;
use crate::diag::{Diagnostic, Label};

/// Limits on what the loader reads.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 1024 * 1024,
            max_depth: 32,
        }
    }
}

/// Why a file's bytes could not be had.
#[derive(Debug)]
pub enum ReadFault {
    Io(std::io::Error),
    TooLarge,
}

impl ReadFault {
    /// The diagnostic for this fault on the file shown as `display`.
    pub fn diagnostic(self, display: &str, limits: Limits) -> Diagnostic {
        match self {
            ReadFault::Io(e) => Diagnostic::new(
                &codes::UNREADABLE,
                format!("cannot be read: {e}"),
                Label::whole_file(display),
            ),
            ReadFault::TooLarge => Diagnostic::new(
                &codes::TOO_LARGE,
                format!(
                    "file is larger than the limit of {} bytes and was not read",
                    limits.max_file_bytes
                ),
                Label::whole_file(display),
            )
            .with_help(
                "a record is one citation with short excerpts, usually one or two kilobytes",
            ),
        }
    }
}

/// Read a file, refusing one over the size limit. The buffer is sized from the file's
/// metadata so the read takes one call (without a size, `read_to_end` probes and regrows, which
/// was most of the time `check` spent); reading one byte past the limit still tells a file that
/// is too large, whatever the metadata said.
///
/// For the files of a dataset, which the walk found to be regular files (see `open_walked`).
pub fn read_bytes(path: &Path, limits: Limits) -> Result<Vec<u8>, ReadFault> {
    read_regular(path, limits.max_file_bytes, open_walked)
}

/// How a file is opened: the file and its metadata if it is a regular file, `None` for
/// anything else.
type Opener = fn(&Path) -> std::io::Result<Option<(fs::File, fs::Metadata)>>;

/// Read a regular file of at most `limit` bytes, opened by `open`; anything else is refused
/// (opening a named pipe blocks until something writes to it; a device may never end).
fn read_regular(path: &Path, limit: u64, open: Opener) -> Result<Vec<u8>, ReadFault> {
    use std::io::Read;
    let not_regular = || {
        ReadFault::Io(std::io::Error::other(
            "not a regular file (a directory, pipe, socket or device)",
        ))
    };
    let Some((file, meta)) = open(path).map_err(ReadFault::Io)? else {
        return Err(not_regular());
    };
    // Said before reading a byte when the file says it is too large; reading one byte past
    // the limit still catches one that grows meanwhile.
    if meta.len() > limit {
        return Err(ReadFault::TooLarge);
    }
    let size = meta.len().min(limit + 1);
    let mut bytes = Vec::with_capacity(size as usize + 64);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadFault::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadFault::TooLarge);
    }
    Ok(bytes)
}

/// Open a file of a dataset, which the walk found to be a regular file. A stat before opening
/// (so that nothing else is ever opened) was a tenth of `check`'s system time on a large
/// dataset, so on Unix the file is opened without blocking (a named pipe put there since the
/// walk does not hang the run; `O_NONBLOCK` changes nothing for reading a regular file) and
/// then asked what it is. An open that fails asks the path, so a socket or a directory is
/// still "not a regular file" rather than the system's error for it.
#[cfg(unix)]
fn open_walked(path: &Path) -> std::io::Result<Option<(fs::File, fs::Metadata)>> {
    use rustix::fs::{Mode, OFlags, open};
    let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC;
    let file = match open(path, flags, Mode::empty()) {
        Ok(fd) => fs::File::from(fd),
        Err(e) => {
            return match fs::metadata(path) {
                Ok(m) if !m.is_file() => Ok(None),
                _ => Err(e.into()),
            };
        }
    };
    let meta = file.metadata()?;
    Ok(meta.is_file().then_some((file, meta)))
}

#[cfg(not(unix))]
fn open_walked(path: &Path) -> std::io::Result<Option<(fs::File, fs::Metadata)>> {
    open_checked(path)
}

/// Open a file someone named: asked what it is before it is opened, so that nothing but a
/// regular file is ever opened (opening a device runs its driver's open), and again of what
/// was opened.
fn open_checked(path: &Path) -> std::io::Result<Option<(fs::File, fs::Metadata)>> {
    if !fs::metadata(path)?.is_file() {
        return Ok(None);
    }
    let file = fs::File::open(path)?;
    let meta = file.metadata()?;
    Ok(meta.is_file().then_some((file, meta)))
}

/// Open a regular file the user named for reading as a stream (an earlier release compared
/// record by record), refusing one over `limit` bytes; reading stops at the limit whatever the
/// file does meanwhile, so a file that grows ends as a truncated document, not a larger one.
pub fn open_input(path: &Path, limit: u64) -> Result<std::io::Take<fs::File>, crate::error::Error> {
    use std::io::Read;
    let read_err = |source| crate::error::Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let not_regular = || {
        read_err(std::io::Error::other(
            "not a regular file (a directory, pipe, socket or device)",
        ))
    };
    let Some((file, meta)) = open_checked(path).map_err(read_err)? else {
        return Err(not_regular());
    };
    if meta.len() > limit {
        return Err(crate::error::Error::TooLarge {
            path: path.to_path_buf(),
            limit,
        });
    }
    Ok(file.take(limit))
}

/// Read an input the user named (a page to import, an earlier release) that is not part of the
/// dataset: a regular file of at most `limit` bytes, or an error that says which it is not.
pub fn read_input(path: &Path, limit: u64) -> Result<Vec<u8>, crate::error::Error> {
    read_regular(path, limit, open_checked).map_err(|fault| match fault {
        ReadFault::TooLarge => crate::error::Error::TooLarge {
            path: path.to_path_buf(),
            limit,
        },
        ReadFault::Io(source) => crate::error::Error::Read {
            path: path.to_path_buf(),
            source,
        },
    })
}

/// The length of the UTF-8 byte-order mark `text` starts with, if any: where its JSON begins.
pub fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_cannot_be_read_is_a_diagnostic() {
        // Reading a directory fails on every platform, whoever runs the test (permission
        // bits do not stop root).
        let fault = read_bytes(&std::env::temp_dir(), Limits::default()).unwrap_err();
        let d = fault.diagnostic("pe/records/pe-x.json", Limits::default());
        assert_eq!(d.code(), "SB107");
        assert!(d.message.starts_with("cannot be read: "), "{}", d.message);
    }

    /// What is not a regular file is said to be so, by either way of opening: a socket (which
    /// cannot be opened at all), a named pipe (which must not block) and a directory.
    #[cfg(unix)]
    #[test]
    fn what_is_not_a_regular_file_is_said_so() {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("s.json");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        let pipe = dir.path().join("p.json");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status();
        let mut paths = vec![socket, dir.path().to_path_buf()];
        if made.is_ok_and(|s| s.success()) {
            paths.push(pipe);
        }
        for p in paths {
            let Err(ReadFault::Io(e)) = read_bytes(&p, Limits::default()) else {
                panic!("{p:?} was read");
            };
            assert!(
                e.to_string().starts_with("not a regular file"),
                "{p:?}: {e}"
            );
            let Err(crate::error::Error::Read { source, .. }) = read_input(&p, 1000) else {
                panic!("{p:?} was read");
            };
            assert!(
                source.to_string().starts_with("not a regular file"),
                "{p:?}: {source}"
            );
        }
    }

    #[test]
    fn one_byte_over_the_limit_is_too_large() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        fs::write(&p, b"12345").unwrap();
        let limits = |max_file_bytes| Limits {
            max_file_bytes,
            ..Limits::default()
        };
        assert_eq!(read_bytes(&p, limits(5)).unwrap(), b"12345");
        assert!(matches!(
            read_bytes(&p, limits(4)),
            Err(ReadFault::TooLarge)
        ));
    }
}
