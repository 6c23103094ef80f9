//! SB706: a placeholder from `sourcebook new` that was never filled in.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::context::{JsonPath, Text};
use crate::rules::{Check, Example, FileCtx, Group, Rule};

pub static RULE: Rule = Rule {
    code: "SB706",
    name: "placeholder",
    group: Group::Text,
    severity: Severity::Error,
    summary: "A value is still a `TODO:` placeholder.",
    why: "`sourcebook new` writes skeleton files whose every value to fill in starts with `TODO:`, \
          saying what belongs there. Each one left is reported here, once (not also as a schema \
          mismatch), until it is replaced; the dataset's other rules check the file once no \
          placeholder is left.",
    fails: "{\"title\": \"TODO: the title exactly as printed\"}",
    passes: "{\"title\": \"Four Child Prostitution Rings Identified In Peru\"}",
    fix: "Replace the placeholder with the value it asks for, or remove an optional field the \
          source says nothing about.",
    check: Some(Check::Text(check)),
    example: Some(Example::Record),
};

/// The mark that starts every placeholder (followed by what belongs there).
pub const MARK: &str = "TODO";

/// Whether a string is a placeholder: `TODO:` and what belongs there. The colon keeps text that
/// merely begins with the letters ("TODOS LOS NIÑOS") from counting.
pub fn is_placeholder(s: &str) -> bool {
    s.strip_prefix(MARK)
        .is_some_and(|rest| rest.starts_with(':'))
}

fn check(ctx: &FileCtx<'_>, path: &JsonPath<'_, '_>, text: &Text<'_>, out: &mut Vec<Diagnostic>) {
    let s = text.s;
    if is_placeholder(s) {
        let field = crate::json::field_path(&path.pointer());
        out.push(ctx.diag(
            &RULE,
            format!("`{field}` is still a placeholder: {s}"),
            path.pointer(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{Case, clean, fires_at};

    #[test]
    fn each_placeholder_once() {
        // An enum and a date placeholder are reported as placeholders, not schema faults.
        let case = Case::record(
            r#"{"title": "TODO: title", "published": {"date": "TODO: YYYY"}, "format": "TODO: pdf?"}"#,
        );
        fires_at(
            &super::RULE,
            case,
            &["\"TODO: pdf?\"", "\"TODO: YYYY\"", "\"TODO: title\""],
        );
        clean(&super::RULE, Case::shipped());
        // Text that only begins with the letters is no placeholder.
        clean(
            &super::RULE,
            Case::record(r#"{"title": "TODOS LOS NIÑOS"}"#),
        );
    }
}
