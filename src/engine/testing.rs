//! Test harness for rules: the shipped Peru dataset in memory, one file changed, the whole
//! check run, and assertions on exactly which codes fire where.

use std::path::Path;

use serde_json::Value;

use super::Options;
use crate::diag::{Diagnostic, Rule};
use crate::layout::Kind;
use crate::model::PartialDate;

pub const RECORD: &str = "pe/records/pe-2004-four-child-prostitution-rings-identified.json";
pub const COUNTRY: &str = "pe/country.json";
pub const DATASET: &str = "dataset.json";

/// The day tests take as today.
pub fn today() -> PartialDate {
    "2026-01-15".parse().unwrap()
}

/// A dataset to check: the shipped one with changes.
pub struct Case {
    files: Vec<(String, Vec<u8>)>,
}

fn shipped() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("dataset");
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = crate::layout::rel_string(e.path().strip_prefix(&root).unwrap());
            out.push((rel, std::fs::read(e.path()).unwrap()));
        }
    }
    out
}

impl Case {
    pub fn shipped() -> Self {
        Case { files: shipped() }
    }

    /// The shipped dataset with the top-level fields of `fragment` replacing those of `file`.
    pub fn patch(file: &str, fragment: &str) -> Self {
        Case::shipped().and(file, fragment)
    }

    /// Also replace the top-level fields of `file` (as this case has it) with those of
    /// `fragment`.
    pub fn and(mut self, file: &str, fragment: &str) -> Self {
        let patch: Value =
            serde_json::from_str(fragment).unwrap_or_else(|e| panic!("fragment {fragment}: {e}"));
        let (_, bytes) = self.files.iter_mut().find(|(r, _)| r == file).unwrap();
        let mut doc: Value = serde_json::from_slice(bytes).unwrap();
        for (k, v) in patch.as_object().expect("a fragment is an object") {
            doc[k] = v.clone();
        }
        *bytes = (serde_json::to_string_pretty(&doc).unwrap() + "\n").into_bytes();
        self
    }

    pub fn record(fragment: &str) -> Self {
        Case::patch(RECORD, fragment)
    }

    pub fn country(fragment: &str) -> Self {
        Case::patch(COUNTRY, fragment)
    }

    pub fn dataset(fragment: &str) -> Self {
        Case::patch(DATASET, fragment)
    }

    /// A documented example: a fragment, possibly after `//` comment lines.
    pub fn example(kind: Kind, fragment: &str) -> Self {
        let fragment: String = fragment
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let fragment = fragment.as_str();
        match kind {
            Kind::Record => Case::record(fragment),
            Kind::Country => Case::country(fragment),
            Kind::Dataset => Case::dataset(fragment),
        }
    }

    /// Add or replace a whole file.
    pub fn with(mut self, rel: &str, text: &str) -> Self {
        self.files.retain(|(r, _)| r != rel);
        self.files.push((rel.to_string(), text.as_bytes().to_vec()));
        self.files.sort();
        self
    }

    /// Remove a file.
    pub fn without(mut self, rel: &str) -> Self {
        self.files.retain(|(r, _)| r != rel);
        self
    }

    /// The text of one of the case's files.
    pub fn text(&self, rel: &str) -> String {
        let (_, b) = self.files.iter().find(|(r, _)| r == rel).unwrap();
        String::from_utf8_lossy(b).into_owned()
    }

    /// Check the case; every diagnostic has its position resolved.
    pub fn run(&self) -> Vec<Diagnostic> {
        let mut opts = Options::new(Path::new("ds"));
        opts.today = Some(today());
        super::check_memory(self.files.clone(), &opts)
            .unwrap()
            .diagnostics
    }
}

/// The source text a diagnostic's primary label covers.
pub fn snippet(case: &Case, d: &Diagnostic) -> String {
    let rel = d.file().trim_start_matches("ds/");
    let text = case.text(rel);
    let span = d.primary.position.as_ref().expect("a position").span();
    text[span].to_string()
}

fn describe(ds: &[Diagnostic]) -> Vec<String> {
    ds.iter()
        .map(|d| format!("{} {}: {}", d.code(), d.file(), d.message))
        .collect()
}

/// The case yields diagnostics of `rule` only, one per snippet, on those snippets in order.
pub fn fires_at(rule: &Rule, case: Case, snippets: &[&str]) -> Vec<Diagnostic> {
    let ds = case.run();
    assert!(
        ds.iter().all(|d| d.code() == rule.code),
        "expected only {}: {:#?}",
        rule.code,
        describe(&ds)
    );
    let got: Vec<String> = ds.iter().map(|d| snippet(&case, d)).collect();
    assert_eq!(got, snippets, "{:#?}", describe(&ds));
    ds
}

/// The case yields exactly one diagnostic, of `rule`, on `snippet`.
pub fn fires(rule: &Rule, case: Case, snippet: &str) -> Diagnostic {
    fires_at(rule, case, &[snippet]).remove(0)
}

/// The case yields no diagnostic of `rule` (others may fire: a near miss of one rule is often
/// another's fault); the others are returned to be looked at.
pub fn silent(rule: &Rule, case: Case) -> Vec<Diagnostic> {
    let ds = case.run();
    assert!(
        ds.iter().all(|d| d.code() != rule.code),
        "{} should not fire: {:#?}",
        rule.code,
        describe(&ds)
    );
    ds
}

/// The case yields no diagnostics at all.
pub fn clean(rule: &Rule, case: Case) {
    let ds = case.run();
    assert!(
        ds.is_empty(),
        "{} should not fire: {:#?}",
        rule.code,
        describe(&ds)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patches_of_one_file_add_up() {
        let case = Case::record(r#"{"title": "A"}"#).and(RECORD, r#"{"subtitle": "B"}"#);
        let doc: Value = serde_json::from_str(&case.text(RECORD)).unwrap();
        assert_eq!(
            (&doc["title"], &doc["subtitle"]),
            (&"A".into(), &"B".into())
        );
    }
}
