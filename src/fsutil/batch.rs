//! Writing several files of the dataset as one change: every file is written to a temporary
//! beside its target first, and only when all are written are they put in place; if putting
//! one in place fails, those already placed are undone, so the dataset is left as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::file::{Existing, ensure_dirs, replaceable, stage, sync_dir, write_err};
use super::temp;
use crate::error::Error;

#[derive(Debug)]
struct Staged {
    target: PathBuf,
    tmp: PathBuf,
    existing: Existing,
}

/// What placing one file did, to undo it.
enum Placed {
    Created(PathBuf),
    Replaced { target: PathBuf, backup: PathBuf },
}

/// Files written aside, to be placed together.
#[derive(Debug)]
pub struct Batch {
    root: PathBuf,
    staged: Vec<Staged>,
}

impl Batch {
    /// A batch of files under the dataset directory `root`.
    pub fn new(root: &Path) -> Batch {
        Batch {
            root: root.to_path_buf(),
            staged: Vec::new(),
        }
    }

    /// Write `bytes` aside for `path` (its directories are made now, never through a link).
    /// What would make placing it fail later (a link or a read-only file at the path, or with
    /// [`Existing::Keep`] a file already there) is refused now.
    pub fn add(&mut self, path: &Path, bytes: &[u8], existing: Existing) -> Result<(), Error> {
        ensure_dirs(&self.root, path.parent().unwrap_or(Path::new(".")))?;
        let perms = replaceable(path)?;
        if existing == Existing::Keep && perms.is_some() {
            return Err(Error::Exists(path.to_path_buf()));
        }
        let tmp = stage(path, bytes)?;
        if let Some(p) = perms
            && let Err(e) = fs::set_permissions(&tmp, p)
        {
            let _ = fs::remove_file(&tmp);
            return Err(write_err(path)(e));
        }
        self.staged.push(Staged {
            target: path.to_path_buf(),
            tmp,
            existing,
        });
        Ok(())
    }

    /// Put every file in place, or none: on the first failure, undo what was placed.
    pub fn commit(mut self) -> Result<(), Error> {
        let staged = std::mem::take(&mut self.staged);
        let mut placed: Vec<Placed> = Vec::new();
        let mut failure = None;
        for s in &staged {
            match place(s) {
                Ok(p) => placed.push(p),
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
        }
        for s in &staged {
            let _ = fs::remove_file(&s.tmp);
        }
        match failure {
            None => {
                for p in placed {
                    if let Placed::Replaced { backup, .. } = p {
                        let _ = fs::remove_file(backup);
                    }
                }
                let dirs: std::collections::BTreeSet<&Path> =
                    staged.iter().filter_map(|s| s.target.parent()).collect();
                for d in dirs {
                    sync_dir(d);
                }
                Ok(())
            }
            Some(e) => {
                for p in placed.into_iter().rev() {
                    match p {
                        Placed::Created(t) => {
                            let _ = fs::remove_file(t);
                        }
                        Placed::Replaced { target, backup } => {
                            let _ = fs::rename(backup, target);
                        }
                    }
                }
                Err(e)
            }
        }
    }
}

impl Drop for Batch {
    fn drop(&mut self) {
        for s in &self.staged {
            let _ = fs::remove_file(&s.tmp);
        }
    }
}

fn place(s: &Staged) -> Result<Placed, Error> {
    let target = &s.target;
    match s.existing {
        Existing::Keep => match fs::hard_link(&s.tmp, target) {
            Ok(()) => Ok(Placed::Created(target.clone())),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                Err(Error::Exists(target.clone()))
            }
            Err(e) => Err(write_err(target)(e)),
        },
        Existing::Replace => {
            // Keep the old content under a temporary name until every file is in.
            let backup = match fs::symlink_metadata(target) {
                Ok(_) => {
                    replaceable(target)?;
                    let b = temp::name_beside(target);
                    fs::hard_link(target, &b).map_err(write_err(target))?;
                    Some(b)
                }
                Err(_) => None,
            };
            fs::rename(&s.tmp, target).map_err(write_err(target))?;
            Ok(match backup {
                Some(backup) => Placed::Replaced {
                    target: target.clone(),
                    backup,
                },
                None => Placed::Created(target.clone()),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(dir: &Path) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path()
                        .strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                    fs::read_to_string(e.path()).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    }

    #[test]
    fn all_files_go_in_together() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.json"), "old a").unwrap();
        let mut b = Batch::new(dir.path());
        b.add(&dir.path().join("a.json"), b"new a", Existing::Replace)
            .unwrap();
        b.add(&dir.path().join("pe/b.json"), b"new b", Existing::Keep)
            .unwrap();
        // Nothing is in place before the commit (the staged copies sit under temporary names).
        assert_eq!(
            fs::read_to_string(dir.path().join("a.json")).unwrap(),
            "old a"
        );
        assert!(!dir.path().join("pe/b.json").exists());
        b.commit().unwrap();
        assert_eq!(
            tree(dir.path()),
            [
                ("a.json".into(), "new a".into()),
                ("pe/b.json".into(), "new b".into())
            ]
        );
    }

    #[test]
    fn a_failure_midway_leaves_the_dataset_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.json"), "old a").unwrap();
        let mut b = Batch::new(dir.path());
        b.add(&dir.path().join("a.json"), b"new a", Existing::Replace)
            .unwrap();
        b.add(&dir.path().join("c.json"), b"new c", Existing::Keep)
            .unwrap();
        b.add(&dir.path().join("d.json"), b"new d", Existing::Keep)
            .unwrap();
        // Another writer creates d.json after it was staged: placing it fails.
        fs::write(dir.path().join("d.json"), "someone else's").unwrap();
        let r = b.commit();
        assert!(matches!(r, Err(Error::Exists(_))), "{r:?}");
        assert_eq!(
            tree(dir.path()),
            [
                ("a.json".into(), "old a".into()),
                ("d.json".into(), "someone else's".into())
            ]
        );
    }

    #[test]
    fn a_dropped_batch_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut b = Batch::new(dir.path());
        b.add(&dir.path().join("a.json"), b"x", Existing::Keep)
            .unwrap();
        drop(b);
        assert!(tree(dir.path()).is_empty());
    }
}
