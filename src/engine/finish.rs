//! The end of a check: the dataset's severity configuration, positions for labels in files
//! that had no finding of their own, one sorted stream, and the counts.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use crate::diag::{Anchor, Diagnostic, Report, Severity, SourceText, Summary, resolve};
use crate::layout::{self, Kind};
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

/// Resolve what is left unresolved (labels of cross-file findings, in files with no finding of
/// their own, are read again), sort, count.
pub fn finish(
    source: &Source,
    mut diags: Vec<Diagnostic>,
    mut kept: HashMap<String, (Arc<str>, usize)>,
    only: Option<&Selection>,
    limits: Limits,
) -> Report {
    let files = source.files();
    let wanted: BTreeSet<&str> = diags
        .iter()
        .flat_map(|d| std::iter::once(&d.primary).chain(&d.secondary))
        .filter(|l| l.position.is_none() && !matches!(l.at, Anchor::File))
        .map(|l| l.file.as_str())
        .filter(|f| !kept.contains_key(*f))
        .collect();
    let reread: Vec<(String, &str)> = files
        .files
        .iter()
        .map(|r| (files.display(r), &**r))
        .filter(|(d, _)| wanted.contains(d.as_str()))
        .collect();
    for (display, rel) in reread {
        if let Ok(bytes) = source.read(rel, limits) {
            let text = String::from_utf8_lossy(&bytes);
            let offset = bom_len(&text);
            kept.insert(display, (Arc::from(text.as_ref()), offset));
        }
    }
    {
        let sources: HashMap<&str, SourceText<'_>> = kept
            .iter()
            .map(|(k, (t, o))| {
                (
                    k.as_str(),
                    SourceText {
                        text: t,
                        body_offset: *o,
                    },
                )
            })
            .collect();
        resolve(&mut diags, &sources);
    }
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diags.dedup();
    let referenced: BTreeSet<&str> = diags
        .iter()
        .flat_map(|d| std::iter::once(&d.primary).chain(&d.secondary))
        .map(|l| l.file.as_str())
        .collect();
    let sources = kept
        .into_iter()
        .filter(|(k, _)| referenced.contains(k.as_str()))
        .map(|(k, (t, _))| (k, t))
        .collect();
    let counted: Vec<Kind> = files
        .files
        .iter()
        .filter(|r| only.is_none_or(|o| o.contains(&files.display(r))))
        .filter_map(|r| layout::kind_of(r))
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
