//! Renderers: each turns the same sorted diagnostic stream into one output format.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;
pub mod short;
mod simple;
mod snippet;

use std::io::Write;

use crate::diag::Report;

/// The output formats of `sourcebook check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Graphical reports with the source lines (the default on a terminal).
    Human,
    /// One JSON object per line, then a summary object.
    Json,
    /// GitHub Actions workflow commands (the default when GITHUB_ACTIONS=true).
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// One line per finding: `file:line:column: severity[CODE]: message`.
    Short,
}

/// How renderers reach the world beyond the output stream.
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// Colour in the human format.
    pub color: bool,
    /// Where the github format appends its Markdown table (`$GITHUB_STEP_SUMMARY`).
    pub step_summary: Option<std::path::PathBuf>,
}

/// Write `report` in `format` to `out`.
pub fn render(
    report: &Report,
    format: Format,
    ctx: &Context,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Human => human::render(report, ctx.color, out),
        Format::Json => json::render(report, out),
        Format::Github => github::render(report, ctx.step_summary.as_deref(), out),
        Format::Sarif => sarif::render(report, out),
        Format::Short => short::render(report, out),
    }
}
