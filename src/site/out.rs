//! Writing the site: every file into a directory staged beside the target
//! ([`fsutil::StagedDir`], as a release is written), which is swapped in for the target only
//! once the site is complete, so an interrupted build leaves the previous site whole. A
//! directory is only ever replaced if it is empty or holds a site this command built (its
//! [`MANIFEST`]): `--out .` must never remove a checkout.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::fsutil::StagedDir;

/// The file that marks a directory as a site `sourcebook site` built.
pub const MANIFEST: &str = "sourcebook-site.json";

/// A site being written.
pub struct Output {
    dir: PathBuf,
    staged: StagedDir,
    files: usize,
    bytes: u64,
}

impl Output {
    /// Start writing the site that will be at `dir`.
    pub fn create(dir: &Path) -> Result<Output, Error> {
        // Not through a link: a link in the way is refused by the staging below.
        if fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir())
            && let Ok(mut entries) = fs::read_dir(dir)
            && entries.next().is_some()
            && !fs::symlink_metadata(dir.join(MANIFEST)).is_ok_and(|m| m.is_file())
        {
            return Err(Error::Exists(dir.to_path_buf()));
        }
        Ok(Output {
            dir: dir.to_path_buf(),
            staged: StagedDir::new(dir)?,
            files: 0,
            bytes: 0,
        })
    }

    /// Write a file at `rel` (with `/` separators) under the site; each path once.
    pub fn write(&mut self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        // Paths are made of ids the schema restricts; whatever a dataset that turned those
        // checks off holds, nothing is written outside the site.
        if !rel.split('/').all(plain) {
            return Err(Error::Invalid {
                path: PathBuf::from(rel),
                message: "not a plain path inside the site".into(),
            });
        }
        self.staged.write(rel, bytes)?;
        self.files += 1;
        self.bytes += bytes.len() as u64;
        Ok(())
    }

    /// Files and bytes written so far.
    pub fn written(&self) -> (usize, u64) {
        (self.files, self.bytes)
    }

    /// Move the complete site into place, replacing the one there.
    pub fn finish(self) -> Result<PathBuf, Error> {
        self.staged.commit()?;
        Ok(self.dir)
    }
}

/// A file or directory name with nothing a path could be read into.
fn plain(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_a_site_and_leaves_no_debris() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("_site");
        let mut o = Output::create(&dir).unwrap();
        o.write(MANIFEST, b"{}").unwrap();
        o.write("a/b.html", b"1").unwrap();
        assert_eq!(o.written(), (2, 3));
        for bad in ["../x", "a/../../x", "/etc/x", "a//b", ".hidden", "a\\b", ""] {
            assert!(o.write(bad, b"").is_err(), "{bad}");
        }
        o.finish().unwrap();
        // A second build replaces the first; an abandoned one leaves nothing behind.
        let mut o = Output::create(&dir).unwrap();
        o.write(MANIFEST, b"{}").unwrap();
        o.finish().unwrap();
        assert!(!dir.join("a/b.html").exists());
        drop(Output::create(&dir).unwrap());
        let names: Vec<_> = fs::read_dir(root.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["_site"]);
        // A directory with other things in it is never replaced.
        let other = root.path().join("src");
        fs::create_dir(&other).unwrap();
        fs::write(other.join("main.rs"), "").unwrap();
        assert!(matches!(Output::create(&other), Err(Error::Exists(_))));
        assert!(other.join("main.rs").exists());
    }
}
