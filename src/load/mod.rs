//! Loading a dataset: finding its files, reading each within limits, decoding and parsing it
//! strictly, and a diagnostic for every fault on the way (the SB1xx codes, documented in
//! [`codes`]). Every command reads the dataset through here.

pub mod codes;
mod decode;
mod read;
mod select;
mod walk;

use std::borrow::Cow;

use serde_json::Value;

use crate::diag::Diagnostic;
use crate::layout::Place;

pub use read::{ReadFault, bom_len, read_bytes};
pub use select::{Selection, absolute, select};
pub use walk::{Source, in_memory, scan};

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

/// One file of the dataset, loaded.
#[derive(Debug)]
pub struct File {
    pub place: Place,
    /// The path as shown in diagnostics: the dataset directory as given, joined with the
    /// relative path.
    pub display: String,
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
            (None, Some(b)) => String::from_utf8_lossy(b),
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
            display: self.files().display(rel),
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
                None => decode::decode(bytes, &mut file, limits, diags),
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
