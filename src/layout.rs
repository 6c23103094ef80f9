//! The dataset's layout: the three kinds of file it holds, where each belongs, and how their
//! paths are written and shown. Every part of the crate that asks "what file is this?" asks
//! here.

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The kinds of file a dataset holds, each governed by one schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// `dataset.json`: the dataset's name, version, topics, policy and rule configuration.
    Dataset,
    /// `<cc>/country.json`: a country's profile, helplines and page notices.
    Country,
    /// `<cc>/records/<id>.json`: one source record.
    Record,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Dataset, Kind::Country, Kind::Record];

    /// The file as a message names it when it means the whole file.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Dataset => "the dataset file",
            Kind::Country => "the country file",
            Kind::Record => "the record",
        }
    }
}

/// Where a file of the layout sits: its path relative to the dataset root (with `/`
/// separators) and the kind of file that path makes it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    rel: String,
    kind: Kind,
}

impl Place {
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The path relative to the dataset root.
    pub fn rel(&self) -> &str {
        &self.rel
    }

    /// The country directory a country or record file sits in (`pe`).
    pub fn dir(&self) -> Option<&str> {
        match self.kind {
            Kind::Dataset => None,
            Kind::Country | Kind::Record => Some(&self.rel[..2]),
        }
    }

    /// A record file's name without `.json`.
    pub fn stem(&self) -> Option<&str> {
        match self.kind {
            Kind::Record => self.rel.rsplit('/').next()?.strip_suffix(".json"),
            _ => None,
        }
    }
}

/// Whether a directory's name is a country's: two lower-case ASCII letters.
pub fn is_country_dir(name: &str) -> bool {
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
pub fn classify(rel: &str) -> Result<Place, String> {
    if let Some(kind) = kind_of(rel) {
        return Ok(Place {
            rel: rel.to_string(),
            kind,
        });
    }
    if !rel.ends_with(".json") {
        return Err("it is not a `.json` file".into());
    }
    let parts: Vec<&str> = rel.split('/').collect();
    match parts.as_slice() {
        [dir, ..] if parts.len() > 1 && !is_country_dir(dir) => Err(format!(
            "`{dir}` is not a country directory (a lower-case ISO 3166-1 alpha-2 code such as `pe`)"
        )),
        _ => Err("no file belongs at this place".into()),
    }
}

/// The path of a country's file, relative to the dataset root.
pub fn country_file(code: &str) -> String {
    format!("{}/country.json", code.to_ascii_lowercase())
}

/// The path of a record's file, relative to the dataset root.
pub fn record_file(country: &str, id: &str) -> String {
    format!("{}/records/{id}.json", country.to_ascii_lowercase())
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

/// A path that is not valid UTF-8, as shown in messages: components joined with `/`, each byte
/// that is not UTF-8 written `\xNN`, so two different names never show alike (a lossy
/// conversion would show both as `�`).
pub fn escaped_path(p: &Path) -> String {
    let mut out = String::new();
    for (i, c) in p.components().enumerate() {
        if i > 0 {
            out.push('/');
        }
        for chunk in c.as_os_str().as_encoded_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02X}"));
            }
        }
    }
    out
}

/// A relative path as the dataset names files: components joined with `/`.
pub fn rel_string(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The files of a dataset that belong in its layout: paths relative to the root, with `/`
/// separators, in sorted order. Small enough to hold for any dataset: every file's display
/// path is held once, in one buffer, and a finding names its file by its place in the list
/// ([`FileName`]) rather than with a copy of the path.
#[derive(Debug)]
pub struct Files {
    pub root: PathBuf,
    pub files: Paths,
}

/// Every file's display path (the root as displayed, then the relative path), one after
/// another in one buffer; indexing gives the relative path.
#[derive(Debug)]
pub struct Paths {
    text: String,
    /// Where each display path ends in `text`.
    ends: Vec<usize>,
    /// The length of the root as displayed, with its trailing `/` (0 for the current directory).
    prefix: usize,
    /// Whether every path sorts after the one before it, so that places in the list compare
    /// as the paths do (see [`FileName`]'s order).
    ascending: bool,
}

impl Paths {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The relative paths, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + DoubleEndedIterator + '_ {
        (0..self.len()).map(|i| &self[i])
    }

    /// The display path of the file at `index`.
    fn display(&self, index: usize) -> &str {
        let start = index.checked_sub(1).map_or(0, |i| self.ends[i]);
        &self.text[start..self.ends[index]]
    }
}

impl std::ops::Index<usize> for Paths {
    type Output = str;

    fn index(&self, index: usize) -> &str {
        &self.display(index)[self.prefix..]
    }
}

impl Files {
    /// The list of `files` (relative paths, in sorted order) under `root`.
    pub fn new<S: AsRef<str>>(root: PathBuf, files: impl IntoIterator<Item = S>) -> Files {
        let mut out = Files::empty(root);
        for f in files {
            out.push(f.as_ref());
        }
        out
    }

    /// An empty list under `root`, to be filled in order with [`push`](Self::push): the walk
    /// writes each path once, straight into the buffer.
    pub fn empty(root: PathBuf) -> Files {
        // `display_path` of the empty path is the root with its `/`, or empty for `.`.
        let prefix = display_path(&root, "");
        Files {
            root,
            files: Paths {
                prefix: prefix.len(),
                text: prefix,
                ends: Vec::new(),
                ascending: true,
            },
        }
    }

    /// Add the file at `rel` to the end of the list.
    pub fn push(&mut self, rel: &str) {
        let p = &mut self.files;
        if let Some(last) = p.len().checked_sub(1) {
            p.ascending &= rel > &p[last];
        }
        // The buffer starts with the prefix, which each path after the first repeats.
        if !p.ends.is_empty() {
            p.text.extend_from_within(..p.prefix);
        }
        p.text.push_str(rel);
        p.ends.push(p.text.len());
    }

    /// A relative path as shown in messages: the dataset directory as given, joined with it.
    pub fn display(&self, rel: &str) -> String {
        format!("{}{rel}", &self.files.text[..self.files.prefix])
    }

    /// The display path of the file at `index` in the list.
    pub fn display_at(&self, index: usize) -> &str {
        self.files.display(index)
    }
}

/// A file as a finding names it: its display path, held as the file's place in the dataset's
/// list when it has one, so the thousands of findings of a large dataset keep no copy of
/// their paths; any other path (a file that does not belong, one that is missing) is held as
/// text. Compares, hashes and reads as the path.
#[derive(Clone)]
pub struct FileName(Name);

#[derive(Clone)]
enum Name {
    Listed(Arc<Files>, u32),
    Text(Arc<String>),
}

impl FileName {
    /// The file at `index` of `files`.
    pub fn listed(files: &Arc<Files>, index: usize) -> FileName {
        match u32::try_from(index) {
            Ok(i) if index < files.files.len() => FileName(Name::Listed(Arc::clone(files), i)),
            _ => FileName::from(""),
        }
    }
}

impl std::ops::Deref for FileName {
    type Target = str;

    fn deref(&self) -> &str {
        match &self.0 {
            Name::Listed(files, i) => files.display_at(*i as usize),
            Name::Text(s) => s,
        }
    }
}

impl std::borrow::Borrow<str> for FileName {
    fn borrow(&self) -> &str {
        self
    }
}

impl From<&str> for FileName {
    fn from(s: &str) -> Self {
        FileName(Name::Text(Arc::new(s.to_string())))
    }
}

impl From<String> for FileName {
    fn from(s: String) -> Self {
        FileName(Name::Text(Arc::new(s)))
    }
}

impl From<&FileName> for FileName {
    fn from(f: &FileName) -> Self {
        f.clone()
    }
}

impl FileName {
    /// The places of two names in one list whose paths ascend: compared, they order the names
    /// as their paths do, without reading the paths (sorting the findings of a large dataset
    /// compared long paths that differ only at the end, a tenth of the sort).
    fn places(&self, other: &Self) -> Option<(u32, u32)> {
        match (&self.0, &other.0) {
            (Name::Listed(a, i), Name::Listed(b, j)) if Arc::ptr_eq(a, b) && a.files.ascending => {
                Some((*i, *j))
            }
            _ => None,
        }
    }
}

impl PartialEq for FileName {
    fn eq(&self, other: &Self) -> bool {
        match self.places(other) {
            Some((i, j)) => i == j,
            None => **self == **other,
        }
    }
}

impl Eq for FileName {}

impl PartialOrd for FileName {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for FileName {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        match self.places(other) {
            Some((i, j)) => i.cmp(&j),
            None => (**self).cmp(&**other),
        }
    }
}

impl std::hash::Hash for FileName {
    // As the path hashes, so that a map keyed by names is looked up with a `&str`.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl std::fmt::Debug for FileName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl std::fmt::Display for FileName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_order_as_their_paths_whether_listed_or_not() {
        // Walk order: a folder's files before the next folder, which "a-b" sorts between.
        let walked = ["a/x.json", "a/y.json", "b/x.json", "dataset.json"];
        let unsorted = ["a/x.json", "a/y.json", "a-b/x.json", "a/z.json"];
        for list in [&walked[..], &unsorted[..]] {
            let files = Arc::new(Files::new(PathBuf::from("d"), list));
            let mut names: Vec<FileName> = (0..list.len())
                .map(|i| FileName::listed(&files, i))
                .chain([FileName::from("d/a/xx.json"), FileName::from("d/a-a")])
                .collect();
            names.reverse();
            let mut by_text: Vec<String> = names.iter().map(|n| n.to_string()).collect();
            names.sort();
            by_text.sort();
            let sorted: Vec<String> = names.iter().map(|n| n.to_string()).collect();
            assert_eq!(sorted, by_text, "{list:?}");
            for (a, b) in names.iter().zip(&names) {
                assert_eq!(a, b);
            }
            assert_ne!(names[0], names[1]);
        }
        assert!(Files::new(PathBuf::from("d"), walked).files.ascending);
        assert!(!Files::new(PathBuf::from("d"), unsorted).files.ascending);
    }

    fn kind(rel: &str) -> Result<Kind, String> {
        classify(rel).map(|p| p.kind())
    }

    #[test]
    fn classifies_the_layout() {
        assert_eq!(kind("dataset.json"), Ok(Kind::Dataset));
        let country = classify("pe/country.json").unwrap();
        assert_eq!((country.kind(), country.dir()), (Kind::Country, Some("pe")));
        let record = classify("pe/records/pe-nd-x.json").unwrap();
        assert_eq!(
            (record.kind(), record.dir(), record.stem()),
            (Kind::Record, Some("pe"), Some("pe-nd-x"))
        );
        assert!(kind("pe/records/notes.txt").unwrap_err().contains(".json"));
        assert!(
            kind("peru/country.json")
                .unwrap_err()
                .contains("not a country directory")
        );
        assert!(kind("pe/extra.json").is_err());
        assert!(kind("pe/records/sub/x.json").is_err());
        assert!(kind("country.json").is_err());
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
            assert_eq!(kind_of(rel), kind(rel).ok(), "{rel}");
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
        let files = Files::new("ds".into(), ["dataset.json"]);
        assert_eq!(files.display_at(0), "ds/dataset.json");
    }

    #[test]
    fn names_read_and_compare_as_their_paths() {
        let files = Arc::new(Files::new("ds".into(), ["dataset.json", "pe/country.json"]));
        assert_eq!(
            files.files.iter().collect::<Vec<_>>(),
            ["dataset.json", "pe/country.json"]
        );
        assert_eq!(&files.files[1], "pe/country.json");
        let listed = FileName::listed(&files, 1);
        assert_eq!(&*listed, "ds/pe/country.json");
        assert_eq!(listed, FileName::from("ds/pe/country.json"));
        assert!(FileName::listed(&files, 0) < listed);
        let map = std::collections::HashMap::from([(listed, 1)]);
        assert_eq!(map.get("ds/pe/country.json"), Some(&1));
        assert_eq!(
            format!("{:?}", FileName::listed(&files, 0)),
            "\"ds/dataset.json\""
        );
        // A place past the end names no file.
        assert_eq!(&*FileName::listed(&files, 2), "");
        let here = Files::new(".".into(), ["dataset.json"]);
        assert_eq!(here.display_at(0), "dataset.json");
    }
}
