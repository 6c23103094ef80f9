//! Operational errors: the run could not do its job (exit code 2). Findings about the data are
//! diagnostics, never these.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum Error {
    #[error("cannot read the dataset directory `{}`", path.display())]
    DatasetUnreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
        /// Where the dataset may be instead ("did you mean `dataset`?") if the tool can tell,
        /// or how to name it.
        #[help]
        hint: String,
    },

    #[error("`{}` is not a dataset: {found}", path.display())]
    NotADataset {
        path: PathBuf,
        /// What the directory holds, in words.
        found: String,
        #[help]
        hint: String,
    },

    #[error("`{}` is not a directory", .0.display())]
    #[diagnostic(help("pass the dataset directory with --dataset DIR"))]
    DatasetNotADirectory(PathBuf),

    #[error("`{}` is not inside the dataset `{}`", path.display(), dataset.display())]
    #[diagnostic(help(
        "name files under the dataset directory, or point --dataset at the one they belong to"
    ))]
    OutsideDataset { path: PathBuf, dataset: PathBuf },

    #[error("no such file `{}`", .0.display())]
    NoSuchPath(PathBuf),

    #[error("unknown rule `{0}`")]
    #[diagnostic(help("`sourcebook explain --list` lists every rule"))]
    UnknownRule(String),

    #[error("cannot write `{}`", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("`{}` is read-only; it is not replaced", .0.display())]
    #[diagnostic(help("make the file writable if it should change (chmod u+w), or leave it out"))]
    ReadOnly(PathBuf),

    #[error("`{}` is a symbolic link; nothing is written through it", .0.display())]
    #[diagnostic(help("replace the link with a real directory or file inside the dataset"))]
    ThroughLink(PathBuf),

    #[error("`{}` exists and is not a directory; it is not replaced", .0.display())]
    #[diagnostic(help("move the file away, or choose another --out directory"))]
    NotADirectoryInTheWay(PathBuf),

    #[error("`{}` is larger than {limit} bytes; it is not read", path.display())]
    #[diagnostic(help("is this the file you meant? A page or a release is far smaller"))]
    TooLarge { path: PathBuf, limit: u64 },

    #[error("cannot read `{}`", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("`{}` could not be read as dataset JSON", .0.display())]
    #[diagnostic(help("run `sourcebook check` to see why"))]
    NotReadable(PathBuf),

    #[error("`{}` is not what it should be: {message}", path.display())]
    #[diagnostic(help("run `sourcebook check` to see why"))]
    Invalid { path: PathBuf, message: String },

    #[error("`{}` is neither a dataset directory, a release directory nor a release file", .0.display())]
    #[diagnostic(help(
        "give a directory holding dataset.json, one holding sourcebook-<version>.json, or that file"
    ))]
    NotADatasetOrRelease(PathBuf),

    #[error("no timestamp for the release: {0}")]
    #[diagnostic(help("set SOURCE_DATE_EPOCH to the release time in seconds since 1970"))]
    BadEpoch(String),

    #[error("`{0}` is not an ISO 3166-1 alpha-2 country code")]
    #[diagnostic(help("use the two-letter code, such as PE for Peru"))]
    UnknownCountry(String),

    #[error("{year} is outside the years the dataset covers, {start} to {end}")]
    #[diagnostic(help(
        "give the year the source was published, or leave --year out if it gives none"
    ))]
    YearOutside { year: i16, start: i32, end: i32 },

    #[error("`{topic}` is not a topic of the dataset")]
    UnknownTopic {
        topic: String,
        /// The topics there are, and the one most likely meant.
        #[help]
        topics: String,
    },

    #[error("`{}` already exists; it is not overwritten", .0.display())]
    Exists(PathBuf),

    #[error("the page has no topic heading the dataset knows")]
    #[diagnostic(help("name the topic with --topic, such as --topic csec"))]
    NoTopic,

    #[error("the page is not UTF-8 (line {line})")]
    #[diagnostic(help(
        "convert it first, for example with `iconv -f windows-1252 -t utf-8`; an HTML page may declare its charset in a <meta> tag instead"
    ))]
    NotUtf8 { line: usize },

    #[error("this sourcebook was built without HTML import")]
    #[diagnostic(help(
        "build it with the `html` feature (on by default), or import the page as text"
    ))]
    NoHtml,

    #[error("cannot write the report")]
    Output(#[from] std::io::Error),

    // --- Releases for analysts (issue 15) ---
    #[error(
        "this sourcebook was built without the `analyst-formats` feature, so it cannot write the \
         release's Parquet and SQLite files"
    )]
    #[diagnostic(help(
        "build with the feature: `cargo run --release --features analyst-formats -- release`; \
             or pass --text-only to build the JSON, NDJSON, CSV and CSL-JSON files alone"
    ))]
    FormatsNotBuilt,
}

impl Error {
    /// `wanted` is not among the dataset's `topics` (id and name): the error lists them all
    /// and names the closest.
    pub fn unknown_topic(wanted: &str, topics: &[(&str, &str)]) -> Error {
        let listed: Vec<String> = topics
            .iter()
            .map(|(id, name)| format!("`{id}` ({name})"))
            .collect();
        let near = crate::spelling::closest(wanted, topics.iter().map(|(id, _)| *id))
            .map(|id| format!("did you mean `{id}`? "))
            .unwrap_or_default();
        let topics = if listed.is_empty() {
            "the dataset defines no topics yet: add them to `topics` in dataset.json".to_string()
        } else {
            format!("{near}the topics are {}", listed.join(", "))
        };
        Error::UnknownTopic {
            topic: wanted.to_string(),
            topics,
        }
    }
}
