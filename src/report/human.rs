//! The `human` format: miette's graphical reports with the source lines around each finding,
//! then a closing summary. The common finding is drawn in the same text without miette
//! (`simple`).

use std::fmt;
use std::io::Write;
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceSpan};

use super::simple;
use super::snippet::Shown;
use crate::diag::{Diagnostic, Label, Report, Severity};
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

fn view(d: &Diagnostic, report: &Report) -> View {
    let source_for = |file: &str| {
        let labels: Vec<&Label> = std::iter::once(&d.primary)
            .chain(&d.secondary)
            .filter(|l| *l.file == *file)
            .collect();
        Arc::new(Shown::new(file, report.sources.get(file), &labels))
    };
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

/// Findings rendered together: on several threads, then written in order. Small enough that
/// the rendered text of one batch costs little memory.
const BATCH: usize = 256;

/// The handler every graphical report is drawn with; `color` picks the theme.
pub(super) fn handler(color: bool) -> GraphicalReportHandler {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_break_words(false)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
        // Lines break at spaces only: Unicode line breaking costs a fifth of rendering a
        // finding, and would break ids and paths at their hyphens.
        .with_word_separator(textwrap::WordSeparator::AsciiSpace)
        .with_links(false)
        .with_context_lines(1)
}

/// One finding as miette draws it, and the blank line after it.
pub(super) fn graphical(
    handler: &GraphicalReportHandler,
    d: &Diagnostic,
    report: &Report,
) -> std::io::Result<String> {
    let mut s = String::new();
    handler
        .render_report(&mut s, &view(d, report))
        .map_err(|_| std::io::Error::other("formatting a report failed"))?;
    s.push('\n');
    Ok(s)
}

/// Write every finding as a graphical report, then the summary. `color` picks the theme.
///
/// Rendering a finding costs about as much as checking a record, so a tree where every file
/// has a finding is rendered on as many threads as the check ran on, batch by batch. Without
/// colour, the common finding (one label on one line) is drawn directly (`simple`), in the
/// same text at about a seventh of the cost.
pub fn render(report: &Report, color: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let handler = handler(color);
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let render_one = |d: &Diagnostic| -> std::io::Result<String> {
        match (!color).then(|| simple::draw(d, report)).flatten() {
            Some(s) => Ok(s),
            None => graphical(&handler, d, report),
        }
    };
    for batch in report.diagnostics.chunks(BATCH) {
        let texts: Vec<std::io::Result<String>> = if threads < 2 || batch.len() < 2 {
            batch.iter().map(render_one).collect()
        } else {
            let per = batch.len().div_ceil(threads);
            std::thread::scope(|scope| {
                let parts: Vec<_> = batch
                    .chunks(per)
                    .map(|part| {
                        scope.spawn(move || part.iter().map(render_one).collect::<Vec<_>>())
                    })
                    .collect();
                parts
                    .into_iter()
                    .flat_map(|h| {
                        h.join().unwrap_or_else(|_| {
                            vec![Err(std::io::Error::other("rendering a report failed"))]
                        })
                    })
                    .collect()
            })
        };
        for text in texts {
            out.write_all(text?.as_bytes())?;
        }
    }
    super::short::summary_line(report, out)
}
