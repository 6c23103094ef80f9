//! The rule table: every diagnostic code, its default severity and its documentation.
//!
//! Codes are stable: a retired rule keeps its code forever and no code is ever reused.
//! `sourcebook explain CODE` and `docs/rules.md` are generated from this table.

pub mod context;
pub mod countries;
pub mod dates;
pub mod identity;
pub mod links;
pub mod load;
pub mod privacy;
pub mod rights;
pub mod schema;
#[cfg(test)]
pub mod testing;
pub mod text;

use std::fmt::Write as _;

use crate::diagnostic::{Diagnostic, Severity};
pub use context::{Ctx, Doc, Entry, FileCtx};

/// How a rule looks at the dataset.
/// A rule that looks at one string of a file: where it is, and the string with its byte classes.
pub type TextCheck =
    fn(&FileCtx<'_>, &context::JsonPath<'_, '_>, &context::Text<'_>, &mut Vec<Diagnostic>);

#[derive(Clone, Copy)]
pub enum Check {
    /// One file at a time, with the dataset's metadata for context.
    File(fn(&FileCtx<'_>, &mut Vec<Diagnostic>)),
    /// Each string of a file, in one walk shared by every such rule.
    Text(TextCheck),
    /// Across files, through the compact index.
    Dataset(fn(&Ctx<'_>, &mut Vec<Diagnostic>)),
}

impl std::fmt::Debug for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Check::File(_) => "Check::File",
            Check::Text(_) => "Check::Text",
            Check::Dataset(_) => "Check::Dataset",
        })
    }
}

/// Which shipped file a rule's `fails` and `passes` examples are fragments of: their top-level
/// fields replace that file's, and a test checks the first breaks the rule and the second
/// does not. `None` for examples that are prose or span several files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Example {
    Record,
    Country,
    Dataset,
}

/// The family a rule belongs to; the first digit of its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    Load,
    Schema,
    Dates,
    Rights,
    Identity,
    Links,
    Text,
    Countries,
    Privacy,
}

impl Group {
    pub fn title(self) -> &'static str {
        match self {
            Group::Load => "Loading",
            Group::Schema => "Schema",
            Group::Dates => "Dates",
            Group::Rights => "Rights and fair use",
            Group::Identity => "Identity and references",
            Group::Links => "Links",
            Group::Text => "Text",
            Group::Countries => "Countries and helplines",
            Group::Privacy => "Privacy",
        }
    }
}

/// One rule: a stable code, a kebab-case name, the documentation a contributor reads, and the
/// check itself (loading and schema faults are raised by the loader and the validator).
#[derive(Debug)]
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
    pub check: Option<Check>,
    pub example: Option<Example>,
}

// Rules are identified by their code; comparing the check functions would say nothing more.
impl PartialEq for Rule {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

impl Eq for Rule {}

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
    &dates::impossible_date::RULE,
    &dates::accessed_before_published::RULE,
    &dates::future_date::RULE,
    &dates::outside_coverage::RULE,
    &dates::printed_date_mismatch::RULE,
    &dates::unrecognised_printed_date::RULE,
    &rights::rights_basis::RULE,
    &rights::rights_holder::RULE,
    &rights::invalid_licence::RULE,
    &rights::quote_over_limit::RULE,
    &rights::word_count_mismatch::RULE,
    &rights::unattributed_excerpt::RULE,
    &rights::unknown_rights::RULE,
    &identity::id_country_prefix::RULE,
    &identity::id_file_name::RULE,
    &identity::wrong_directory::RULE,
    &identity::duplicate_id::RULE,
    &identity::duplicate_source::RULE,
    &identity::unknown_topic::RULE,
    &identity::duplicate_topic::RULE,
    &identity::placement_conflict::RULE,
    &identity::unknown_rule_code::RULE,
    &links::invalid_url::RULE,
    &links::not_an_archive::RULE,
    &links::plain_http::RULE,
    &text::not_nfc::RULE,
    &text::hidden_character::RULE,
    &text::surrounding_whitespace::RULE,
    &text::blank_text::RULE,
    &text::html_markup::RULE,
    &text::placeholder::RULE,
    &countries::unknown_country::RULE,
    &countries::country_codes_disagree::RULE,
    &countries::invalid_phone_number::RULE,
    &countries::calling_code_mismatch::RULE,
    &privacy::email_in_text::RULE,
    &privacy::phone_in_text::RULE,
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

    /// Every rule whose examples are fragments of a shipped file: the failing example yields
    /// that rule's code and no other, and the passing one yields nothing at all. This keeps
    /// the documentation honest.
    #[test]
    fn documented_examples_behave_as_documented() {
        use crate::rules::testing::Case;
        let mut tried = 0;
        for r in RULES {
            let Some(kind) = r.example else { continue };
            let fails = Case::example(kind, r.fails).run();
            assert!(!fails.is_empty(), "{}: the failing example passes", r.code);
            for d in &fails {
                assert_eq!(
                    d.code(),
                    r.code,
                    "{}: the failing example also gives {}: {}",
                    r.code,
                    d.code(),
                    d.message
                );
            }
            let passes = Case::example(kind, r.passes).run();
            assert!(
                passes.is_empty(),
                "{}: the passing example gives {:?}",
                r.code,
                passes
                    .iter()
                    .map(|d| (d.code(), &d.message))
                    .collect::<Vec<_>>()
            );
            tried += 1;
        }
        assert!(tried >= 30, "only {tried} rules have runnable examples");
    }

    #[test]
    fn every_dataset_rule_has_a_check_and_every_loader_rule_none() {
        for r in RULES {
            let raised_elsewhere = matches!(r.group, Group::Load | Group::Schema);
            assert_eq!(r.check.is_none(), raised_elsewhere, "{}", r.code);
        }
    }

    #[test]
    fn finds_by_code_or_name() {
        assert_eq!(find("sb101").map(|r| r.name), Some("invalid-json"));
        assert_eq!(find("invalid-json").map(|r| r.code), Some("SB101"));
        assert!(find("SB999").is_none());
    }
}
