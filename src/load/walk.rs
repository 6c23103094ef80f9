//! Finding a dataset's files: a directory walked and sorted (or a list held in memory), what
//! does not belong (misplaced files, links, what cannot be read) and what is missing.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use walkdir::WalkDir;

use super::codes;
use super::read::{Limits, ReadFault, read_bytes};
use crate::diag::{Diagnostic, Label};
use crate::error::Error;
use crate::layout::{self, FileName, Files, Kind, display_path, rel_string};

/// Where a dataset's bytes come from.
#[derive(Debug)]
enum Input {
    Disk,
    /// Relative paths and their bytes (for tests and tools that check what is not on disk).
    Memory(HashMap<String, Vec<u8>>),
}

/// A dataset's files, found, and the way to their bytes.
#[derive(Debug)]
pub struct Source {
    files: Arc<Files>,
    input: Input,
}

impl Source {
    /// The files that belong in the layout, sorted by path.
    pub fn files(&self) -> &Files {
        &self.files
    }

    /// The files, shared with the names findings give them.
    pub fn shared_files(&self) -> &Arc<Files> {
        &self.files
    }

    /// The name findings give the file at `index` of the walk.
    pub fn name(&self, index: usize) -> FileName {
        FileName::listed(&self.files, index)
    }

    /// The dataset directory.
    pub fn root(&self) -> &Path {
        &self.files.root
    }

    /// The bytes of the file at `rel`, within the size limit.
    pub fn read(&self, rel: &str, limits: Limits) -> Result<Vec<u8>, ReadFault> {
        match &self.input {
            Input::Disk => read_bytes(&self.files.root.join(rel), limits),
            Input::Memory(files) => {
                let bytes = files.get(rel).cloned().unwrap_or_default();
                if bytes.len() as u64 > limits.max_file_bytes {
                    return Err(ReadFault::TooLarge);
                }
                Ok(bytes)
            }
        }
    }
}

/// Walk `root`, reporting what does not belong and what is missing; the files and the findings
/// come in sorted order. Only a root that cannot be walked at all is an error.
pub fn scan(root: &Path) -> Result<(Source, Vec<Diagnostic>), Error> {
    let meta = fs::metadata(root).map_err(|source| super::root::unreadable(root, source))?;
    if !meta.is_dir() {
        return Err(Error::DatasetNotADirectory(root.to_path_buf()));
    }
    if let Some(e) = super::root::not_a_dataset(root) {
        return Err(e);
    }
    let mut diags = Vec::new();
    let mut files = Files::empty(root.to_path_buf());
    // The root itself may be a link (a dataset kept elsewhere): it is followed; nothing below
    // it is.
    // Unsorted: walkdir streams each directory as it reads it, where sorting would hold a
    // directory's every entry (a path apiece) at once: a third of a large check's memory,
    // never given back. The files kept are sorted below instead.
    let mut entries = WalkDir::new(root)
        .follow_links(false)
        .follow_root_links(true)
        .into_iter();
    let mut found = Found::default();
    let root_bytes = root.as_os_str().as_encoded_bytes();
    // The path on disk of each finding the walk makes, to sort them by (see below), and the
    // path of the entry in hand: one buffer for every entry, copied only for a finding.
    let mut places: Vec<PathBuf> = Vec::new();
    let mut place = PathBuf::new();
    while let Some(entry) = entries.next() {
        // What the last entry reported, it reported of its own path.
        if places.len() < diags.len() {
            places.resize(diags.len(), place.clone());
        }
        let path = match &entry {
            Ok(e) => Some(e.path()),
            Err(e) => e.path(),
        };
        place.as_mut_os_string().clear();
        if let Some(p) = path {
            place.as_mut_os_string().push(p.as_os_str());
        }
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let rel = e
                    .path()
                    .and_then(|p| p.strip_prefix(root).ok())
                    .map(rel_string)
                    .unwrap_or_default();
                let reason = e
                    .io_error()
                    .map_or_else(|| e.to_string(), |io| io.to_string());
                diags.push(Diagnostic::new(
                    &codes::UNREADABLE,
                    format!("cannot be read: {reason}"),
                    Label::whole_file(display_path(root, &rel)),
                ));
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let long;
        let rel = match plain_relative(root_bytes, entry.path()) {
            Some(rel) => rel,
            None => {
                let Ok(rel_path) = entry.path().strip_prefix(root) else {
                    continue;
                };
                // A name that is not UTF-8 is reported once, as its bytes, and nothing under
                // it is read: converting it would name another file, or two files alike.
                if rel_path.to_str().is_none() {
                    let shown = layout::escaped_path(rel_path);
                    diags.push(
                        Diagnostic::new(
                            &codes::UNEXPECTED_FILE,
                            format!("unexpected file: its name `{shown}` is not valid UTF-8"),
                            Label::whole_file(display_path(root, &shown)),
                        )
                        .with_help("rename it in UTF-8, or remove it"),
                    );
                    if entry.file_type().is_dir() {
                        entries.skip_current_dir();
                    }
                    continue;
                }
                long = rel_string(rel_path);
                &long
            }
        };
        if entry.path_is_symlink() {
            diags.push(
                Diagnostic::new(
                    &codes::SYMLINK,
                    "symbolic link; links are not followed",
                    Label::whole_file(display_path(root, rel)),
                )
                .with_help("replace the link with a regular file"),
            );
            continue;
        }
        if entry.file_type().is_dir() {
            // A directory where a file of the layout would be is never read as one.
            if rel.ends_with(".json") {
                diags.push(
                    Diagnostic::new(
                        &codes::UNEXPECTED_FILE,
                        "unexpected directory: its name is a file's (`.json`), but it is a directory",
                        Label::whole_file(display_path(root, rel)),
                    )
                    .with_help("rename or remove the directory"),
                );
            }
            continue;
        }
        if !entry.file_type().is_file() {
            diags.push(
                Diagnostic::new(
                    &codes::UNEXPECTED_FILE,
                    "unexpected file: it is not a regular file (a socket, pipe or device)",
                    Label::whole_file(display_path(root, rel)),
                )
                .with_help("remove it from the dataset"),
            );
            continue;
        }
        if admit(root, rel, &mut diags) {
            found.push(rel);
        }
    }
    found.sort_into(&mut files);
    // In the order a sorted walk would meet them, not the order the directories list them:
    // `fmt` and `new` print these as they come, and the first names the fault a build stops
    // at. By the paths on disk, which compare component by component and by their bytes as
    // the walk does (`a/x` before `a-b`; a name that is not UTF-8 where its bytes put it, not
    // where its escaped display would).
    places.resize(diags.len(), place);
    let mut walked: Vec<(PathBuf, Diagnostic)> = places.into_iter().zip(diags).collect();
    walked.sort_by(|a, b| a.0.cmp(&b.0));
    let mut diags: Vec<Diagnostic> = walked.into_iter().map(|(_, d)| d).collect();
    missing_files(root, &files, &mut diags);
    let source = Source {
        files: Arc::new(files),
        input: Input::Disk,
    };
    Ok((source, diags))
}

/// A walked path relative to the root, read from its bytes where that is plainly right: on
/// Unix, below the root's own bytes and in UTF-8 (walkdir joins names with one `/`, so the
/// rest is the dataset's relative path as it is). `None` sends the path the long way:
/// component by component, which reports a name that is not UTF-8.
fn plain_relative<'p>(root: &[u8], path: &'p Path) -> Option<&'p str> {
    if !cfg!(unix) {
        return None;
    }
    let rest = path.as_os_str().as_encoded_bytes().strip_prefix(root)?;
    let rest = rest.strip_prefix(b"/").unwrap_or(rest);
    if rest.is_empty() || rest.starts_with(b"/") || rest.windows(2).any(|w| w == b"//") {
        return None;
    }
    std::str::from_utf8(rest).ok()
}

/// A dataset held in memory: relative paths and their bytes, as they would sit under `root`
/// (which only names them). Misplaced and missing files are reported as the walk reports them.
pub fn in_memory(root: PathBuf, files: Vec<(String, Vec<u8>)>) -> (Source, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut rels = Files::empty(root.clone());
    let mut bytes = HashMap::new();
    let mut files = files;
    // Component by component, as the walk on disk goes.
    files.sort_by(|a, b| a.0.split('/').cmp(b.0.split('/')));
    for (rel, b) in files {
        if admit(&root, &rel, &mut diags) {
            rels.push(&rel);
            bytes.insert(rel, b);
        }
    }
    missing_files(&root, &rels, &mut diags);
    let source = Source {
        files: Arc::new(rels),
        input: Input::Memory(bytes),
    };
    (source, diags)
}

/// The relative paths the walk keeps, in the order it met them: one buffer and where each
/// path ends, so that a large tree costs no allocation per file.
#[derive(Default)]
struct Found {
    text: String,
    ends: Vec<usize>,
}

impl Found {
    fn push(&mut self, rel: &str) {
        self.text.push_str(rel);
        self.ends.push(self.text.len());
    }

    /// Add the paths to `files` in sorted order. Sorting whole paths as bytes gives the order
    /// of a walk that sorts each directory by name: the layout's paths are `dataset.json`,
    /// `<cc>/country.json` and `<cc>/records/<name>`, so two of them differ first either
    /// within one directory's names or where one has `/` and the other a letter, and `/`
    /// sorts before every letter.
    fn sort_into(self, files: &mut Files) {
        let mut spans: Vec<(usize, usize)> = Vec::with_capacity(self.ends.len());
        let mut start = 0;
        for &end in &self.ends {
            spans.push((start, end));
            start = end;
        }
        drop(self.ends);
        spans.sort_unstable_by_key(|&(a, b)| &self.text.as_bytes()[a..b]);
        for (a, b) in spans {
            files.push(&self.text[a..b]);
        }
    }
}

/// Whether a file's path has a place in the layout; a file that has none is reported.
fn admit(root: &Path, rel: &str, diags: &mut Vec<Diagnostic>) -> bool {
    // `kind_of` is the quick answer for the files that belong; `classify` says why not.
    if layout::kind_of(rel).is_some() {
        return true;
    }
    let name = rel.rsplit('/').next().unwrap_or_default();
    if crate::fsutil::temporary_owner(name).is_some() {
        diags.push(
            Diagnostic::new(
                &codes::UNEXPECTED_FILE,
                "unexpected file: a temporary file left by a sourcebook run that was interrupted",
                Label::whole_file(display_path(root, rel)),
            )
            .with_help("delete it; the next `fmt`, `import` or `new` in this directory also does"),
        );
        return false;
    }
    let why = layout::classify(rel).err().unwrap_or_default();
    diags.push(
        Diagnostic::new(
            &codes::UNEXPECTED_FILE,
            format!("unexpected file: {why}"),
            Label::whole_file(display_path(root, rel)),
        )
        .with_help(
            "the dataset holds `dataset.json`, `<cc>/country.json` and \
             `<cc>/records/<id>.json`; move, rename or delete this file",
        ),
    );
    false
}

/// `dataset.json` must exist, and so must `country.json` for every country with records.
fn missing_files(root: &Path, files: &Files, diags: &mut Vec<Diagnostic>) {
    let files = &files.files;
    if !files.iter().any(|f| f == "dataset.json") {
        diags.push(
            Diagnostic::new(
                &codes::MISSING_FILE,
                "the dataset has no `dataset.json`",
                Label::whole_file(display_path(root, "dataset.json")),
            )
            .with_help(
                "every dataset starts with `dataset.json`: its name, version, topics and policy",
            ),
        );
    }
    let mut countries = BTreeSet::new();
    let mut with_records = BTreeSet::new();
    // A country's files come together in the sorted list, so a set is asked only when the
    // country changes: asked for every file, the sets took a thousand instructions a file, on
    // one core before any file is checked.
    let mut last: Option<(&str, Kind)> = None;
    for f in files.iter() {
        let Some(kind) = layout::kind_of(f) else {
            continue;
        };
        let code = &f[..2];
        if last == Some((code, kind)) {
            continue;
        }
        last = Some((code, kind));
        match kind {
            Kind::Country => {
                countries.insert(code);
            }
            Kind::Record => {
                with_records.insert(code);
            }
            Kind::Dataset => {}
        }
    }
    for dir in with_records.difference(&countries) {
        let rel = layout::country_file(dir);
        diags.push(
            Diagnostic::new(
                &codes::MISSING_FILE,
                format!("`{dir}` has records but no `country.json`"),
                Label::whole_file(display_path(root, &rel)),
            )
            .with_help(format!(
                "add `{rel}` (`sourcebook new country --country {}`)",
                dir.to_uppercase()
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{plain_relative, scan};
    use crate::layout::rel_string;

    /// A directory holding `files` (each `{}`).
    fn tree<'a>(files: impl IntoIterator<Item = &'a str>) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for f in files {
            let path = dir.path().join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "{}").unwrap();
        }
        dir
    }

    /// The files under `dir` (and directories named like one, `*.json`) in the order
    /// walkdir's walk sorted by name meets them, each as the walk shows it.
    fn sorted_walk(dir: &Path) -> Vec<String> {
        walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| {
                e.file_type().is_file() || e.file_name().as_encoded_bytes().ends_with(b".json")
            })
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap();
                match rel.to_str() {
                    Some(_) => rel_string(rel),
                    None => crate::layout::escaped_path(rel),
                }
            })
            .collect()
    }

    /// The walk reads directories unsorted and sorts the paths it keeps: the order must be the
    /// one a walk sorting each directory by name gives, which the findings and the releases
    /// follow.
    #[test]
    fn files_come_in_the_order_of_a_walk_sorted_by_name() {
        let files = [
            "dataset.json",
            "da/country.json",
            "da/records/da-2001-a.json",
            "de/records/de-2001-a-b.json",
            "de/records/de-2001-a.json",
            "de/records/de-2001-a.b.json",
            "de/records/de-2001-a0.json",
            "de/records/de-2001-A.json",
            "de/country.json",
            "pe/country.json",
            "pe/records/pe-2001-z.json",
            "pe/records/pe-2001-\u{e9}.json",
            "pe/records/pe-2001-_.json",
            "pe/records/pe-2001-~.json",
        ];
        let dir = tree(files);
        let (source, _) = scan(dir.path()).unwrap();
        let got: Vec<&str> = source.files().files.iter().collect();
        let want = sorted_walk(dir.path());
        assert_eq!(got.len(), files.len());
        assert_eq!(got, want);
    }

    /// What the walk reports comes in the order a sorted walk meets it, whatever order the
    /// directories list their entries in: files and directories that do not belong, and (on
    /// Unix) a name that is not UTF-8, placed by its bytes.
    #[test]
    fn the_walks_findings_come_in_walk_order() {
        let mut stray = vec![
            "a-b/x.txt",
            "a/x.txt",
            "a/y.txt",
            "pe/notes.txt",
            "pe/records/readme.md",
            "pe-x.txt",
            "zz.txt",
            "\u{e9}.txt",
            "b.txt",
        ];
        let dir = tree(
            stray
                .iter()
                .copied()
                .chain(["dataset.json", "pe/country.json"]),
        );
        std::fs::create_dir(dir.path().join("d.json")).unwrap();
        stray.push("d.json");
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let name = std::ffi::OsStr::from_bytes(b"\xff.txt");
            std::fs::write(dir.path().join(name), "{}").unwrap();
            // Shown escaped: the backslash would sort it before `b.txt`; its bytes sort it last.
            stray.push("\\xFF.txt");
        }
        let (_, diags) = scan(dir.path()).unwrap();
        let root = format!("{}/", dir.path().display());
        let got: Vec<&str> = diags
            .iter()
            .map(|d| d.file().strip_prefix(root.as_str()).unwrap())
            .collect();
        let mut want = sorted_walk(dir.path());
        want.retain(|r| stray.contains(&r.as_str()));
        assert_eq!(want.len(), stray.len(), "{want:?}");
        assert_eq!(got, want);
    }

    #[test]
    fn plain_relative_paths_are_what_the_components_give() {
        for (root, path) in [
            ("dataset", "dataset/pe/records/pe-0001.json"),
            ("dataset/", "dataset/pe/records/pe-0001.json"),
            (".", "./dataset.json"),
            ("./data", "./data/pe/country.json"),
            ("/abs/data", "/abs/data/pe/country.json"),
            ("data", "data/pe/r\u{e9}cords/x.json"),
        ] {
            let long = rel_string(Path::new(path).strip_prefix(root).unwrap());
            let plain = plain_relative(root.as_bytes(), Path::new(path));
            if cfg!(unix) {
                assert_eq!(plain, Some(long.as_str()), "{root} {path}");
            } else {
                assert_eq!(plain, None);
            }
        }
        // Anything odd goes the long way.
        assert_eq!(plain_relative(b"data", Path::new("data")), None);
        assert_eq!(plain_relative(b"data", Path::new("other/x.json")), None);
        assert_eq!(plain_relative(b"data", Path::new("data//x.json")), None);
    }
}
