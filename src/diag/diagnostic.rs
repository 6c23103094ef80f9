//! One finding: its rule, severity and message, the place it points at and the related places,
//! and what to do about it.

use std::borrow::Cow;
use std::ops::Range;

use serde::Serialize;

use super::rule::{Rule, Severity};
use crate::json::{Pointer, Target};
use crate::layout::FileName;

/// A 1-based line and column; columns count Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct LineCol {
    // Four bytes each: a file is at most a few MiB, and a report can hold a finding for every
    // file of a large dataset.
    pub line: u32,
    pub column: u32,
}

/// A label's position once worked out from the file's text: its byte span, and where that
/// starts and ends in lines and columns. Offsets are kept in four bytes (files are read only up
/// to a few MiB), as a report can hold a position for every file of a large dataset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Position {
    span_start: u32,
    span_end: u32,
    pub start: LineCol,
    pub end: LineCol,
}

impl Position {
    pub fn new(span: Range<usize>, start: LineCol, end: LineCol) -> Position {
        let clamp = |o: usize| u32::try_from(o).unwrap_or(u32::MAX);
        Position {
            span_start: clamp(span.start),
            span_end: clamp(span.end),
            start,
            end,
        }
    }

    /// The byte span in the file's text.
    pub fn span(&self) -> Range<usize> {
        self.span_start as usize..self.span_end as usize
    }
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
    /// The file, as displayed (the dataset directory joined with its relative path); a file
    /// of the dataset is named by its place in the list, so labels hold no copy of the path.
    pub file: FileName,
    pub at: Anchor,
    pub text: Option<Box<str>>,
    /// Filled in by [`super::resolve`] before rendering.
    pub position: Option<Position>,
}

impl Label {
    pub fn new(file: impl Into<FileName>, at: Anchor) -> Self {
        Label {
            file: file.into(),
            at,
            text: None,
            position: None,
        }
    }

    pub fn with_text(mut self, text: impl Into<String>) -> Self {
        self.text = Some(text.into().into_boxed_str());
        self
    }

    /// A label on the thing `pointer` names in `file`.
    pub fn at_pointer(file: impl Into<FileName>, pointer: Pointer, target: Target) -> Self {
        Label::new(file, Anchor::Pointer(pointer, target))
    }

    /// A label on a whole file.
    pub fn whole_file(file: impl Into<FileName>) -> Self {
        Label::new(file, Anchor::File)
    }

    /// Copy what the label owns into fresh allocations made on the calling thread (see
    /// [`Diagnostic::settle`]).
    pub fn settle(&mut self) {
        if let Anchor::Pointer(p, _) = &mut self.at {
            p.settle();
        }
        if let Some(t) = &mut self.text {
            *t = Box::from(&**t);
        }
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
    /// What is wrong (a fixed sentence is kept without a copy).
    pub message: Cow<'static, str>,
    /// The thing at fault.
    pub primary: Label,
    /// Related places, possibly in other files (the first of two duplicate keys or ids).
    pub secondary: Vec<Label>,
    /// What to do about it (most often a fixed sentence, kept without a copy).
    pub help: Option<Cow<'static, str>>,
}

impl Diagnostic {
    /// A diagnostic at the rule's default severity.
    pub fn new(rule: &'static Rule, message: impl Into<Cow<'static, str>>, primary: Label) -> Self {
        Diagnostic {
            rule,
            severity: rule.severity,
            message: message.into(),
            primary,
            secondary: Vec::new(),
            help: None,
        }
    }

    /// Copy everything the finding owns into fresh allocations made on the calling thread, at
    /// their exact sizes.
    ///
    /// Findings are made on the worker threads and kept to the end of the run. With an
    /// allocator that gives each thread its own heap (glibc's arenas), every small string a
    /// worker leaves behind pins the page it sits on among the worker's freed buffers, and the
    /// run's resident memory grows by much more than the findings themselves: with a finding in
    /// every file of 100,000, 87 MiB instead of 72 MiB. Settled on the thread that collects
    /// them, findings sit packed together and the workers' heaps shrink as they free.
    pub fn settle(&mut self) {
        settle_cow(&mut self.message);
        if let Some(h) = &mut self.help {
            settle_cow(h);
        }
        self.primary.settle();
        if !self.secondary.is_empty() {
            let mut secondary = Vec::with_capacity(self.secondary.len());
            secondary.extend(self.secondary.drain(..).map(|mut l| {
                l.settle();
                l
            }));
            self.secondary = secondary;
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
    pub fn sort_key(&self) -> (&FileName, usize, &str, &str) {
        let offset = self.primary.position.as_ref().map_or(0, |p| p.span().start);
        (&self.primary.file, offset, self.rule.code, &self.message)
    }

    /// The order of the stream, down to the last detail: findings arrive from the workers in
    /// no fixed order, so two that agree on [`sort_key`](Self::sort_key) are still put in one
    /// order, and only findings equal in every part compare equal.
    pub fn cmp_total(&self, other: &Self) -> std::cmp::Ordering {
        fn label_key(l: &Label) -> (&FileName, Option<(usize, usize)>, Option<&str>) {
            (
                &l.file,
                l.position.as_ref().map(|p| (p.span().start, p.span().end)),
                l.text.as_deref(),
            )
        }
        self.sort_key()
            .cmp(&other.sort_key())
            .then_with(|| label_key(&self.primary).cmp(&label_key(&other.primary)))
            .then_with(|| self.severity.cmp(&other.severity))
            .then_with(|| self.help.cmp(&other.help))
            .then_with(|| {
                self.secondary
                    .iter()
                    .map(label_key)
                    .cmp(other.secondary.iter().map(label_key))
            })
    }
}

/// An owned text copied to an allocation of its exact size made on the calling thread.
fn settle_cow(text: &mut Cow<'static, str>) {
    if let Cow::Owned(s) = text {
        *text = Cow::Owned(s.as_str().to_owned());
    }
}

/// The plural ending of a count's noun: "1 error", "2 errors".
pub fn plural<N: PartialEq + From<u8>>(n: N) -> &'static str {
    if n == N::from(1) { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::rule::Rule;

    #[test]
    fn a_settled_finding_is_the_same_finding_at_its_exact_size() {
        let rule: &'static Rule = crate::catalog::all()[0];
        let mut message = String::with_capacity(200);
        message.push_str("a message made by format!, with room to spare");
        let pointer = Pointer::from_escaped(String::from("/excerpts/0/text")).unwrap();
        let d = Diagnostic::new(
            rule,
            message,
            Label::at_pointer("a.json", pointer, Target::Value).with_text("here"),
        )
        .with_help(String::from("do this"))
        .with_secondary(Label::whole_file("b.json").with_text("and there"));
        let mut settled = d.clone();
        settled.settle();
        assert_eq!(settled, d);
        // Every owned part is a new allocation (made while the old one is still held, so it
        // cannot be at the same address).
        let places = |d: &Diagnostic| -> [*const u8; 6] {
            [
                d.message.as_ptr(),
                d.help.as_deref().unwrap().as_ptr(),
                d.primary.pointer().unwrap().as_str().as_ptr(),
                d.primary.text.as_deref().unwrap().as_ptr(),
                d.secondary[0].text.as_deref().unwrap().as_ptr(),
                d.secondary.as_ptr().cast(),
            ]
        };
        let mut again = d.clone();
        let before = places(&again);
        again.settle();
        let after = places(&again);
        for (i, (b, a)) in before.iter().zip(&after).enumerate() {
            assert_ne!(b, a, "part {i} was not copied");
        }
        // Settled as made, with room to spare (a clone would already be exact).
        let mut d = d;
        d.settle();
        let Cow::Owned(m) = &d.message else {
            panic!("an owned message stays owned");
        };
        assert_eq!(m.capacity(), m.len());
        assert_eq!(d.secondary.capacity(), 1);
    }
}
