//! Writing the site: every file into a fresh directory beside the target, which replaces the
//! target only once the site is complete, so an interrupted build leaves the previous site
//! whole. A directory is only ever replaced if it is empty or holds a site this command built
//! (its [`MANIFEST`]): `--out .` must never remove a checkout.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::fsutil;

/// The file that marks a directory as a site `sourcebook site` built.
pub const MANIFEST: &str = "sourcebook-site.json";

/// A site being written.
pub struct Output {
    dir: PathBuf,
    tmp: PathBuf,
    files: usize,
    bytes: u64,
    done: bool,
}

fn werr(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Write {
        path: path.to_path_buf(),
        source,
    }
}

impl Output {
    /// Start writing the site that will be at `dir`.
    pub fn create(dir: &Path) -> Result<Output, Error> {
        if let Ok(mut entries) = fs::read_dir(dir)
            && entries.next().is_some()
            && !dir.join(MANIFEST).is_file()
        {
            return Err(Error::Exists(dir.to_path_buf()));
        }
        let parent = dir.parent().unwrap_or(Path::new("."));
        let parent = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        fs::create_dir_all(parent).map_err(werr(parent))?;
        let tmp = fsutil::temp_beside(dir);
        fs::create_dir(&tmp).map_err(werr(&tmp))?;
        Ok(Output {
            dir: dir.to_path_buf(),
            tmp,
            files: 0,
            bytes: 0,
            done: false,
        })
    }

    /// Write a file at `rel` (with `/` separators) under the site.
    pub fn write(&mut self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        let path = self.tmp.join(rel);
        if let Some(d) = path.parent() {
            fs::create_dir_all(d).map_err(werr(d))?;
        }
        fs::write(&path, bytes).map_err(werr(&path))?;
        self.files += 1;
        self.bytes += bytes.len() as u64;
        Ok(())
    }

    /// Files and bytes written so far.
    pub fn written(&self) -> (usize, u64) {
        (self.files, self.bytes)
    }

    /// Move the complete site into place, replacing the one there.
    pub fn finish(mut self) -> Result<PathBuf, Error> {
        let dir = self.dir.clone();
        if dir.exists() {
            let old = fsutil::temp_beside(&dir);
            fs::rename(&dir, &old).map_err(werr(&dir))?;
            fs::rename(&self.tmp, &dir).map_err(werr(&dir))?;
            fs::remove_dir_all(&old).map_err(werr(&old))?;
        } else {
            fs::rename(&self.tmp, &dir).map_err(werr(&dir))?;
        }
        self.done = true;
        Ok(dir)
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
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
