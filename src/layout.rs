//! The dataset's layout: the three kinds of file it holds, where each belongs, and how their
//! paths are written and shown. Every part of the crate that asks "what file is this?" asks
//! here.

use std::path::{Path, PathBuf};

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
/// separators, in sorted order. Small enough to hold for any dataset; display paths are made
/// only when a message needs one.
#[derive(Debug)]
pub struct Files {
    pub root: PathBuf,
    pub files: Vec<Box<str>>,
    /// The root as displayed, with a trailing `/` (empty for the current directory).
    prefix: String,
}

impl Files {
    pub fn new(root: PathBuf, files: Vec<Box<str>>) -> Files {
        // `display_path` of the empty path is the root with its `/`, or empty for `.`.
        let prefix = display_path(&root, "");
        Files {
            root,
            files,
            prefix,
        }
    }

    /// A relative path as shown in messages: the dataset directory as given, joined with it.
    pub fn display(&self, rel: &str) -> String {
        format!("{}{rel}", self.prefix)
    }

    /// The display path of the file at `index` in the list.
    pub fn display_at(&self, index: usize) -> String {
        self.display(&self.files[index])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let files = Files::new("ds".into(), vec!["dataset.json".into()]);
        assert_eq!(files.display_at(0), "ds/dataset.json");
    }
}
