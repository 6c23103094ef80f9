//! What rules see: one file with its typed document and the dataset's metadata (file rules),
//! or the compact index of every file (cross-file rules).

use serde_json::Value;

use crate::dataset::{File, Role};
use crate::diagnostic::{Diagnostic, Label};
use crate::json::{self, Target};
use crate::model::{self, PartialDate, Section};
use crate::rules::Rule;

/// A file's content, typed when it matches its schema.
#[derive(Clone, Copy, Debug)]
pub enum Doc<'a> {
    Dataset(&'a model::Dataset),
    Country(&'a model::Country),
    Record(&'a model::Record),
    /// The file does not match its schema; only rules that read the raw value run.
    Untyped,
}

/// The context of a file rule.
pub struct FileCtx<'a> {
    pub file: &'a File,
    pub value: &'a Value,
    pub doc: Doc<'a>,
    /// The dataset's metadata, when `dataset.json` is valid.
    pub dataset: Option<&'a model::Dataset>,
    /// The date "now" is compared with (pinned by `--today`).
    pub today: PartialDate,
}

impl<'a> FileCtx<'a> {
    /// A label on the thing at `pointer`.
    pub fn at(&self, pointer: impl Into<String>, target: Target) -> Label {
        self.file.pointer(pointer, target)
    }

    /// A diagnostic on the value at `pointer`.
    pub fn diag(
        &self,
        rule: &'static Rule,
        message: impl Into<String>,
        pointer: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(rule, message, self.at(pointer, Target::Value))
    }

    pub fn record(&self) -> Option<&'a model::Record> {
        match self.doc {
            Doc::Record(r) => Some(r),
            _ => None,
        }
    }

    pub fn country(&self) -> Option<&'a model::Country> {
        match self.doc {
            Doc::Country(c) => Some(c),
            _ => None,
        }
    }

    /// The directory a country or record file sits in.
    pub fn dir(&self) -> Option<&'a str> {
        match &self.file.role {
            Role::Country { dir } | Role::Record { dir, .. } => Some(dir),
            Role::Dataset => None,
        }
    }
}

/// Every string in a JSON value, with its pointer, in document order of the value (keys
/// sorted, as serde_json holds them).
pub fn strings(value: &Value) -> Vec<(String, &str)> {
    fn walk<'v>(v: &'v Value, at: &mut String, out: &mut Vec<(String, &'v str)>) {
        match v {
            Value::String(s) => out.push((at.clone(), s)),
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    let len = at.len();
                    json::push_token(at, &i.to_string());
                    walk(x, at, out);
                    at.truncate(len);
                }
            }
            Value::Object(o) => {
                for (k, x) in o {
                    let len = at.len();
                    json::push_token(at, k);
                    walk(x, at, out);
                    at.truncate(len);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, &mut String::new(), &mut out);
    out
}

/// What cross-file rules need to know of one file: small, so the index of a large dataset
/// stays small.
#[derive(Clone, Debug, Default)]
pub struct Entry {
    /// Display path.
    pub file: String,
    pub role: Option<Role>,
    /// The record id or country code the file declares.
    pub id: Option<String>,
    pub country: Option<String>,
    /// Normalised title, publisher and publication date: equal keys are the same source.
    pub source_key: Option<String>,
    pub placement: Option<(Section, u32)>,
    pub topics: Vec<String>,
}

impl Entry {
    pub fn label(&self, pointer: &str, target: Target) -> Label {
        Label::new(
            self.file.clone(),
            crate::diagnostic::At::Pointer(pointer.to_string(), target),
        )
    }
}

/// The context of a cross-file rule.
pub struct Ctx<'a> {
    pub entries: &'a [Entry],
    pub dataset: Option<&'a model::Dataset>,
}

impl Ctx<'_> {
    pub fn records(&self) -> impl Iterator<Item = &Entry> {
        self.entries
            .iter()
            .filter(|e| matches!(e.role, Some(Role::Record { .. })))
    }
}

/// Fold text for comparing sources: lower case, letters and digits only, single spaces.
pub fn normalise(text: &str) -> String {
    model::slugify(text).join(" ")
}
