//! SB704: a string of whitespace only.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::layout::Kind;
use crate::rules::context::FileCtx;
use crate::rules::strings::{JsonPath, Text};

pub static RULE: Rule = Rule {
    code: "SB704",
    name: "blank-text",
    group: Group::Text,
    severity: Severity::Error,
    summary: "A string holds only whitespace.",
    why: "A blank value says nothing but passes the schema's \"not empty\" check. A fact that is \
          not known is left out, not filled with spaces.",
    fails: "{\"subtitle\": \"   \"}",
    passes: "{\"subtitle\": \"ECPAT: Fifth Report on implementation of the Agenda for Action\"}",
    fix: "Give the value, or remove the field if it is optional.",
    example: Some(Kind::Record),
};

pub fn check(
    ctx: &FileCtx<'_>,
    path: &JsonPath<'_, '_>,
    text: &Text<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let s = text.s;
    if text.space_at_edge && s.trim().is_empty() {
        out.push(
            ctx.diag(&RULE, "text is blank (only whitespace)", path.pointer())
                .with_help("give the value, or remove an optional field"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, clean, fires};

    #[test]
    fn whitespace_only() {
        fires(
            &super::RULE,
            Case::record("{\"place\": \" \u{a0}\"}"),
            "\" \u{a0}\"",
        );
        clean(&super::RULE, Case::record(r#"{"place": "IQUITOS Peru"}"#));
    }
}
