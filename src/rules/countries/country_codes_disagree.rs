//! SB802: an alpha-3 code that is not the alpha-2 code's.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::json::{Pointer, Target};
use crate::layout::Kind;
use crate::reference::countries;
use crate::rules::context::FileCtx;

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
    example: Some(Kind::Country),
};

pub fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(c) = ctx.country() else { return };
    let Some(code) = c.code.as_deref() else {
        return;
    };
    let Some(expected) = countries::alpha3(code) else {
        return;
    }; // SB801
    let Some(alpha3) = c.alpha3.as_deref() else {
        return;
    };
    if alpha3 != expected {
        out.push(
            ctx.diag(
                &RULE,
                format!(
                    "`{}` is not the alpha-3 code of {}; that is `{expected}`",
                    alpha3, code
                ),
                Pointer::lit("/alpha3"),
            )
            .with_secondary(
                ctx.at(Pointer::lit("/code"), Target::Value)
                    .with_text("alpha-2 code"),
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, clean, fires};

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
