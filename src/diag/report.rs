//! The outcome of a check: the sorted diagnostics, the text of the files they point into, the
//! counts for the closing summary, and the rules that were run.

use std::collections::HashMap;

use super::diagnostic::Diagnostic;
use super::position::SourceLines;
use super::rule::{Rule, Severity};
use crate::layout::FileName;

/// Counts for the closing summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub records: usize,
    pub countries: usize,
    pub errors: usize,
    pub warnings: usize,
}

/// The sorted diagnostics of a check and what renderers need to show them.
#[derive(Debug)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    /// The lines each file's findings show, by display path.
    pub sources: HashMap<FileName, SourceLines>,
    pub summary: Summary,
    /// Every rule the check knows, in code order (SARIF lists them).
    pub rules: &'static [&'static Rule],
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }

    /// Count errors and warnings from the diagnostics.
    pub fn count(&mut self) {
        self.summary.errors = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        self.summary.warnings = self.diagnostics.len() - self.summary.errors;
    }
}
