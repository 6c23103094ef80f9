//! SB509: a severity configured for a rule that does not exist.

use crate::diagnostic::{Diagnostic, Severity};
use crate::json::Target;
use crate::rules::{Check, Doc, Example, FileCtx, Group, Rule};

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
    check: Some(Check::File(check)),
    example: Some(Example::Dataset),
};

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    let Doc::Dataset(d) = ctx.doc else { return };
    for code in d.rules.keys() {
        if crate::rules::find(code).is_none_or(|r| r.code != code) {
            let mut pointer = String::from("/rules");
            crate::json::push_token(&mut pointer, code);
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
    use crate::rules::testing::{Case, clean, fires};

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
