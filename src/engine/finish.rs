//! The end of a check: the dataset's severity configuration, positions for labels in files
//! that had no finding of their own, one sorted stream, and the counts.

use std::collections::{BTreeSet, HashMap};

use crate::diag::{
    Anchor, Diagnostic, Label, Report, Severity, SourceLines, SourceText, Summary, resolve_labels,
};
use crate::layout::{self, FileName, Kind};
use crate::load::{Limits, Selection, Source, bom_len};
use crate::model::{Dataset, Level};

/// Apply the dataset's per-rule severities: `allow` drops a rule's findings.
pub fn configure(diags: &mut Vec<Diagnostic>, dataset: &Dataset) {
    if dataset.rules.is_empty() {
        return;
    }
    diags.retain_mut(|d| match dataset.rules.get(d.rule.code) {
        Some(Level::Allow) => false,
        Some(Level::Error) => {
            d.severity = Severity::Error;
            true
        }
        Some(Level::Warning) => {
            d.severity = Severity::Warning;
            true
        }
        None => true,
    });
}

/// Resolve what is left unresolved (labels of cross-file findings: their files are read
/// again, one at a time), sort, count.
pub fn finish(
    source: &Source,
    mut diags: Vec<Diagnostic>,
    mut kept: HashMap<FileName, SourceLines>,
    only: Option<&Selection>,
    limits: Limits,
    source_lines: bool,
) -> Report {
    let files = source.files();
    let mut wanted: HashMap<FileName, Vec<&mut Label>> = HashMap::new();
    for d in diags.iter_mut() {
        for l in std::iter::once(&mut d.primary).chain(d.secondary.iter_mut()) {
            if l.position.is_none() && !matches!(l.at, Anchor::File) {
                wanted.entry(l.file.clone()).or_default().push(l);
            }
        }
    }
    for (i, rel) in files.files.iter().enumerate() {
        let Some(mut labels) = wanted.remove(files.display_at(i)) else {
            continue;
        };
        let Ok(bytes) = source.read(rel, limits) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let src = SourceText {
            text: &text,
            body_offset: bom_len(&text),
        };
        resolve_labels(labels.iter_mut().map(|l| &mut **l), &src);
        if !source_lines {
            continue;
        }
        let lines = SourceLines::around(&text, labels.iter().filter_map(|l| l.position.as_ref()));
        kept.entry(source.name(i)).or_default().merge(lines);
    }
    drop(wanted);
    // In place: a stable sort would borrow a buffer the size of the stream.
    diags.sort_unstable_by(|a, b| a.cmp_total(b));
    diags.dedup();
    let referenced: BTreeSet<&str> = diags
        .iter()
        .flat_map(|d| std::iter::once(&d.primary).chain(&d.secondary))
        .map(|l| &*l.file)
        .collect();
    // In place: a second map would hold every file with a finding twice at the peak.
    kept.retain(|k, _| referenced.contains(&**k));
    drop(referenced);
    let sources = kept;
    let counted: Vec<Kind> = files
        .files
        .iter()
        .filter(|r| only.is_none_or(|o| o.contains(&files.display(r))))
        .filter_map(layout::kind_of)
        .collect();
    let mut report = Report {
        diagnostics: diags,
        sources,
        summary: Summary {
            files: counted.len(),
            records: counted.iter().filter(|k| **k == Kind::Record).count(),
            countries: counted.iter().filter(|k| **k == Kind::Country).count(),
            ..Summary::default()
        },
        rules: crate::catalog::all(),
    };
    report.count();
    report
}
