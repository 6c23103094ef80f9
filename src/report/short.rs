//! The `short` format: one line per finding, as compilers print them, then a summary line.

use std::io::Write;

use crate::diag::{Diagnostic, Report, plural};
use crate::escape;

pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    for d in &report.diagnostics {
        line(d, out)?;
    }
    summary_line(report, out)
}

/// One finding on one line: the file name and message come from the files checked, so a
/// line break or a control character in them is shown, never obeyed.
pub fn line(d: &Diagnostic, out: &mut dyn Write) -> std::io::Result<()> {
    let pos = d
        .start()
        .map(|p| format!(":{}:{}", p.line, p.column))
        .unwrap_or_default();
    writeln!(
        out,
        "{}{pos}: {}[{}]: {}",
        escape::terminal(d.file(), false),
        d.severity,
        d.code(),
        escape::terminal(&d.message, false)
    )
}

/// The closing summary every text format ends with.
pub fn summary_line(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let s = &report.summary;
    writeln!(
        out,
        "checked {} file{} ({} record{}, {} countr{}): {} error{}, {} warning{}",
        s.files,
        plural(s.files),
        s.records,
        plural(s.records),
        s.countries,
        if s.countries == 1 { "y" } else { "ies" },
        s.errors,
        plural(s.errors),
        s.warnings,
        plural(s.warnings)
    )
}
