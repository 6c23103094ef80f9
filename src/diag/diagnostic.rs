//! One finding: its rule, severity and message, the place it points at and the related places,
//! and what to do about it.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

use super::rule::{Rule, Severity};
use crate::json::{Pointer, Target};

/// A 1-based line and column; columns count Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// A label's position once worked out from the file's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Position {
    pub span: Range<usize>,
    pub start: LineCol,
    pub end: LineCol,
}

/// Where in a file a label points, before positions are worked out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// A byte range of the file's text.
    Span(Range<usize>),
    /// A JSON pointer into the file, and which part of the thing it names.
    Pointer(Pointer, Target),
    /// The file as a whole (it could not be read, or has no text to point into).
    File,
}

/// One place a diagnostic points at, with an optional caption.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// The file, as displayed (the dataset directory joined with its relative path); shared
    /// by every label into the file.
    pub file: Arc<str>,
    pub at: Anchor,
    pub text: Option<String>,
    /// Filled in by [`super::resolve`] before rendering.
    pub position: Option<Position>,
}

impl Label {
    pub fn new(file: impl Into<Arc<str>>, at: Anchor) -> Self {
        Label {
            file: file.into(),
            at,
            text: None,
            position: None,
        }
    }

    pub fn with_text(mut self, text: impl Into<String>) -> Self {
        self.text = Some(text.into());
        self
    }

    /// A label on the thing `pointer` names in `file`.
    pub fn at_pointer(file: impl Into<Arc<str>>, pointer: Pointer, target: Target) -> Self {
        Label::new(file, Anchor::Pointer(pointer, target))
    }

    /// A label on a whole file.
    pub fn whole_file(file: impl Into<Arc<str>>) -> Self {
        Label::new(file, Anchor::File)
    }

    pub fn pointer(&self) -> Option<&Pointer> {
        match &self.at {
            Anchor::Pointer(p, _) => Some(p),
            _ => None,
        }
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub message: String,
    /// The thing at fault.
    pub primary: Label,
    /// Related places, possibly in other files (the first of two duplicate keys or ids).
    pub secondary: Vec<Label>,
    /// What to do about it (most often a fixed sentence, kept without a copy).
    pub help: Option<Cow<'static, str>>,
}

impl Diagnostic {
    /// A diagnostic at the rule's default severity.
    pub fn new(rule: &'static Rule, message: impl Into<String>, primary: Label) -> Self {
        Diagnostic {
            rule,
            severity: rule.severity,
            message: message.into(),
            primary,
            secondary: Vec::new(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<Cow<'static, str>>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_secondary(mut self, label: Label) -> Self {
        self.secondary.push(label);
        self
    }

    pub fn code(&self) -> &'static str {
        self.rule.code
    }

    pub fn file(&self) -> &str {
        &self.primary.file
    }

    /// Line and column of the primary label, once resolved.
    pub fn start(&self) -> Option<LineCol> {
        self.primary.position.as_ref().map(|p| p.start)
    }

    /// The order of the stream: file, position, code, message.
    pub fn sort_key(&self) -> (&str, usize, &str, &str) {
        let offset = self.primary.position.as_ref().map_or(0, |p| p.span.start);
        (&self.primary.file, offset, self.rule.code, &self.message)
    }
}

/// The plural ending of a count's noun: "1 error", "2 errors".
pub fn plural<N: PartialEq + From<u8>>(n: N) -> &'static str {
    if n == N::from(1) { "" } else { "s" }
}
