//! Writing files so that a reader never sees half of one: write a temporary file beside the
//! target, flush it to disk, then rename (or, to create without replacing, link) it into place.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::Error;

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A fresh name beside `path` for a temporary file or directory.
pub fn temp_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{name}.tmp-{}-{n}", std::process::id()))
}

/// Replace `path` with `bytes` atomically, keeping the file's permissions.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = temp_beside(path);
    let result = (|| {
        write_temp(&tmp, bytes)?;
        if let Ok(meta) = fs::metadata(path) {
            fs::set_permissions(&tmp, meta.permissions())?;
        }
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn write_temp(tmp: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = fs::File::create(tmp)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Create `path` with `bytes`, all at once, only if nothing is there: the complete file is
/// linked into place, and linking fails (`AlreadyExists`) if a file appeared meanwhile, where a
/// check before a rename would overwrite it.
pub fn create_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = temp_beside(path);
    let result = write_temp(&tmp, bytes).and_then(|()| fs::hard_link(&tmp, path));
    let _ = fs::remove_file(&tmp);
    result
}

/// Whether a file already at the path may be replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    Replace,
    Keep,
}

/// Write a dataset file: its directory created, the file written atomically; with
/// [`Existing::Keep`], a file already there is left as it is and reported as
/// [`Error::Exists`]. Errors name the path that failed.
pub fn write_file(path: &Path, bytes: &[u8], existing: Existing) -> Result<(), Error> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let written = match existing {
        Existing::Replace => write_atomic(path, bytes),
        Existing::Keep => create_atomic(path, bytes),
    };
    written.map_err(|source| match source.kind() {
        std::io::ErrorKind::AlreadyExists => Error::Exists(path.to_path_buf()),
        _ => Error::Write {
            path: path.to_path_buf(),
            source,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        fs::write(&p, "old").unwrap();
        write_atomic(&p, b"new").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn creating_never_replaces_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("pe").join("a.json");
        write_file(&p, b"first", Existing::Keep).unwrap();
        let again = write_file(&p, b"second", Existing::Keep);
        assert!(
            matches!(again, Err(Error::Exists(ref at)) if *at == p),
            "{again:?}"
        );
        assert_eq!(fs::read_to_string(&p).unwrap(), "first");
        write_file(&p, b"third", Existing::Replace).unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "third");
        assert_eq!(fs::read_dir(p.parent().unwrap()).unwrap().count(), 1);
    }
}
