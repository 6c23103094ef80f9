//! A file of the bundle being written: created in the staged directory, buffered, and hashed
//! as it goes, so that its size and SHA-256 are known when it is closed without holding it in
//! memory or reading it again.

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::fsutil::StagedDir;

/// A finished file of the bundle: its path in the bundle, size and SHA-256 in hex.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
}

/// Hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(digest.len() * 2);
    for b in digest {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
}

/// A file being written, hashed as it goes.
pub struct Output {
    rel: String,
    path: PathBuf,
    file: BufWriter<File>,
    hasher: Sha256,
    bytes: u64,
}

impl Output {
    /// Create `rel` in the directory being built, with the directories it needs: exclusively,
    /// through [`StagedDir::create`], as every file of a release is.
    pub fn create(dir: &StagedDir, rel: &str) -> Result<Output, Error> {
        let path = dir.path().join(rel);
        let file = dir.create(rel)?;
        Ok(Output {
            rel: rel.to_string(),
            path,
            file: BufWriter::with_capacity(256 * 1024, file),
            hasher: Sha256::new(),
            bytes: 0,
        })
    }

    /// Append bytes.
    pub fn put(&mut self, bytes: &[u8]) -> Result<(), Error> {
        self.write_all(bytes).map_err(|source| Error::Write {
            path: self.path.clone(),
            source,
        })
    }

    /// Flush and close the file.
    pub fn finish(mut self) -> Result<Written, Error> {
        self.file.flush().map_err(|source| Error::Write {
            path: self.path.clone(),
            source,
        })?;
        Ok(Written {
            path: self.rel,
            bytes: self.bytes,
            sha256: hex(&self.hasher.finalize()),
        })
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Write a whole small file at once.
pub fn put(dir: &StagedDir, rel: &str, bytes: &[u8]) -> Result<Written, Error> {
    let mut out = Output::create(dir, rel)?;
    out.put(bytes)?;
    out.finish()
}

/// Sort `files` by path and add `SHA256SUMS` over them, in the form `sha256sum --check` reads.
pub fn add_sums(dir: &StagedDir, files: &mut Vec<Written>) -> Result<(), Error> {
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let sums: String = files
        .iter()
        .map(|w| format!("{}  {}\n", w.sha256, w.path))
        .collect();
    files.push(put(dir, "SHA256SUMS", sums.as_bytes())?);
    Ok(())
}

/// Size and hash a file something else wrote (the SQLite database), reading it in pieces.
pub fn describe(dir: &Path, rel: &str) -> Result<Written, Error> {
    let path = dir.join(rel);
    let read_err = |source| Error::Read {
        path: path.clone(),
        source,
    };
    let mut file = File::open(&path).map_err(read_err)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0; 256 * 1024];
    let mut bytes = 0u64;
    loop {
        let n = file.read(&mut buf).map_err(read_err)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        bytes += n as u64;
    }
    Ok(Written {
        path: rel.to_string(),
        bytes,
        sha256: hex(&hasher.finalize()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_nothing() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn a_streamed_file_is_hashed_as_a_whole() {
        let root = tempfile::tempdir().unwrap();
        let dir = StagedDir::new(&root.path().join("bundle")).unwrap();
        let mut out = Output::create(&dir, "sub/a.txt").unwrap();
        out.put(b"hello ").unwrap();
        out.put(b"world").unwrap();
        let w = out.finish().unwrap();
        assert_eq!(w.path, "sub/a.txt");
        assert_eq!(w.bytes, 11);
        assert_eq!(w.sha256, sha256_hex(b"hello world"));
        assert_eq!(describe(dir.path(), "sub/a.txt").unwrap(), w);
        assert!(
            Output::create(&dir, "sub/a.txt").is_err(),
            "never overwrites"
        );
    }
}
