//! The `human` format: miette's graphical reports with the source lines around each finding,
//! then a closing summary.

use std::fmt;
use std::io::Write;
use std::sync::Arc;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use crate::diag::{Diagnostic, Label, Report, Severity, SourceLines};
use crate::escape;

/// One finding as miette sees it: the primary label's file is the source; labels in other
/// files become related reports with their own source.
struct View {
    code: String,
    severity: Severity,
    message: String,
    help: Option<String>,
    source: Option<Arc<Shown>>,
    labels: Vec<LabeledSpan>,
    related: Vec<View>,
}

impl fmt::Debug for View {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for View {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for View {}

impl miette::Diagnostic for View {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_deref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        (!self.labels.is_empty())
            .then(|| Box::new(self.labels.iter().cloned()) as Box<dyn Iterator<Item = LabeledSpan>>)
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        (!self.related.is_empty()).then(|| {
            Box::new(self.related.iter().map(|r| r as &dyn miette::Diagnostic))
                as Box<dyn Iterator<Item = _>>
        })
    }
}

/// A file's shown lines as miette reads source code, made safe for a terminal: control and
/// invisible formatting characters from the file become visible (`␛`, `<U+202E>`), and label
/// offsets are moved to match (`at`).
struct Shown {
    name: String,
    pieces: Vec<ShownPiece>,
    /// For each character made visible: its offset in the file and how many bytes longer the
    /// shown text is from there on.
    shifts: Vec<(usize, usize)>,
}

struct ShownPiece {
    start: usize,
    line: usize,
    text: String,
}

impl Shown {
    fn new(name: &str, lines: Option<&SourceLines>) -> Shown {
        let mut shifts = Vec::new();
        let mut extra = 0;
        let mut pieces = Vec::new();
        for p in lines.map(SourceLines::pieces).unwrap_or_default() {
            let start = p.offset() + extra;
            let mut text = String::with_capacity(p.text.len());
            let mut chars = p.text.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                let crlf = c == '\r' && chars.peek().is_some_and(|(_, n)| *n == '\n');
                match escape::visible(c).filter(|_| !crlf) {
                    Some(v) => {
                        text.push_str(&v);
                        extra += v.len() - c.len_utf8();
                        shifts.push((p.offset() + i, extra));
                    }
                    None => text.push(c),
                }
            }
            pieces.push(ShownPiece {
                start,
                line: p.line(),
                text,
            });
        }
        Shown {
            name: escape::terminal(name, false).into_owned(),
            pieces,
            shifts,
        }
    }

    /// Where a byte offset of the file is in the shown text.
    fn at(&self, offset: usize) -> usize {
        let i = self.shifts.partition_point(|(o, _)| *o < offset);
        offset + if i == 0 { 0 } else { self.shifts[i - 1].1 }
    }

    fn span(&self, label: &Label) -> Option<SourceSpan> {
        label.position.as_ref().map(|p| {
            let (a, b) = (self.at(p.span().start), self.at(p.span().end));
            SourceSpan::from(a..b.max(a))
        })
    }
}

impl SourceCode for Shown {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let offset = span.offset();
        let piece = self
            .pieces
            .iter()
            .find(|p| p.start <= offset && offset <= p.start + p.text.len());
        let Some(p) = piece else {
            return Ok(Box::new(MietteSpanContents::new_named(
                self.name.clone(),
                b"",
                SourceSpan::from(offset..offset),
                0,
                0,
                0,
            )));
        };
        // miette's own reading of the piece, moved to where the piece is in the file.
        let local = SourceSpan::new((offset - p.start).into(), span.len());
        let c = p.text.as_str().read_span(&local, before, after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            c.data(),
            SourceSpan::new((c.span().offset() + p.start).into(), c.span().len()),
            c.line() + p.line - 1,
            c.column(),
            c.line_count(),
        )))
    }
}

fn view(d: &Diagnostic, report: &Report) -> View {
    let source_for = |file: &str| Arc::new(Shown::new(file, report.sources.get(file)));
    let safe = |t: &str| escape::terminal(t, false).into_owned();
    let primary = source_for(&d.primary.file);
    let primary_text = d
        .primary
        .text
        .as_deref()
        .map(safe)
        .or_else(|| (!d.secondary.is_empty()).then(|| "here".to_string()));
    let mut labels = vec![LabeledSpan::new_primary_with_span(
        primary_text,
        primary
            .span(&d.primary)
            .unwrap_or_else(|| SourceSpan::from(0..0)),
    )];
    let mut related = Vec::new();
    for l in &d.secondary {
        if l.file == d.primary.file
            && let Some(s) = primary.span(l)
        {
            labels.push(LabeledSpan::new_with_span(l.text.as_deref().map(safe), s));
            continue;
        }
        let other = source_for(&l.file);
        let s = other.span(l).unwrap_or_else(|| SourceSpan::from(0..0));
        related.push(View {
            code: d.rule.code.to_string(),
            severity: d.severity,
            message: l.text.as_deref().map_or_else(|| "related".into(), safe),
            help: None,
            source: Some(other),
            labels: vec![LabeledSpan::new_primary_with_span(None, s)],
            related: Vec::new(),
        });
    }
    View {
        code: format!("{} ({})", d.rule.code, d.rule.name),
        severity: d.severity,
        message: safe(&d.message),
        help: d.help.as_deref().map(safe),
        source: Some(primary),
        labels,
        related,
    }
}

/// Write every finding as a graphical report, then the summary. `color` picks the theme.
pub fn render(report: &Report, color: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_break_words(false)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
        .with_links(false)
        .with_context_lines(1);
    for d in &report.diagnostics {
        let mut s = String::new();
        handler
            .render_report(&mut s, &view(d, report))
            .map_err(|_| std::io::Error::other("formatting a report failed"))?;
        writeln!(out, "{s}")?;
    }
    super::short::summary_line(report, out)
}
