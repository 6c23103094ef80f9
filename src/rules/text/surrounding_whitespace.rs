//! SB703: whitespace at the start or end of a string.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::layout::Kind;
use crate::rules::context::FileCtx;
use crate::rules::strings::{JsonPath, Text};

pub static RULE: Rule = Rule {
    code: "SB703",
    name: "surrounding-whitespace",
    group: Group::Text,
    severity: Severity::Error,
    summary: "A string starts or ends with whitespace (no-break spaces included).",
    why: "Leading and trailing spaces are invisible in review and make equal values differ: a \
          publisher \"EFE News Service \" is another publisher to every tool that groups by it.",
    fails: "{\"title\": \"Four Child Prostitution Rings Identified In Peru \"}",
    passes: "{\"title\": \"Four Child Prostitution Rings Identified In Peru\"}",
    fix: "Remove the spaces at the start and end.",
    example: Some(Kind::Record),
};

pub fn check(
    ctx: &FileCtx<'_>,
    path: &JsonPath<'_, '_>,
    text: &Text<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let s = text.s;
    if !text.space_at_edge || s.trim().is_empty() {
        return; // blank: SB704 (or empty: the schema)
    }
    let lead = s.starts_with(char::is_whitespace);
    let trail = s.ends_with(char::is_whitespace);
    let which = match (lead, trail) {
        (true, true) => "starts and ends",
        (true, false) => "starts",
        (false, true) => "ends",
        (false, false) => return,
    };
    out.push(ctx.diag(
        &RULE,
        format!("text {which} with whitespace"),
        path.pointer(),
    ));
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, clean, fires};

    #[test]
    fn either_end_and_no_break_spaces() {
        fires(&super::RULE, Case::record(r#"{"title": " x"}"#), "\" x\"");
        let d = fires(
            &super::RULE,
            Case::record("{\"title\": \"x\u{a0}\"}"),
            "\"x\u{a0}\"",
        );
        assert_eq!(d.message, "text ends with whitespace");
        clean(&super::RULE, Case::record(r#"{"title": "x y"}"#));
    }
}
