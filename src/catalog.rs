//! The catalogue of every rule code the tool reports: the loader's (SB1xx), the schema
//! validator's (SB2xx) and the dataset rules' (SB3xx-SB9xx), in code order. `sourcebook explain`,
//! `docs/rules.md`, SARIF's rule list and the dataset's severity configuration read it.

use std::fmt::Write as _;
use std::sync::LazyLock;

use crate::diag::Rule;

static ALL: LazyLock<Vec<&'static Rule>> = LazyLock::new(|| {
    let mut all: Vec<&'static Rule> = crate::load::codes::CODES
        .iter()
        .chain(crate::schema::codes::CODES)
        .copied()
        .chain(crate::rules::RULES.iter().map(|r| r.rule))
        .collect();
    all.sort_by_key(|r| r.code);
    all
});

/// Every rule, in code order.
pub fn all() -> &'static [&'static Rule] {
    &ALL
}

/// Look a rule up by code (`SB101`, case-insensitive) or name (`invalid-json`).
pub fn find(key: &str) -> Option<&'static Rule> {
    all()
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
}

/// Whether `code` is exactly a rule's code (as the dataset's configuration must write it).
pub fn is_code(code: &str) -> bool {
    all().iter().any(|r| r.code == code)
}

/// `docs/rules.md`: the whole table, generated.
pub fn reference_markdown() -> String {
    let mut s = String::from(
        "# Rules\n\n<!-- Generated from src/rules by `sourcebook explain --all`; do not edit by hand. -->\n\n\
         Every diagnostic `sourcebook check` reports has one of these codes. Codes never change \
         meaning and are never reused. A dataset can raise or lower a rule's severity in \
         `dataset.json`.\n\n| Code | Name | Severity | Checks |\n|---|---|---|---|\n",
    );
    for r in all() {
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
    for r in all() {
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
    use crate::diag::Group;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for r in all() {
            assert!(codes.insert(r.code), "duplicate code {}", r.code);
            assert!(names.insert(r.name), "duplicate name {}", r.name);
            assert!(r.code.len() == 5 && r.code.starts_with("SB"), "{}", r.code);
            assert!(
                r.code[2..].bytes().all(|b| b.is_ascii_digit()),
                "{}",
                r.code
            );
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

    /// Each table is in code order and holds its own family only, so the first digit of a
    /// code says who raises it.
    #[test]
    fn each_family_is_raised_by_its_own_table() {
        let in_order = |codes: Vec<&str>| codes.windows(2).all(|w| w[0] < w[1]);
        let load: Vec<_> = crate::load::codes::CODES.iter().map(|r| r.code).collect();
        let schema: Vec<_> = crate::schema::codes::CODES.iter().map(|r| r.code).collect();
        let rules: Vec<_> = crate::rules::RULES.iter().map(|r| r.rule.code).collect();
        assert!(in_order(load.clone()) && in_order(schema.clone()) && in_order(rules.clone()));
        for r in crate::load::codes::CODES {
            assert_eq!((r.group, &r.code[..3]), (Group::Load, "SB1"), "{}", r.code);
        }
        for r in crate::schema::codes::CODES {
            assert_eq!(
                (r.group, &r.code[..3]),
                (Group::Schema, "SB2"),
                "{}",
                r.code
            );
        }
        for r in crate::rules::RULES {
            assert!(
                !matches!(r.rule.group, Group::Load | Group::Schema),
                "{}",
                r.rule.code
            );
        }
        assert_eq!(all().len(), load.len() + schema.len() + rules.len());
    }

    /// Every rule whose examples are fragments of a shipped file: the failing example yields
    /// that rule's code and no other, and the passing one yields nothing at all. This keeps
    /// the documentation honest.
    #[test]
    fn documented_examples_behave_as_documented() {
        use crate::engine::testing::Case;
        let mut tried = 0;
        for r in all() {
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
    fn finds_by_code_or_name() {
        assert_eq!(find("sb101").map(|r| r.name), Some("invalid-json"));
        assert_eq!(find("invalid-json").map(|r| r.code), Some("SB101"));
        assert!(find("SB999").is_none());
        assert!(is_code("SB603") && !is_code("sb603") && !is_code("SB999"));
    }
}
