//! What a GitHub release uploads. GitHub names a release's assets by file name alone, so a
//! bundle's subdirectories (`schema/`, `parquet/`) cannot be uploaded as they are: uploading
//! `schema/record.schema.json` gives an asset `record.schema.json`, and the bundle's
//! `SHA256SUMS` and `datapackage.json`, which name the path, no longer match what can be
//! downloaded. So the assets are one flat directory: the whole bundle as `<bundle>.tar.gz` and
//! `<bundle>.zip`, its top-level data files under their own names (unique within a directory),
//! and a `SHA256SUMS` covering exactly these. The bundle's own `SHA256SUMS` and
//! `datapackage.json` describe its layout, so they travel in the archives only.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::archive::{self, Entry};
use super::output::{Output, Written, add_sums};
use crate::error::Error;
use crate::fsutil;

/// Files of a bundle that describe its own layout, and so are published inside the archives
/// only.
pub const ARCHIVED_ONLY: &[&str] = &["SHA256SUMS", "datapackage.json"];

/// The assets written.
#[derive(Debug)]
pub struct Assets {
    pub dir: PathBuf,
    pub files: Vec<Written>,
}

fn read_err(path: &Path) -> impl Fn(walkdir::Error) -> Error + '_ {
    move |e| Error::Read {
        path: path.to_path_buf(),
        source: e.into(),
    }
}

/// Entries of an archive: a path under the bundle's own name, and for a file its place on disk
/// and size.
type Listed = Vec<(String, Option<(PathBuf, u64)>)>;

/// Every directory and file of the bundle, in path order, under the bundle's own name.
fn entries(bundle: &Path, top: &str) -> Result<Listed, Error> {
    let mut out = Vec::new();
    for e in WalkDir::new(bundle).follow_links(false).sort_by_file_name() {
        let e = e.map_err(read_err(bundle))?;
        let rel = e
            .path()
            .strip_prefix(bundle)
            .expect("walked under the bundle");
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let name = std::iter::once(top.to_string())
            .chain(rel)
            .collect::<Vec<_>>()
            .join("/");
        if e.file_type().is_dir() {
            out.push((format!("{name}/"), None));
        } else if e.file_type().is_file() {
            let size = e.metadata().map_err(read_err(bundle))?.len();
            out.push((name, Some((e.path().to_path_buf(), size))));
        } else {
            return Err(Error::Invalid {
                path: e.path().to_path_buf(),
                message: "a release bundle holds only files and directories".into(),
            });
        }
    }
    Ok(out)
}

fn io_err(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// Write the assets of the bundle at `bundle` into `out` (replaced whole), every entry of the
/// archives dated `mtime` (seconds since 1970).
pub fn write(bundle: &Path, out: &Path, mtime: u64) -> Result<Assets, Error> {
    let top = bundle
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| Error::NotADatasetOrRelease(bundle.to_path_buf()))?
        .to_string();
    if !bundle.join("SHA256SUMS").is_file() {
        return Err(Error::NotADatasetOrRelease(bundle.to_path_buf()));
    }
    let listed = entries(bundle, &top)?;
    let entries: Vec<Entry<'_>> = listed
        .iter()
        .map(|(name, file)| Entry {
            name: name.clone(),
            file: file.as_ref().map(|(p, n)| (p.as_path(), *n)),
        })
        .collect();
    let staged = fsutil::StagedDir::new(out)?;
    let dir = &staged;
    let (tgz, zip) = (format!("{top}.tar.gz"), format!("{top}.zip"));
    // The two archives compress the same files independently: one on each core.
    let (a, b) = std::thread::scope(|s| {
        let tar = s.spawn(|| -> Result<Written, Error> {
            let o = Output::create(dir, &tgz)?;
            archive::tar_gz(&entries, mtime, o)
                .map_err(io_err(&dir.path().join(&tgz)))?
                .finish()
        });
        let zipped = (|| -> Result<Written, Error> {
            let o = Output::create(dir, &zip)?;
            archive::zip(&entries, mtime, o)
                .map_err(io_err(&dir.path().join(&zip)))?
                .finish()
        })();
        (tar.join(), zipped)
    });
    let mut files = vec![
        a.map_err(|_| {
            io_err(&dir.path().join(&tgz))(std::io::Error::other("the archiver stopped"))
        })??,
        b?,
    ];
    for (name, file) in &listed {
        let rel = &name[top.len() + 1..];
        if let Some((path, _)) = file
            && !rel.contains('/')
            && !ARCHIVED_ONLY.contains(&rel)
        {
            let mut o = Output::create(dir, rel)?;
            let mut f = std::fs::File::open(path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            std::io::copy(&mut f, &mut o).map_err(io_err(path))?;
            files.push(o.finish()?);
        }
    }
    add_sums(dir, &mut files)?;
    staged.commit()?;
    Ok(Assets {
        dir: out.to_path_buf(),
        files,
    })
}
