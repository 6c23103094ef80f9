//! The dataset on disk: its layout, the sorted walk, and loading each file into text and a JSON
//! value, reporting every loading fault as a diagnostic.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use walkdir::WalkDir;

use crate::diagnostic::{At, Diagnostic, Label, plural};
use crate::error::Error;
use crate::json::{self, Target};
use crate::rules::load;
use crate::schema::Kind;

/// Limits on what the loader reads.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 1024 * 1024,
            max_depth: 32,
        }
    }
}

/// What a file is, from where it sits.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// `dataset.json`
    Dataset,
    /// `<cc>/country.json`, with the directory name.
    Country { dir: String },
    /// `<cc>/records/<stem>.json`, with the directory name and the file stem.
    Record { dir: String, stem: String },
}

impl Role {
    pub fn kind(&self) -> Kind {
        match self {
            Role::Dataset => Kind::Dataset,
            Role::Country { .. } => Kind::Country,
            Role::Record { .. } => Kind::Record,
        }
    }
}

fn is_country_dir(name: &str) -> bool {
    name.len() == 2 && name.bytes().all(|b| b.is_ascii_lowercase())
}

/// The kind of a file that belongs in the layout, from its relative path, without allocating:
/// for the walk, which asks it of every file.
pub fn kind_of(rel: &str) -> Option<Kind> {
    if rel == "dataset.json" {
        return Some(Kind::Dataset);
    }
    let (dir, rest) = rel.split_at_checked(2)?;
    if !is_country_dir(dir) {
        return None;
    }
    match rest {
        "/country.json" => Some(Kind::Country),
        _ => {
            let name = rest.strip_prefix("/records/")?;
            (name.ends_with(".json") && !name.contains('/')).then_some(Kind::Record)
        }
    }
}

/// Where a file belongs, from its path relative to the dataset root; `Err` says why it does not.
pub fn classify(rel: &str) -> Result<Role, String> {
    let parts: Vec<&str> = rel.split('/').collect();
    if !rel.ends_with(".json") {
        return Err("it is not a `.json` file".into());
    }
    match parts.as_slice() {
        ["dataset.json"] => Ok(Role::Dataset),
        [dir, "country.json"] if is_country_dir(dir) => Ok(Role::Country {
            dir: dir.to_string(),
        }),
        [dir, "records", name] if is_country_dir(dir) => Ok(Role::Record {
            dir: dir.to_string(),
            stem: name.trim_end_matches(".json").to_string(),
        }),
        [dir, ..] if parts.len() > 1 && !is_country_dir(dir) => Err(format!(
            "`{dir}` is not a country directory (a lower-case ISO 3166-1 alpha-2 code such as `pe`)"
        )),
        _ => Err("no file belongs at this place".into()),
    }
}

/// One file of the dataset, loaded.
#[derive(Debug)]
pub struct File {
    /// Path relative to the dataset root, with `/` separators.
    pub rel: String,
    /// The path as shown in diagnostics: the dataset directory as given, joined with `rel`.
    pub display: String,
    pub role: Role,
    /// The file's text (lossily decoded when it is not UTF-8), when it was kept: `check` keeps it
    /// only for files with findings; `None` too when it could not be read.
    pub text: Option<String>,
    /// Bytes before the JSON body (a byte-order mark).
    pub body_offset: usize,
    /// The parsed value, when the file is JSON.
    pub value: Option<Value>,
}

impl File {
    pub fn label(&self, at: At) -> Label {
        Label::new(self.display.clone(), at)
    }

    pub fn pointer(&self, pointer: impl Into<String>, target: Target) -> Label {
        self.label(At::Pointer(pointer.into(), target))
    }
}

/// The dataset as loaded: every file that belongs, sorted by path.
#[derive(Debug)]
pub struct Loaded {
    pub root: PathBuf,
    pub files: Vec<File>,
}

/// Format `root` joined with `rel` for display, with `/` separators.
pub fn display_path(root: &Path, rel: &str) -> String {
    let root = root.to_string_lossy().replace('\\', "/");
    let root = root.trim_end_matches('/');
    if root.is_empty() || root == "." {
        rel.to_string()
    } else {
        format!("{root}/{rel}")
    }
}

/// The files of a dataset that belong in its layout, as the sorted walk found them: paths
/// relative to the root, with `/` separators. Small enough to hold for any dataset.
#[derive(Debug)]
pub struct Walk {
    pub root: PathBuf,
    pub files: Vec<Box<str>>,
    /// The root as displayed, with a trailing `/` (empty for the current directory).
    prefix: String,
}

impl Walk {
    pub fn new(root: PathBuf, files: Vec<Box<str>>) -> Walk {
        // `display_path` of the empty path is the root with its `/`, or empty for `.`.
        let prefix = display_path(&root, "");
        Walk {
            root,
            files,
            prefix,
        }
    }

    pub fn display(&self, rel: &str) -> String {
        format!("{}{rel}", self.prefix)
    }

    /// A walked file, not yet read.
    pub fn file(&self, rel: &str) -> File {
        File::with_display(rel, self.display(rel))
    }
}

/// Walk `root` in sorted order, reporting what does not belong (misplaced files, links, what
/// cannot be read) and what is missing. Only a root that cannot be walked at all is an error.
pub fn walk(root: &Path) -> Result<(Walk, Vec<Diagnostic>), Error> {
    let meta = fs::metadata(root).map_err(|source| Error::DatasetUnreadable {
        path: root.to_path_buf(),
        source,
    })?;
    if !meta.is_dir() {
        return Err(Error::DatasetNotADirectory(root.to_path_buf()));
    }
    let mut diags = Vec::new();
    let mut files = Vec::new();
    for entry in WalkDir::new(root).follow_links(false).sort_by_file_name() {
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
                    &load::UNREADABLE,
                    format!("cannot be read: {reason}"),
                    Label::new(display_path(root, &rel), At::File),
                ));
                continue;
            }
        };
        let Ok(rel) = entry.path().strip_prefix(root).map(rel_string) else {
            continue;
        };
        if entry.path_is_symlink() {
            diags.push(
                Diagnostic::new(
                    &load::SYMLINK,
                    "symbolic link; links are not followed",
                    Label::new(display_path(root, &rel), At::File),
                )
                .with_help("replace the link with a regular file"),
            );
            continue;
        }
        if entry.file_type().is_dir() {
            continue;
        }
        if !entry.file_type().is_file() {
            diags.push(
                Diagnostic::new(
                    &load::UNEXPECTED_FILE,
                    "unexpected file: it is not a regular file (a socket, pipe or device)",
                    Label::new(display_path(root, &rel), At::File),
                )
                .with_help("remove it from the dataset"),
            );
            continue;
        }
        admit(root, rel, &mut files, &mut diags);
    }
    missing_files(root, &files, &mut diags);
    Ok((Walk::new(root.to_path_buf(), files), diags))
}

/// Take a file into the dataset if its path has a place in the layout (returning whether it
/// did); report it otherwise. Shared by the walk and in-memory checks, so both report a
/// misplaced file alike.
pub fn admit(
    root: &Path,
    rel: String,
    files: &mut Vec<Box<str>>,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    // `kind_of` is the quick answer for the files that belong; `classify` says why not.
    match kind_of(&rel).map_or_else(|| classify(&rel).map(|_| ()), |_| Ok(())) {
        Ok(()) => {
            files.push(rel.into_boxed_str());
            true
        }
        Err(why) => {
            diags.push(
                Diagnostic::new(
                    &load::UNEXPECTED_FILE,
                    format!("unexpected file: {why}"),
                    Label::new(display_path(root, &rel), At::File),
                )
                .with_help(
                    "the dataset holds `dataset.json`, `<cc>/country.json` and \
                 `<cc>/records/<id>.json`; move, rename or delete this file",
                ),
            );
            false
        }
    }
}

/// Walk `root` and load every file into memory, text and value. For tools that need the whole
/// dataset at hand (`fmt`, `release`, `new`); `check` streams instead.
pub fn load(root: &Path, limits: Limits) -> Result<(Loaded, Vec<Diagnostic>), Error> {
    let (walk, mut diags) = walk(root)?;
    let mut files = Vec::with_capacity(walk.files.len());
    for rel in &walk.files {
        let mut file = File::new(root, rel);
        read_file(&root.join(&**rel), &mut file, limits, &mut diags);
        files.push(file);
    }
    Ok((
        Loaded {
            root: root.to_path_buf(),
            files,
        },
        diags,
    ))
}

impl File {
    /// A file of the layout, not yet read. `rel` must be one `classify` accepts.
    pub fn new(root: &Path, rel: &str) -> File {
        File::with_display(rel, display_path(root, rel))
    }

    fn with_display(rel: &str, display: String) -> File {
        File {
            rel: rel.to_string(),
            display,
            role: classify(rel).expect("walked files belong in the layout"),
            text: None,
            body_offset: 0,
            value: None,
        }
    }
}

/// A relative path as the dataset names files: components joined with `/`.
pub fn rel_string(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Why a file's bytes could not be had.
#[derive(Debug)]
pub enum ReadFault {
    Io(std::io::Error),
    TooLarge,
}

impl ReadFault {
    /// The diagnostic for this fault on `file`.
    pub fn diagnostic(self, file: &File, limits: Limits) -> Diagnostic {
        match self {
            ReadFault::Io(e) => Diagnostic::new(
                &load::UNREADABLE,
                format!("cannot be read: {e}"),
                file.label(At::File),
            ),
            ReadFault::TooLarge => Diagnostic::new(
                &load::TOO_LARGE,
                format!(
                    "file is larger than the limit of {} bytes and was not read",
                    limits.max_file_bytes
                ),
                file.label(At::File),
            )
            .with_help(
                "a record is one citation with short excerpts, usually one or two kilobytes",
            ),
        }
    }
}

/// Read a file, refusing one over the size limit. The buffer is sized from the file's
/// metadata so the read takes one call (without a size, `read_to_end` probes and regrows, which
/// was most of the time `check` spent); reading one byte past the limit still tells a file that
/// is too large, whatever the metadata said.
pub fn read_bytes(path: &Path, limits: Limits) -> Result<Vec<u8>, ReadFault> {
    use std::io::Read;
    let limit = limits.max_file_bytes;
    let file = fs::File::open(path).map_err(ReadFault::Io)?;
    let size = file.metadata().map_or(0, |m| m.len()).min(limit + 1);
    let mut bytes = Vec::with_capacity(size as usize + 64);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadFault::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadFault::TooLarge);
    }
    Ok(bytes)
}

/// Read and parse one file, recording its faults.
fn read_file(path: &Path, file: &mut File, limits: Limits, diags: &mut Vec<Diagnostic>) {
    match read_bytes(path, limits) {
        Ok(bytes) => parse_bytes(bytes, file, limits, diags),
        Err(fault) => diags.push(fault.diagnostic(file, limits)),
    }
}

/// The length of the UTF-8 byte-order mark `text` starts with, if any: where its JSON begins.
pub fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    }
}

/// Decode and parse a file's bytes (split from reading so tests can feed bytes directly).
pub fn parse_bytes(bytes: Vec<u8>, file: &mut File, limits: Limits, diags: &mut Vec<Diagnostic>) {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bad = e.utf8_error().error_len().unwrap_or(1);
            let shown = &e.as_bytes()[at..at + bad];
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let width = '\u{fffd}'.len_utf8();
            diags.push(
                Diagnostic::new(
                    &load::INVALID_UTF8,
                    format!(
                        "not valid UTF-8: invalid byte{} {}",
                        plural(bad),
                        shown
                            .iter()
                            .map(|b| format!("0x{b:02X}"))
                            .collect::<Vec<_>>()
                            .join(" ")
                    ),
                    file.label(At::Span(at..at + width)),
                )
                .with_help("re-save the file as UTF-8"),
            );
            file.text = Some(lossy);
            return;
        }
    };
    if text.trim().is_empty() {
        diags.push(Diagnostic::new(
            &load::EMPTY_FILE,
            "file is empty",
            file.label(At::Span(0..text.len())),
        ));
        file.text = Some(text);
        return;
    }
    file.body_offset = bom_len(&text);
    if file.body_offset > 0 {
        diags.push(
            Diagnostic::new(
                &load::BYTE_ORDER_MARK,
                "file starts with a UTF-8 byte-order mark",
                file.label(At::Span(0..file.body_offset)),
            )
            .with_help("save the file as UTF-8 without BOM, or run `sourcebook fmt`"),
        );
    }
    let body = &text[file.body_offset..];
    match json::parse(body, limits.max_depth) {
        Ok(parsed) => {
            let off = file.body_offset;
            for d in &parsed.duplicates {
                let field = if d.object.is_empty() {
                    format!("`{}`", d.key)
                } else {
                    format!("`{}` in `{}`", d.key, json::field_path(&d.object))
                };
                diags.push(
                    Diagnostic::new(
                        &load::DUPLICATE_KEY,
                        format!("duplicate key {field}"),
                        file.label(At::Span(d.repeat.start + off..d.repeat.end + off))
                            .with_text("defined again here"),
                    )
                    .with_secondary(
                        file.label(At::Span(d.first.start + off..d.first.end + off))
                            .with_text("first defined here"),
                    )
                    .with_help("keep one of the two; readers disagree about which one counts"),
                );
            }
            if let Some(r) = parsed.too_deep {
                diags.push(Diagnostic::new(
                    &load::TOO_DEEP,
                    format!(
                        "objects and arrays nest deeper than {} levels; the deeper part is not checked",
                        limits.max_depth
                    ),
                    file.label(At::Span(r.start + off..r.end + off)),
                ));
            } else {
                file.value = Some(parsed.value);
            }
        }
        Err(e) if e.too_deep => {
            let off = file.body_offset;
            diags.push(Diagnostic::new(
                &load::TOO_DEEP,
                format!(
                    "objects and arrays nest deeper than {} levels; the file is not checked",
                    limits.max_depth
                ),
                file.label(At::Span(
                    e.span.start + off..e.span.end.max(e.span.start + 1) + off,
                )),
            ));
        }
        Err(e) => {
            let off = file.body_offset;
            diags.push(
                Diagnostic::new(
                    &load::INVALID_JSON,
                    format!("invalid JSON: {}", e.message),
                    file.label(At::Span(e.span.start + off..e.span.end.max(e.span.start + 1) + off)),
                )
                .with_help("the dataset is strict JSON (RFC 8259): no comments, trailing commas, single quotes, unusual white space or raw control characters"),
            );
        }
    }
    file.text = Some(text);
}

/// `dataset.json` must exist, and so must `country.json` for every country with records.
pub fn missing_files(root: &Path, files: &[Box<str>], diags: &mut Vec<Diagnostic>) {
    if !files.iter().any(|f| &**f == "dataset.json") {
        diags.push(
            Diagnostic::new(
                &load::MISSING_FILE,
                "the dataset has no `dataset.json`",
                Label::new(display_path(root, "dataset.json"), At::File),
            )
            .with_help(
                "every dataset starts with `dataset.json`: its name, version, topics and policy",
            ),
        );
    }
    let mut countries = BTreeSet::new();
    let mut with_records = BTreeSet::new();
    for f in files {
        match kind_of(f) {
            Some(Kind::Country) => {
                countries.insert(&f[..2]);
            }
            Some(Kind::Record) => {
                with_records.insert(&f[..2]);
            }
            _ => {}
        }
    }
    for dir in with_records.difference(&countries) {
        let rel = format!("{dir}/country.json");
        diags.push(
            Diagnostic::new(
                &load::MISSING_FILE,
                format!("`{dir}` has records but no `country.json`"),
                Label::new(display_path(root, &rel), At::File),
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
    use super::*;

    #[test]
    fn classifies_the_layout() {
        assert_eq!(classify("dataset.json"), Ok(Role::Dataset));
        assert_eq!(
            classify("pe/country.json"),
            Ok(Role::Country { dir: "pe".into() })
        );
        assert_eq!(
            classify("pe/records/pe-nd-x.json"),
            Ok(Role::Record {
                dir: "pe".into(),
                stem: "pe-nd-x".into()
            })
        );
        assert!(
            classify("pe/records/notes.txt")
                .unwrap_err()
                .contains(".json")
        );
        assert!(
            classify("peru/country.json")
                .unwrap_err()
                .contains("not a country directory")
        );
        assert!(classify("pe/extra.json").is_err());
        assert!(classify("pe/records/sub/x.json").is_err());
        assert!(classify("country.json").is_err());
    }

    #[test]
    fn a_file_that_cannot_be_read_is_a_diagnostic() {
        // Reading a directory fails on every platform, whoever runs the test (permission
        // bits do not stop root).
        let dir = std::env::temp_dir();
        let mut file = File {
            rel: "pe/records/pe-x.json".into(),
            display: "pe/records/pe-x.json".into(),
            role: Role::Record {
                dir: "pe".into(),
                stem: "pe-x".into(),
            },
            text: None,
            body_offset: 0,
            value: None,
        };
        let mut diags = Vec::new();
        read_file(&dir, &mut file, Limits::default(), &mut diags);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code(), "SB107");
        assert!(
            diags[0].message.starts_with("cannot be read: "),
            "{}",
            diags[0].message
        );
        assert!(file.text.is_none() && file.value.is_none());
    }

    #[test]
    fn kind_of_agrees_with_classify() {
        for rel in [
            "dataset.json",
            "pe/country.json",
            "pe/records/pe-nd-x.json",
            "pe/records/notes.txt",
            "peru/country.json",
            "pe/extra.json",
            "pe/records/sub/x.json",
            "country.json",
            "PE/country.json",
            "pé/country.json",
            "p",
        ] {
            assert_eq!(kind_of(rel), classify(rel).ok().map(|r| r.kind()), "{rel}");
        }
    }

    #[test]
    fn displays_paths_with_forward_slashes() {
        assert_eq!(
            display_path(Path::new("dataset"), "pe/country.json"),
            "dataset/pe/country.json"
        );
        assert_eq!(
            display_path(Path::new("./"), "dataset.json"),
            "dataset.json"
        );
        assert_eq!(
            display_path(Path::new("/tmp/d/"), "dataset.json"),
            "/tmp/d/dataset.json"
        );
    }
}
