//! The `human` format: miette's graphical reports with the source lines around each finding,
//! then a closing summary.

use std::fmt;
use std::io::Write;
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use crate::diag::{Diagnostic, Label, Report, Severity};

/// One finding as miette sees it: the primary label's file is the source; labels in other
/// files become related reports with their own source.
struct View {
    code: String,
    severity: Severity,
    message: String,
    help: Option<String>,
    source: Option<NamedSource<Arc<str>>>,
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
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
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

fn span(label: &Label) -> Option<SourceSpan> {
    label
        .position
        .as_ref()
        .map(|p| SourceSpan::from(p.span.start..p.span.end))
}

fn view(d: &Diagnostic, report: &Report) -> View {
    let source_for = |file: &str| {
        report
            .sources
            .get(file)
            .map(|text| NamedSource::new(file, Arc::clone(text)))
            // A file with no text (unreadable, too large, missing) is still named.
            .unwrap_or_else(|| NamedSource::new(file, Arc::from("")))
    };
    let primary_text = d
        .primary
        .text
        .clone()
        .or_else(|| (!d.secondary.is_empty()).then(|| "here".to_string()));
    let mut labels = vec![LabeledSpan::new_primary_with_span(
        primary_text,
        span(&d.primary).unwrap_or_else(|| SourceSpan::from(0..0)),
    )];
    let mut related = Vec::new();
    for l in &d.secondary {
        match span(l) {
            Some(s) if l.file == d.primary.file => {
                labels.push(LabeledSpan::new_with_span(l.text.clone(), s))
            }
            s => related.push(View {
                code: d.rule.code.to_string(),
                severity: d.severity,
                message: l.text.clone().unwrap_or_else(|| "related".into()),
                help: None,
                source: Some(source_for(&l.file)),
                labels: vec![LabeledSpan::new_primary_with_span(
                    None,
                    s.unwrap_or_else(|| SourceSpan::from(0..0)),
                )],
                related: Vec::new(),
            }),
        }
    }
    View {
        code: format!("{} ({})", d.rule.code, d.rule.name),
        severity: d.severity,
        message: d.message.clone(),
        help: d.help.clone(),
        source: Some(source_for(&d.primary.file)),
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
