//! SB401: the basis for quoting is missing or does not fit the rights status.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::json::Target;
use crate::layout::Kind;
use crate::model::{RightsBasis, wire_name};
use crate::rules::context::FileCtx;

pub static RULE: Rule = Rule {
    code: "SB401",
    name: "rights-basis",
    group: Group::Rights,
    severity: Severity::Error,
    summary: "The basis for quoting a work is missing or does not fit its rights status.",
    why: "Quoting is lawful only on a basis: a public-domain work needs the reason it is public \
          (a work of the U.S. federal government, 17 U.S.C. § 105); a copyrighted work, or one \
          whose status is unknown, is quoted under fair use (17 U.S.C. § 107); a licensed work \
          under its licence, named as an SPDX expression in `licence`.",
    fails: "{\"rights\": {\"status\": \"public_domain\", \"quoted_words\": 101}}",
    passes: "{\"rights\": {\"status\": \"public_domain\", \"basis\": \"us_government_work\", \"quoted_words\": 101}}",
    fix: "Set `basis` to the one the status needs: `us_government_work` for public domain, \
          `fair_use` for copyrighted or unknown, `licence` (with `licence`) for licensed.",
    example: Some(Kind::Record),
};

pub fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    for (pointer, rights) in super::rights(ctx) {
        let want = rights.status.basis();
        match rights.basis {
            None => out.push(
                Diagnostic::new(
                    &RULE,
                    format!(
                        "no `basis` for quoting; this status needs `{}`",
                        wire_name(&want)
                    ),
                    ctx.at(pointer.clone(), Target::Opening),
                )
                .with_help(format!("add \"basis\": \"{}\"", wire_name(&want))),
            ),
            Some(b) if b != want => out.push(
                ctx.diag(
                    &RULE,
                    format!(
                        "basis `{}` does not fit the status; it needs `{}`",
                        wire_name(&b),
                        wire_name(&want)
                    ),
                    pointer.key("basis"),
                )
                .with_secondary(
                    ctx.at(pointer.key("status"), Target::Value)
                        .with_text("the status"),
                ),
            ),
            Some(_) => {}
        }
        if want == RightsBasis::Licence && rights.licence.is_none() {
            out.push(
                Diagnostic::new(
                    &RULE,
                    "a licensed work needs its `licence`",
                    ctx.at(pointer.clone(), Target::Opening),
                )
                .with_help("add \"licence\" with the SPDX expression, such as \"CC-BY-4.0\""),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, clean, fires};

    #[test]
    fn each_status_needs_its_basis() {
        fires(
            &super::RULE,
            Case::record(
                r#"{"rights": {"status": "copyrighted", "holder": "EFE News Service", "quoted_words": 101}}"#,
            ),
            "\"rights\"",
        );
        fires(
            &super::RULE,
            Case::record(
                r#"{"rights": {"status": "copyrighted", "holder": "EFE News Service", "basis": "us_government_work", "quoted_words": 101}}"#,
            ),
            "\"us_government_work\"",
        );
        fires(
            &super::RULE,
            Case::record(
                r#"{"rights": {"status": "licensed", "holder": "EFE News Service", "basis": "licence", "quoted_words": 101}}"#,
            ),
            "\"rights\"",
        );
        clean(
            &super::RULE,
            Case::record(
                r#"{"rights": {"status": "licensed", "holder": "EFE News Service", "basis": "licence", "licence": "CC-BY-4.0", "quoted_words": 101}}"#,
            ),
        );
        clean(&super::RULE, Case::shipped());
    }
}
