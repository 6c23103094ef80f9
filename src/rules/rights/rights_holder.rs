//! SB402: a work that is not in the public domain without its rights holder.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::json::Target;
use crate::layout::Kind;
use crate::model::RightsStatus;
use crate::rules::context::FileCtx;

pub static RULE: Rule = Rule {
    code: "SB402",
    name: "rights-holder",
    group: Group::Rights,
    severity: Severity::Error,
    summary: "A copyrighted, licensed or unknown-status work has no rights holder.",
    why: "Whoever reuses an excerpt, and whoever asks for a takedown, needs to know whose work it \
          is. A work whose status is unknown still names who published it as its presumed holder.",
    fails: "{\"rights\": {\"status\": \"copyrighted\", \"basis\": \"fair_use\", \"quoted_words\": 101}}",
    passes: "{\"rights\": {\"status\": \"copyrighted\", \"holder\": \"EFE News Service\", \"basis\": \"fair_use\", \"quoted_words\": 101}}",
    fix: "Add `holder`: the publisher, unless the source names another copyright owner.",
    example: Some(Kind::Record),
};

pub fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    for (pointer, rights) in super::rights(ctx) {
        if rights.status != RightsStatus::PublicDomain && rights.holder.is_none() {
            out.push(
                Diagnostic::new(
                    &RULE,
                    "no rights `holder` for a work that is not in the public domain",
                    ctx.at(pointer, Target::Opening),
                )
                .with_help("add \"holder\": the publisher, unless the source names another owner"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, clean, fires};

    #[test]
    fn needed_unless_public_domain() {
        fires(
            &super::RULE,
            Case::record(
                r#"{"rights": {"status": "licensed", "basis": "licence", "licence": "CC-BY-4.0", "quoted_words": 101}}"#,
            ),
            "\"rights\"",
        );
        clean(&super::RULE, Case::shipped());
    }
}
