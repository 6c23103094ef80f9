//! SB509: a severity configured for a rule that does not exist.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::json::{Pointer, Target};
use crate::layout::Kind;
use crate::model::Document;
use crate::rules::context::FileCtx;

pub static RULE: Rule = Rule {
    code: "SB509",
    name: "unknown-rule-code",
    group: Group::Identity,
    severity: Severity::Error,
    summary: "`rules` in dataset.json configures a code that is no rule.",
    why: "A misspelt code in the configuration would silently configure nothing, and the rule \
          meant would keep its default severity.",
    fails: "{\"rules\": {\"SB999\": \"warning\"}}",
    passes: "{\"rules\": {\"SB603\": \"error\"}}",
    fix: "Use a code from `sourcebook explain --list`.",
    example: Some(Kind::Dataset),
};

pub fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(d) = ctx.document().and_then(Document::dataset) else {
        return;
    };
    for code in d.rules.iter().flat_map(|r| r.keys()) {
        if !ctx.is_rule_code(code) {
            let pointer = Pointer::lit("/rules").key(code);
            out.push(
                Diagnostic::new(
                    &RULE,
                    format!("no rule has the code `{code}`"),
                    ctx.at(pointer, Target::Key),
                )
                .with_help("`sourcebook explain --list` lists every rule"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, clean, fires};

    #[test]
    fn codes_must_exist() {
        fires(
            &super::RULE,
            Case::dataset(r#"{"rules": {"SB999": "warning", "SB603": "error"}}"#),
            "\"SB999\"",
        );
        clean(
            &super::RULE,
            Case::dataset(r#"{"rules": {"SB603": "error"}}"#),
        );
    }
}
