//! Writing one file so that no reader ever sees half of it and nothing is written where the
//! dataset does not own the path: a temporary beside the target, flushed to disk, then renamed
//! (or, to create without replacing, linked) into place; never through a symbolic link, never
//! over a read-only file, keeping the mode of the file it replaces.

use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path};

use super::temp;
use crate::error::Error;

/// Whether a file already at the path may be replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    Replace,
    Keep,
}

pub(super) fn write_err(path: &Path) -> impl FnOnce(io::Error) -> Error + '_ {
    move |source| Error::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// Make sure every directory from `root` (exclusive) down to `dir` is a real directory,
/// creating the missing ones one at a time: a symbolic link on the way is refused, where
/// `create_dir_all` would follow it out of the dataset.
pub fn ensure_dirs(root: &Path, dir: &Path) -> Result<(), Error> {
    let rel = dir.strip_prefix(root).unwrap_or(dir);
    let mut at = if dir.starts_with(root) {
        root.to_path_buf()
    } else {
        std::path::PathBuf::new()
    };
    for c in rel.components() {
        match c {
            Component::Normal(name) => at.push(name),
            Component::CurDir => continue,
            other => {
                at.push(other.as_os_str());
                continue;
            }
        }
        match fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => return Err(Error::ThroughLink(at)),
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(Error::Write {
                    path: at,
                    source: io::Error::new(io::ErrorKind::NotADirectory, "not a directory"),
                });
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => match fs::create_dir(&at) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    // Made meanwhile by another writer: look again.
                    let m = fs::symlink_metadata(&at).map_err(write_err(&at))?;
                    if !m.is_dir() {
                        return Err(Error::ThroughLink(at));
                    }
                }
                Err(e) => return Err(write_err(&at)(e)),
            },
            Err(e) => return Err(write_err(&at)(e)),
        }
    }
    Ok(())
}

/// What is at `path` now, as far as replacing it goes: nothing, or a regular file that may be
/// replaced (with its permissions); a link or a read-only file is refused.
pub(super) fn replaceable(path: &Path) -> Result<Option<fs::Permissions>, Error> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(write_err(path)(e)),
        Ok(m) if m.file_type().is_symlink() => Err(Error::ThroughLink(path.to_path_buf())),
        Ok(m) if !m.is_file() => Err(Error::Write {
            path: path.to_path_buf(),
            source: io::Error::other("not a regular file"),
        }),
        Ok(m) if m.permissions().readonly() => Err(Error::ReadOnly(path.to_path_buf())),
        Ok(m) => Ok(Some(m.permissions())),
    }
}

/// Remove a dead run's temporaries from `dir`, the first time this process writes there (a
/// directory of many records is read once, not once a file).
fn clean_once(dir: &Path) {
    use std::collections::HashSet;
    use std::sync::Mutex;
    static CLEANED: Mutex<Option<HashSet<std::path::PathBuf>>> = Mutex::new(None);
    let first = CLEANED
        .lock()
        .map(|mut g| g.get_or_insert_with(HashSet::new).insert(dir.to_path_buf()))
        .unwrap_or(false);
    if first {
        temp::clean_stale(dir);
    }
}

/// Write `bytes` to a new temporary beside `path`, flushed to disk; its name.
pub(super) fn stage(path: &Path, bytes: &[u8]) -> Result<std::path::PathBuf, Error> {
    clean_once(path.parent().unwrap_or(Path::new(".")));
    let (tmp, mut f) = temp::create_file(path).map_err(write_err(path))?;
    let written = f.write_all(bytes).and_then(|()| f.sync_all());
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(write_err(path)(e));
    }
    Ok(tmp)
}

/// Flush a directory's entries (a rename or link in it) to disk, where the platform can.
pub(super) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Write a file of the dataset under `root`: its directories made (never through a link), the
/// file written atomically. With [`Existing::Keep`], a file already there is left as it is and
/// reported as [`Error::Exists`]. Errors name the path that failed.
pub fn write_file(root: &Path, path: &Path, bytes: &[u8], existing: Existing) -> Result<(), Error> {
    let dir = path.parent().unwrap_or(Path::new("."));
    ensure_dirs(root, dir)?;
    let perms = match existing {
        Existing::Replace => replaceable(path)?,
        Existing::Keep => None,
    };
    let tmp = stage(path, bytes)?;
    let placed = match existing {
        Existing::Replace => perms
            .map_or(Ok(()), |p| fs::set_permissions(&tmp, p))
            .and_then(|()| fs::rename(&tmp, path)),
        // Linking fails if a file appeared meanwhile, where a check before a rename would
        // overwrite it.
        Existing::Keep => fs::hard_link(&tmp, path),
    };
    let _ = fs::remove_file(&tmp);
    placed.map_err(|source| match source.kind() {
        io::ErrorKind::AlreadyExists => Error::Exists(path.to_path_buf()),
        _ => Error::Write {
            path: path.to_path_buf(),
            source,
        },
    })?;
    sync_dir(dir);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        fs::write(&p, "old").unwrap();
        write_file(dir.path(), &p, b"new", Existing::Replace).unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn creating_never_replaces_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("pe").join("a.json");
        write_file(dir.path(), &p, b"first", Existing::Keep).unwrap();
        let again = write_file(dir.path(), &p, b"second", Existing::Keep);
        assert!(
            matches!(again, Err(Error::Exists(ref at)) if *at == p),
            "{again:?}"
        );
        assert_eq!(fs::read_to_string(&p).unwrap(), "first");
        write_file(dir.path(), &p, b"third", Existing::Replace).unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "third");
        assert_eq!(fs::read_dir(p.parent().unwrap()).unwrap().count(), 1);
    }

    #[test]
    #[cfg(unix)]
    fn keeps_the_mode_and_refuses_read_only_files() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        fs::write(&p, "old").unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
        write_file(dir.path(), &p, b"new", Existing::Replace).unwrap();
        let mode = fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        fs::set_permissions(&p, fs::Permissions::from_mode(0o444)).unwrap();
        let refused = write_file(dir.path(), &p, b"newer", Existing::Replace);
        assert!(matches!(refused, Err(Error::ReadOnly(_))), "{refused:?}");
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
    }

    #[test]
    #[cfg(unix)]
    fn never_writes_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("dataset");
        let elsewhere = dir.path().join("elsewhere");
        fs::create_dir_all(root.join("pe")).unwrap();
        fs::create_dir(&elsewhere).unwrap();
        // A records directory that is a link out of the dataset.
        std::os::unix::fs::symlink(&elsewhere, root.join("pe/records")).unwrap();
        let through = write_file(
            &root,
            &root.join("pe/records/pe-x.json"),
            b"{}",
            Existing::Keep,
        );
        assert!(matches!(through, Err(Error::ThroughLink(_))), "{through:?}");
        assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0);
        // A file that is a link is not replaced.
        fs::write(elsewhere.join("target.json"), "outside").unwrap();
        std::os::unix::fs::symlink(elsewhere.join("target.json"), root.join("pe/a.json")).unwrap();
        let over = write_file(&root, &root.join("pe/a.json"), b"{}", Existing::Replace);
        assert!(matches!(over, Err(Error::ThroughLink(_))), "{over:?}");
        assert_eq!(
            fs::read_to_string(elsewhere.join("target.json")).unwrap(),
            "outside"
        );
    }
}
