//! Generated documentation stays in step with its sources: the rule reference with the rule
//! table, the field references with the schemas. Run with `SOURCEBOOK_BLESS=1` to rewrite them.

use std::fs;

mod common;

fn check_file(path: &str, expected: &str) {
    common::check_generated(path, expected, "docs");
}

/// Check the text between `<!-- NAME:start -->` and `<!-- NAME:end -->` in `path`.
fn check_section(path: &str, name: &str, expected: &str) {
    let text = fs::read_to_string(path).unwrap();
    let (start, end) = (
        format!("<!-- {name}:start -->\n"),
        format!("<!-- {name}:end -->"),
    );
    let a = text
        .find(&start)
        .unwrap_or_else(|| panic!("{path} has no {start}"))
        + start.len();
    let b = text
        .find(&end)
        .unwrap_or_else(|| panic!("{path} has no {end}"));
    let current = format!("{}{expected}{}", &text[..a], &text[b..]);
    common::check_generated(path, &current, "docs");
}

#[test]
fn rule_reference_is_current() {
    check_file("docs/rules.md", &sourcebook::catalog::reference_markdown());
}

#[test]
fn field_reference_is_current() {
    check_file("docs/fields.md", &sourcebook::schema::fields_markdown());
}

#[test]
fn release_reference_is_current() {
    check_file(
        "docs/release.md",
        &sourcebook::release::reference_markdown(),
    );
}

#[test]
fn readme_record_fields_are_current() {
    check_section(
        "README.md",
        "record-fields",
        &sourcebook::schema::field_reference(sourcebook::layout::Kind::Record),
    );
}
