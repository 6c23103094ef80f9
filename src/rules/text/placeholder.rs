//! SB706: a placeholder from `sourcebook new` that was never filled in.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::layout::Kind;
use crate::rules::context::FileCtx;
use crate::rules::strings::{JsonPath, Text};

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
    example: Some(Kind::Record),
};

use crate::reference::placeholder::is_placeholder;

pub fn check(
    ctx: &FileCtx<'_>,
    path: &JsonPath<'_, '_>,
    text: &Text<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let s = text.s;
    if is_placeholder(s) {
        let field = path.pointer().field_path();
        out.push(ctx.diag(
            &RULE,
            format!("`{field}` is still a placeholder: {s}"),
            path.pointer(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, clean, fires_at};

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
