//! SB802: an alpha-3 code that is not the alpha-2 code's.

use crate::diagnostic::{Diagnostic, Severity};
use crate::json::Target;
use crate::rules::{Check, Example, FileCtx, Group, Rule};

pub static RULE: Rule = Rule {
    code: "SB802",
    name: "country-codes-disagree",
    group: Group::Countries,
    severity: Severity::Error,
    summary: "A country's alpha-3 code is not the one ISO 3166-1 pairs with its alpha-2 code.",
    why: "Both codes are used to join the dataset to others; when they name different countries \
          (`PE` with `PRY`), one of the joins is silently wrong. (The directory name is checked \
          against the alpha-2 code by SB503.)",
    fails: "{\"code\": \"PE\", \"alpha3\": \"PRY\"}",
    passes: "{\"code\": \"PE\", \"alpha3\": \"PER\"}",
    fix: "Correct whichever code is wrong.",
    check: Some(Check::File(check)),
    example: Some(Example::Country),
};

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(c) = ctx.country() else { return };
    let Some(expected) = super::alpha3(&c.code) else {
        return;
    }; // SB801
    if c.alpha3 != expected {
        out.push(
            ctx.diag(
                &RULE,
                format!(
                    "`{}` is not the alpha-3 code of {}; that is `{expected}`",
                    c.alpha3, c.code
                ),
                "/alpha3",
            )
            .with_secondary(ctx.at("/code", Target::Value).with_text("alpha-2 code")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{Case, clean, fires};

    #[test]
    fn pairs() {
        fires(
            &super::RULE,
            Case::country(r#"{"alpha3": "PRY"}"#),
            "\"PRY\"",
        );
        clean(&super::RULE, Case::shipped());
    }
}
