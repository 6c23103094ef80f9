//! The rule table: every diagnostic code, its default severity and its documentation.
//!
//! Codes are stable: a retired rule keeps its code forever and no code is ever reused.
//! `sourcebook explain CODE` and `docs/rules.md` are generated from this table.

pub mod load;
pub mod schema;

use std::fmt::Write as _;

use crate::diagnostic::Severity;

/// The family a rule belongs to; the first digit of its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    Load,
    Schema,
}

impl Group {
    pub fn title(self) -> &'static str {
        match self {
            Group::Load => "Loading",
            Group::Schema => "Schema",
        }
    }
}

/// One rule: a stable code, a kebab-case name, and the documentation a contributor reads.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// `SB` and three digits; never renumbered.
    pub code: &'static str,
    pub name: &'static str,
    pub group: Group,
    /// The severity unless the dataset's configuration says otherwise.
    pub severity: Severity,
    /// One line: what the rule checks.
    pub summary: &'static str,
    /// Why it matters, in a paragraph or two.
    pub why: &'static str,
    /// A file fragment that breaks the rule.
    pub fails: &'static str,
    /// The same fragment, fixed.
    pub passes: &'static str,
    /// What to do when it fires.
    pub fix: &'static str,
}

/// Every rule, in code order.
pub static RULES: &[&Rule] = &[
    &load::INVALID_JSON,
    &load::DUPLICATE_KEY,
    &load::EMPTY_FILE,
    &load::BYTE_ORDER_MARK,
    &load::INVALID_UTF8,
    &load::UNEXPECTED_FILE,
    &load::UNREADABLE,
    &load::SYMLINK,
    &load::TOO_LARGE,
    &load::TOO_DEEP,
    &load::MISSING_FILE,
    &schema::UNKNOWN_FIELD,
    &schema::MISSING_FIELD,
    &schema::WRONG_TYPE,
    &schema::NOT_ALLOWED,
    &schema::PATTERN,
    &schema::FORMAT,
    &schema::OUT_OF_BOUNDS,
    &schema::REPEATED_ITEM,
    &schema::OTHER,
];

/// Look a rule up by code (`SB101`, case-insensitive) or name (`invalid-json`).
pub fn find(key: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
}

impl Rule {
    /// The rule's documentation as Markdown, as `explain` prints it and `docs/rules.md` holds it.
    pub fn markdown(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "## {} `{}`\n", self.code, self.name);
        let _ = writeln!(s, "{}\n", self.summary);
        let _ = writeln!(s, "Default severity: **{}**.\n", self.severity);
        let _ = writeln!(s, "### Why\n\n{}\n", self.why.trim());
        let _ = writeln!(s, "### Fails\n\n```json\n{}\n```\n", self.fails.trim_end());
        let _ = writeln!(
            s,
            "### Passes\n\n```json\n{}\n```\n",
            self.passes.trim_end()
        );
        let _ = writeln!(s, "### How to fix\n\n{}", self.fix.trim());
        s
    }
}

/// `docs/rules.md`: the whole table, generated.
pub fn reference_markdown() -> String {
    let mut s = String::from(
        "# Rules\n\n<!-- Generated from src/rules by `sourcebook explain --all`; do not edit by hand. -->\n\n\
         Every diagnostic `sourcebook check` reports has one of these codes. Codes never change \
         meaning and are never reused. A dataset can raise or lower a rule's severity in \
         `dataset.json`.\n\n| Code | Name | Severity | Checks |\n|---|---|---|---|\n",
    );
    for r in RULES {
        let _ = writeln!(
            s,
            "| [{}](#{}-{}) | `{}` | {} | {} |",
            r.code,
            r.code.to_lowercase(),
            r.name,
            r.name,
            r.severity,
            r.summary
        );
    }
    let mut group = None;
    for r in RULES {
        if group != Some(r.group) {
            group = Some(r.group);
            let _ = write!(s, "\n# {}\n", r.group.title());
        }
        s.push('\n');
        s.push_str(&r.markdown());
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        let mut last = "";
        for r in RULES {
            assert!(codes.insert(r.code), "duplicate code {}", r.code);
            assert!(names.insert(r.name), "duplicate name {}", r.name);
            assert!(r.code.len() == 5 && r.code.starts_with("SB"), "{}", r.code);
            assert!(
                r.code[2..].bytes().all(|b| b.is_ascii_digit()),
                "{}",
                r.code
            );
            assert!(r.code > last, "table out of code order at {}", r.code);
            last = r.code;
            assert!(
                r.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                r.name
            );
            for (what, text) in [("summary", r.summary), ("why", r.why), ("fix", r.fix)] {
                assert!(!text.trim().is_empty(), "{} has no {what}", r.code);
            }
        }
    }

    #[test]
    fn finds_by_code_or_name() {
        assert_eq!(find("sb101").map(|r| r.name), Some("invalid-json"));
        assert_eq!(find("invalid-json").map(|r| r.code), Some("SB101"));
        assert!(find("SB999").is_none());
    }
}
