//! The `sarif` format: a SARIF 2.1.0 log that GitHub code scanning accepts, with every rule of
//! the table (descriptions and help) and one result per finding with its region.

use std::io::Write;

use serde_json::{Value, json};

use crate::diag::{Diagnostic, Label, Report, Rule, Severity};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn rule(r: &Rule) -> Value {
    json!({
        "id": r.code,
        "name": r.name,
        "shortDescription": { "text": r.summary },
        "fullDescription": { "text": r.why.split_whitespace().collect::<Vec<_>>().join(" ") },
        "help": {
            "text": r.fix.split_whitespace().collect::<Vec<_>>().join(" "),
            "markdown": r.markdown(),
        },
        "defaultConfiguration": { "level": level(r.severity) },
        "properties": { "tags": [r.group.title().to_lowercase()] },
    })
}

fn location(l: &Label) -> Value {
    let mut physical = json!({
        "artifactLocation": { "uri": uri(&l.file), "uriBaseId": "%SRCROOT%" },
    });
    // Code scanning needs a region on every result; a finding about a whole file points at
    // its first line.
    physical["region"] = match &l.position {
        Some(p) => json!({
            "startLine": p.start.line,
            "startColumn": p.start.column,
            "endLine": p.end.line,
            "endColumn": p.end.column,
        }),
        None => json!({ "startLine": 1 }),
    };
    let mut loc = json!({ "physicalLocation": physical });
    if let Some(t) = &l.text {
        loc["message"] = json!({ "text": t });
    }
    if let Some(p) = l.pointer() {
        loc["logicalLocations"] = json!([{ "fullyQualifiedName": p, "kind": "member" }]);
    }
    loc
}

/// A relative URI reference for a display path: `/` separators, percent-encoding what a URI
/// cannot hold.
fn uri(path: &str) -> String {
    let mut s = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                s.push(b as char)
            }
            _ => s.push_str(&format!("%{b:02X}")),
        }
    }
    s
}

fn result(rules: &[&Rule], d: &Diagnostic) -> Value {
    let index = rules
        .iter()
        .position(|r| r.code == d.rule.code)
        .unwrap_or_default();
    let mut text = d.message.to_string();
    if let Some(h) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(h);
    }
    let mut r = json!({
        "ruleId": d.rule.code,
        "ruleIndex": index,
        "level": level(d.severity),
        "message": { "text": text },
        "locations": [location(&d.primary)],
    });
    if !d.secondary.is_empty() {
        r["relatedLocations"] = Value::Array(
            d.secondary
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let mut loc = location(l);
                    loc["id"] = json!(i);
                    loc
                })
                .collect(),
        );
    }
    r
}

/// The whole SARIF log.
pub fn log(report: &Report) -> Value {
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "sourcebook",
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": report.rules.iter().map(|r| rule(r)).collect::<Vec<_>>(),
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": report
                .diagnostics
                .iter()
                .map(|d| result(report.rules, d))
                .collect::<Vec<_>>(),
        }]
    })
}

pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(report))?;
    out.write_all(b"\n")
}
