//! Replacing a whole directory at once: its new content is built in a temporary directory
//! beside it, then swapped into place, so a reader sees the old directory or the new one and,
//! whatever happens to the process, never neither.
//!
//! Where the system can swap two names in one step (`renameat2(RENAME_EXCHANGE)` on Linux,
//! `renameatx_np(RENAME_SWAP)` on macOS) that is how the new directory goes in. Elsewhere it
//! takes two renames, old aside then new in; a kill between them leaves the old directory
//! under its temporary name, and the next run puts it back before doing anything
//! ([`StagedDir::new`] calls [`recover`]).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::file::{sync_dir, write_err};
use super::temp;
use crate::error::Error;

/// A directory being built beside its target; removed if dropped before [`commit`].
///
/// [`commit`]: StagedDir::commit
#[derive(Debug)]
pub struct StagedDir {
    target: PathBuf,
    tmp: Option<PathBuf>,
}

impl StagedDir {
    /// Start building the directory that will replace `target` (which need not exist; if it
    /// does, it must be a directory). The parent is created if missing; leftovers of earlier
    /// runs that died beside the target are cleaned up first.
    pub fn new(target: &Path) -> Result<StagedDir, Error> {
        let parent = parent(target);
        fs::create_dir_all(parent).map_err(write_err(parent))?;
        recover(target)?;
        temp::clean_stale(parent);
        match fs::symlink_metadata(target) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => return Err(Error::NotADirectoryInTheWay(target.to_path_buf())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(write_err(target)(e)),
        }
        let tmp = temp::create_dir(target).map_err(write_err(target))?;
        Ok(StagedDir {
            target: target.to_path_buf(),
            tmp: Some(tmp),
        })
    }

    /// Where to build.
    pub fn path(&self) -> &Path {
        self.tmp.as_deref().expect("not yet committed")
    }

    /// Create the file at `rel` (a `/`-separated path) in the directory being built, and its
    /// directories; exclusively, as the directory is new and the tool's alone.
    pub fn create(&self, rel: &str) -> Result<fs::File, Error> {
        let path = self.path().join(rel);
        if let Some(d) = path.parent() {
            super::file::ensure_dirs(self.path(), d)?;
        }
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(write_err(&path))
    }

    /// Write the file at `rel` whole.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        let path = self.path().join(rel);
        let mut f = self.create(rel)?;
        std::io::Write::write_all(&mut f, bytes).map_err(write_err(&path))
    }

    /// Flush what was built, then put it in the target's place; the old directory, if any, is
    /// removed once the new one is in.
    pub fn commit(mut self) -> Result<(), Error> {
        let tmp = self.tmp.take().expect("committed once");
        sync_tree(&tmp);
        let result = swap_in(&tmp, &self.target);
        if result.is_err() {
            let _ = fs::remove_dir_all(&tmp);
        }
        result
    }
}

impl Drop for StagedDir {
    fn drop(&mut self) {
        if let Some(tmp) = self.tmp.take() {
            let _ = fs::remove_dir_all(tmp);
        }
    }
}

fn parent(p: &Path) -> &Path {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Flush every file of a freshly built tree to disk before it is made visible.
fn sync_tree(dir: &Path) {
    for e in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if e.file_type().is_file()
            && let Ok(f) = fs::File::open(e.path())
        {
            let _ = f.sync_all();
        }
    }
    sync_dir(dir);
}

/// The name the old directory is moved aside to on systems without an atomic swap; fixed per
/// target, so a later run finds it.
fn aside(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.sourcebook-old"))
}

/// Put a directory moved aside by a run that died between its two renames back in place.
pub fn recover(target: &Path) -> Result<(), Error> {
    let old = aside(target);
    if fs::symlink_metadata(&old).is_err() {
        return Ok(());
    }
    if fs::symlink_metadata(target).is_err() {
        fs::rename(&old, target).map_err(write_err(target))
    } else {
        // The new directory made it in; the old one is only left to remove.
        fs::remove_dir_all(&old).map_err(write_err(&old))
    }
}

fn swap_in(tmp: &Path, target: &Path) -> Result<(), Error> {
    if fs::symlink_metadata(target).is_err() {
        fs::rename(tmp, target).map_err(write_err(target))?;
        sync_dir(parent(target));
        return Ok(());
    }
    match exchange(tmp, target) {
        Ok(()) => {
            sync_dir(parent(target));
            // `tmp` now names the old directory.
            fs::remove_dir_all(tmp).map_err(write_err(tmp))
        }
        Err(_) => {
            let old = aside(target);
            fs::rename(target, &old).map_err(write_err(target))?;
            fs::rename(tmp, target).map_err(write_err(target))?;
            sync_dir(parent(target));
            fs::remove_dir_all(&old).map_err(write_err(&old))
        }
    }
}

/// Swap two names in one step, where the system can.
#[cfg(any(target_os = "linux", target_os = "android", target_os = "macos"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_os = "macos")))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn builds_aside_then_replaces_whole() {
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join("bundle");
        let s = StagedDir::new(&target).unwrap();
        fs::write(s.path().join("a"), "old").unwrap();
        s.commit().unwrap();
        let s = StagedDir::new(&target).unwrap();
        fs::write(s.path().join("b"), "new").unwrap();
        // Until the commit the old bundle is whole.
        assert_eq!(names(&target), ["a"]);
        s.commit().unwrap();
        assert_eq!(names(&target), ["b"]);
        assert_eq!(names(out.path()), ["bundle"]);
    }

    #[test]
    fn a_dropped_build_leaves_nothing() {
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join("bundle");
        {
            let s = StagedDir::new(&target).unwrap();
            fs::write(s.path().join("a"), "x").unwrap();
        }
        assert!(names(out.path()).is_empty());
    }

    #[test]
    fn a_file_in_the_way_is_refused_before_anything_moves() {
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join("bundle");
        fs::write(&target, "the user's file").unwrap();
        let r = StagedDir::new(&target);
        assert!(matches!(r, Err(Error::NotADirectoryInTheWay(_))), "{r:?}");
        assert_eq!(fs::read_to_string(&target).unwrap(), "the user's file");
        assert_eq!(names(out.path()), ["bundle"]);
    }

    #[test]
    fn a_run_killed_between_two_renames_is_recovered() {
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join("bundle");
        // As the two-step swap leaves it if killed after the first rename.
        fs::create_dir(aside(&target)).unwrap();
        fs::write(aside(&target).join("a"), "old").unwrap();
        let s = StagedDir::new(&target).unwrap();
        assert_eq!(names(&target), ["a"]);
        drop(s);
        assert_eq!(names(out.path()), ["bundle"]);
    }
}
