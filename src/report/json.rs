//! The `json` format: one JSON object per line (`"type": "diagnostic"`), then one
//! `"type": "summary"` object. Fields are in a fixed order; absent facts are `null`.

use std::io::Write;

use serde::Serialize;

use crate::diag::{Diagnostic, Label, Report, Summary};

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    pointer: Option<&'a str>,
    line: Option<u32>,
    column: Option<u32>,
    end_line: Option<u32>,
    end_column: Option<u32>,
}

impl<'a> Location<'a> {
    fn of(l: &'a Label) -> Self {
        let p = l.position.as_ref();
        Location {
            path: &l.file,
            pointer: l.pointer().map(|p| p.as_str()),
            line: p.map(|p| p.start.line),
            column: p.map(|p| p.start.column),
            end_line: p.map(|p| p.end.line),
            end_column: p.map(|p| p.end.column),
        }
    }
}

#[derive(Serialize)]
struct Related<'a> {
    #[serde(flatten)]
    location: Location<'a>,
    message: Option<&'a str>,
}

#[derive(Serialize)]
struct Line<'a> {
    r#type: &'static str,
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    #[serde(flatten)]
    location: Location<'a>,
    message: &'a str,
    label: Option<&'a str>,
    help: Option<&'a str>,
    related: Vec<Related<'a>>,
}

#[derive(Serialize)]
struct SummaryLine<'a> {
    r#type: &'static str,
    #[serde(flatten)]
    summary: &'a Summary,
}

fn line(d: &Diagnostic) -> Line<'_> {
    Line {
        r#type: "diagnostic",
        code: d.rule.code,
        name: d.rule.name,
        severity: d.severity.as_str(),
        location: Location::of(&d.primary),
        message: &d.message,
        label: d.primary.text.as_deref(),
        help: d.help.as_deref(),
        related: d
            .secondary
            .iter()
            .map(|l| Related {
                location: Location::of(l),
                message: l.text.as_deref(),
            })
            .collect(),
    }
}

pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    for d in &report.diagnostics {
        serde_json::to_writer(&mut *out, &line(d))?;
        out.write_all(b"\n")?;
    }
    serde_json::to_writer(
        &mut *out,
        &SummaryLine {
            r#type: "summary",
            summary: &report.summary,
        },
    )?;
    out.write_all(b"\n")
}
