//! SB407: a work whose rights status is unknown.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::layout::Kind;
use crate::model::RightsStatus;
use crate::rules::context::FileCtx;

pub static RULE: Rule = Rule {
    code: "SB407",
    name: "unknown-rights",
    group: Group::Rights,
    severity: Severity::Warning,
    summary: "A work's copyright status is `unknown`.",
    why: "`unknown` is honest and allowed, but it is never silent: every such record is listed \
          on every run, so someone can find out and the count goes down rather than up.",
    fails: "{\"rights\": {\"status\": \"unknown\", \"holder\": \"EFE News Service\", \"basis\": \"fair_use\", \"quoted_words\": 101}}",
    passes: "{\"rights\": {\"status\": \"copyrighted\", \"holder\": \"EFE News Service\", \"basis\": \"fair_use\", \"quoted_words\": 101}}",
    fix: "Find out whether the work is a government work (public domain in the U.S.), under an \
          open licence, or copyrighted, and set `status` to match.",
    example: Some(Kind::Record),
};

pub fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    for (pointer, rights) in super::rights(ctx) {
        if rights.status == RightsStatus::Unknown {
            out.push(ctx.diag(
                &RULE,
                "the copyright status of this work is unknown; it is quoted under fair use",
                pointer.key("status"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diag::Severity;
    use crate::engine::testing::{Case, clean, fires};

    #[test]
    fn unknown_is_a_warning() {
        let d = fires(
            &super::RULE,
            Case::record(
                r#"{"rights": {"status": "unknown", "holder": "EFE News Service", "basis": "fair_use", "quoted_words": 101}}"#,
            ),
            "\"unknown\"",
        );
        assert_eq!(d.severity, Severity::Warning);
        clean(&super::RULE, Case::shipped());
    }
}
