//! What a check is asked to do: which dataset, which files to report on, the loader's limits,
//! the date taken as today, the threads, and how many findings of a rule a file may show.

use std::path::PathBuf;

use crate::load::Limits;
use crate::model::PartialDate;

/// What to check and how.
#[derive(Clone, Debug)]
pub struct Options {
    /// The dataset directory.
    pub dataset: PathBuf,
    /// Report only on these files (cross-file facts still come from the whole dataset).
    pub paths: Vec<PathBuf>,
    pub limits: Limits,
    /// The date taken as today; the system date (UTC) when `None`.
    pub today: Option<PartialDate>,
    /// Worker threads; all available cores when `None`.
    pub threads: Option<usize>,
    /// At most this many findings of one rule in one file are reported, then one that says
    /// how many more there are; 0 reports every one.
    pub max_per_rule: usize,
    /// Keep the lines findings point at, for a renderer that shows them (the human format);
    /// the other formats need only positions.
    pub source_lines: bool,
}

impl Options {
    pub fn new(dataset: impl Into<PathBuf>) -> Self {
        Options {
            dataset: dataset.into(),
            paths: Vec::new(),
            limits: Limits::default(),
            today: None,
            threads: None,
            max_per_rule: 100,
            source_lines: true,
        }
    }
}
