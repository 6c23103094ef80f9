//! Renderers: each turns the same sorted diagnostic stream into one output format.

pub mod short;

use std::io::Write;

use crate::check::Report;

/// The output formats of `sourcebook check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One line per finding: `file:line:column: severity[CODE]: message`.
    Short,
}

/// Write `report` in `format` to `out`.
pub fn render(report: &Report, format: Format, out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        Format::Short => short::render(report, out),
    }
}
