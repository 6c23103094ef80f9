//! The `github` format: GitHub Actions workflow commands. GitHub shows at most 10 error and 10
//! warning annotations per step, so the most important are annotated first, the rest are
//! listed in the log, a notice says how many were not annotated, and the full table goes to
//! `$GITHUB_STEP_SUMMARY` when it is set.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;

use crate::diag::{Diagnostic, Report, Severity, plural};
use crate::escape;

/// Annotations GitHub displays per step, per severity.
pub const ANNOTATION_LIMIT: usize = 10;

/// Escape a workflow command's message (as `@actions/core` does).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a workflow command property value: the message escapes plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One annotation command. Text from the files checked (the file name, values quoted in the
/// message) has its control characters made visible before the command's own escaping, so it
/// can neither end the command nor colour the log.
pub fn annotation(d: &Diagnostic) -> String {
    let mut props = vec![format!(
        "file={}",
        escape_property(&escape::terminal(d.file(), false))
    )];
    if let Some(p) = &d.primary.position {
        props.push(format!("line={}", p.start.line));
        props.push(format!("endLine={}", p.end.line));
        // GitHub reads columns only within one line.
        if p.start.line == p.end.line {
            props.push(format!("col={}", p.start.column));
            props.push(format!("endColumn={}", p.end.column));
        }
    }
    props.push(format!(
        "title={}",
        escape_property(&format!("{} ({})", d.rule.code, d.rule.name))
    ));
    let mut message = escape::terminal(&d.message, false).into_owned();
    if let Some(h) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(&escape::terminal(h, false));
    }
    format!(
        "::{} {}::{}",
        d.severity,
        props.join(","),
        escape_data(&message)
    )
}

/// Errors before warnings; within a severity, loading faults before schema faults before
/// dataset rules (the table's order), then the stream's order.
fn by_importance(report: &Report) -> Vec<&Diagnostic> {
    let mut v: Vec<&Diagnostic> = report.diagnostics.iter().collect();
    v.sort_by_key(|d| (std::cmp::Reverse(d.severity), d.rule.group));
    v
}

pub fn render(
    report: &Report,
    step_summary: Option<&Path>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let (mut errors, mut warnings) = (0, 0);
    let mut rest = Vec::new();
    for d in by_importance(report) {
        let shown = match d.severity {
            Severity::Error => &mut errors,
            Severity::Warning => &mut warnings,
        };
        if *shown < ANNOTATION_LIMIT {
            *shown += 1;
            writeln!(out, "{}", annotation(d))?;
        } else {
            rest.push(d);
        }
    }
    // Indented, so that no line of the log can begin a workflow command, whatever a file's
    // name is.
    for d in &rest {
        out.write_all(b"  ")?;
        super::short::line(d, out)?;
    }
    if !rest.is_empty() {
        let more_e = rest
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let more_w = rest.len() - more_e;
        let where_ = if step_summary.is_some() {
            "the log and the step summary"
        } else {
            "the log"
        };
        writeln!(
            out,
            "::notice title=sourcebook::{}",
            escape_data(&format!(
                "{more_e} more error{} and {more_w} more warning{} are not annotated (GitHub shows {ANNOTATION_LIMIT} of each per step); all are listed in {where_}",
                plural(more_e),
                plural(more_w),
            ))
        )?;
    }
    super::short::summary_line(report, out)?;
    if let Some(path) = step_summary {
        let mut f = OpenOptions::new().create(true).append(true).open(path)?;
        f.write_all(step_summary_markdown(report).as_bytes())?;
    }
    Ok(())
}

fn cell(s: &str) -> String {
    escape::markdown_message(s)
}

/// The full table of findings, in Markdown, for the job's summary page.
pub fn step_summary_markdown(report: &Report) -> String {
    let s = &report.summary;
    let mut md = format!(
        "## sourcebook check\n\n{} error{}, {} warning{} in {} file{} ({} record{}).\n\n",
        s.errors,
        plural(s.errors),
        s.warnings,
        plural(s.warnings),
        s.files,
        plural(s.files),
        s.records,
        plural(s.records),
    );
    if report.diagnostics.is_empty() {
        return md;
    }
    md.push_str(
        "| Severity | Code | File | Line | Column | Message |\n|---|---|---|---|---|---|\n",
    );
    for d in &report.diagnostics {
        let (line, col) = d.start().map_or((String::new(), String::new()), |p| {
            (p.line.to_string(), p.column.to_string())
        });
        md.push_str(&format!(
            "| {} | {} `{}` | {} | {line} | {col} | {} |\n",
            d.severity,
            d.rule.code,
            d.rule.name,
            escape::markdown_code(d.file()),
            cell(&d.message)
        ));
    }
    md.push('\n');
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_actions_toolkit() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
