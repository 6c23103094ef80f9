//! Temporary files and directories beside their targets: named so that two runs never collide
//! and a later run can tell a dead run's leftovers, created exclusively (a name that already
//! exists, a planted link included, is never opened or followed), and cleaned up.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// What every temporary name carries after the target's name.
const MARK: &str = ".sourcebook-tmp-";

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A fresh name beside `path`: `.NAME.sourcebook-tmp-PID-N-NONCE`. The process id lets a later
/// run tell leftovers of a run that died; the nonce makes names hard to guess in advance.
pub fn name_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nonce = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    path.with_file_name(format!(
        ".{name}{MARK}{}-{n}-{nonce:08x}",
        std::process::id()
    ))
}

/// The process that made a temporary name, if `name` is one.
pub fn owner(name: &str) -> Option<u32> {
    let (_, rest) = name.strip_prefix('.')?.split_once(MARK)?;
    rest.split('-').next()?.parse().ok()
}

/// Create a new temporary file beside `path`, exclusively: `create_new` fails on any name that
/// exists, a symbolic link included, instead of opening what it points to.
pub fn create_file(path: &Path) -> io::Result<(PathBuf, fs::File)> {
    loop {
        let tmp = name_beside(path);
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Create a new temporary directory beside `path`, exclusively (`mkdir` never follows a link).
pub fn create_dir(path: &Path) -> io::Result<PathBuf> {
    loop {
        let tmp = name_beside(path);
        match fs::create_dir(&tmp) {
            Ok(()) => return Ok(tmp),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Whether the process `pid` is still running. Where that cannot be asked, a process is taken
/// to be running, so nothing of a live run is ever removed.
fn running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

/// Remove the temporaries in `dir` left by runs that are no longer running (a kill, a power
/// cut); returns how many. Files and directories alike; links are removed, never followed.
pub fn clean_stale(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name.to_str().and_then(owner) else {
            continue;
        };
        if running(pid) {
            continue;
        }
        let path = e.path();
        let gone = match e.file_type() {
            Ok(t) if t.is_dir() => fs::remove_dir_all(&path),
            _ => fs::remove_file(&path),
        };
        if gone.is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_say_whose_they_are() {
        let n = name_beside(Path::new("/d/pe/records/pe-x.json"));
        let name = n.file_name().unwrap().to_str().unwrap();
        assert!(name.starts_with(".pe-x.json.sourcebook-tmp-"), "{name}");
        assert_eq!(owner(name), Some(std::process::id()));
        assert_eq!(owner("pe-x.json"), None);
        assert_eq!(owner(".pe-x.json.tmp-1-2"), None);
        assert_ne!(n, name_beside(Path::new("/d/pe/records/pe-x.json")));
    }

    #[test]
    #[cfg(unix)]
    fn a_planted_link_is_never_opened() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        fs::write(&outside, "precious").unwrap();
        let target = dir.path().join("a.json");
        // Plant a link at the next name; creation must step past it, not write through it.
        let next = name_beside(&target);
        std::os::unix::fs::symlink(&outside, &next).unwrap();
        let (tmp, _) = create_file(&target).unwrap();
        assert_ne!(tmp, next);
        assert_eq!(fs::read_to_string(&outside).unwrap(), "precious");
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn only_dead_runs_are_cleaned() {
        let dir = tempfile::tempdir().unwrap();
        let mine = name_beside(&dir.path().join("a.json"));
        fs::write(&mine, "").unwrap();
        // A process id no live process has (above the kernel's maximum).
        let dead = dir.path().join(".b.json.sourcebook-tmp-4294967295-0-0");
        fs::write(&dead, "").unwrap();
        let dead_dir = dir
            .path()
            .join(".sourcebook-0.1.0.sourcebook-tmp-4294967294-1-0");
        fs::create_dir(&dead_dir).unwrap();
        fs::write(dead_dir.join("x"), "").unwrap();
        assert_eq!(clean_stale(dir.path()), 2);
        assert!(mine.exists() && !dead.exists() && !dead_dir.exists());
    }
}
