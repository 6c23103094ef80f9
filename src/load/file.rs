//! One file of the dataset, loaded: read within the limits, parsed on serde_json's fast path
//! when it is well-formed and strictly (with a diagnostic for every fault) when it is not.

use std::borrow::Cow;

use serde_json::Value;

use super::decode;
use super::read::Limits;
use super::walk::Source;
use crate::diag::Diagnostic;
use crate::layout::{FileName, Place};

/// One file of the dataset, loaded.
#[derive(Debug)]
pub struct File {
    pub place: Place,
    /// The path as shown in diagnostics: the dataset directory as given, joined with the
    /// relative path.
    pub display: FileName,
    /// The parsed value, when the file is JSON without faults that hide its content.
    pub value: Option<Value>,
    /// Bytes before the JSON body (a byte-order mark).
    pub body_offset: usize,
    /// The text as decoded on the strict path (lossily when not UTF-8).
    text: Option<String>,
    /// The bytes, when the fast path parsed them (they are valid UTF-8 JSON).
    bytes: Option<Vec<u8>>,
}

impl File {
    /// The file's text, to show findings in; empty when it could not be read.
    pub fn text(&self) -> Cow<'_, str> {
        match (&self.text, &self.bytes) {
            (Some(t), _) => Cow::Borrowed(t),
            // The fast path parsed these bytes, so they are UTF-8; the lossy reading is only a
            // fallback that never runs.
            (None, Some(b)) => match std::str::from_utf8(b) {
                Ok(s) => Cow::Borrowed(s),
                Err(_) => String::from_utf8_lossy(b),
            },
            (None, None) => Cow::Borrowed(""),
        }
    }
}

impl Source {
    /// Read and parse the file at `index` of the walk, recording its faults in `diags`.
    /// Well-formed files take serde_json's fast path; anything it will not take goes through
    /// the strict parser, which says exactly what is wrong and where.
    pub fn load(&self, index: usize, limits: Limits, diags: &mut Vec<Diagnostic>) -> File {
        let rel = &self.files().files[index];
        let mut file = File {
            place: crate::layout::classify(rel).expect("walked files belong in the layout"),
            display: self.name(index),
            value: None,
            body_offset: 0,
            text: None,
            bytes: None,
        };
        match self.read(rel, limits) {
            Err(fault) => diags.push(fault.diagnostic(&file.display, limits)),
            Ok(bytes) => match decode::fast(&bytes, limits) {
                Some(v) => {
                    file.value = Some(v);
                    file.bytes = Some(bytes);
                }
                None => {
                    let d = decode::decode(bytes, &file.display, limits, diags);
                    file.text = Some(d.text);
                    file.body_offset = d.body_offset;
                    file.value = d.value;
                }
            },
        }
        file
    }

    /// Load every file, in walk order: for the commands that need the whole dataset at hand
    /// (`new`, `release`). `check` loads one file at a time instead.
    pub fn load_all(&self, limits: Limits, diags: &mut Vec<Diagnostic>) -> Vec<File> {
        (0..self.files().files.len())
            .map(|i| self.load(i, limits, diags))
            .collect()
    }
}
