//! SB404: a copyrighted work quoted at more length than the dataset's policy allows.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::json::Target;
use crate::model::RightsStatus;
use crate::rules::context::FileCtx;

pub static RULE: Rule = Rule {
    code: "SB404",
    name: "quote-over-limit",
    group: Group::Rights,
    severity: Severity::Error,
    summary: "The excerpts of a copyrighted (or unknown-status) work quote more words than the policy allows.",
    why: "Fair use weighs how much of a work is taken. The dataset keeps quotations of \
          copyrighted works short, as the policy in `dataset.json` (`max_quoted_words`) sets, so \
          that every record stays a citation with an illustration, not a copy. Public-domain and \
          openly licensed works have no such limit.",
    fails: "{\"rights\": {\"status\": \"copyrighted\", \"holder\": \"EFE News Service\", \"basis\": \"fair_use\", \"quoted_words\": 101}}\n(with a policy of \"max_quoted_words\": 100)",
    passes: "{\"rights\": {\"status\": \"copyrighted\", \"holder\": \"EFE News Service\", \"basis\": \"fair_use\", \"quoted_words\": 101}}\n(with the shipped policy of 300)",
    fix: "Shorten the excerpts to the passages that matter for the topic, and update \
          `quoted_words`.",
    example: None,
};

pub fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(d) = ctx.dataset() else { return };
    let limit = d.policy.max_quoted_words;
    for q in super::quotes(ctx) {
        if !matches!(
            q.rights.status,
            RightsStatus::Copyrighted | RightsStatus::Unknown
        ) {
            continue;
        }
        let Some(words) = q.words else {
            continue;
        };
        if words > limit {
            out.push(
                Diagnostic::new(
                    &RULE,
                    format!("quotes {words} words of a work that is not in the public domain; the policy allows {limit}"),
                    ctx.at(q.text_at, Target::Key),
                )
                .with_help(format!("shorten the quotation by {} words or more", words - limit)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, DATASET, clean, fires};

    #[test]
    fn copyrighted_and_unknown_are_limited() {
        let tight = r#"{"policy": {"max_quoted_words": 100}}"#;
        let d = fires(
            &super::RULE,
            Case::record("{}").and(DATASET, tight),
            "\"excerpts\"",
        );
        assert!(d.message.contains("quotes 101 words"), "{}", d.message);
        clean(
            &super::RULE,
            Case::record("{}").and(DATASET, r#"{"policy": {"max_quoted_words": 101}}"#),
        );
    }

    #[test]
    fn public_domain_is_not() {
        let pd = r#"{"rights": {"status": "public_domain", "basis": "us_government_work", "quoted_words": 101}}"#;
        // 101 words, over a limit of 100 that every copyrighted Peru record keeps within.
        clean(
            &super::RULE,
            Case::record(pd).and(DATASET, r#"{"policy": {"max_quoted_words": 100}}"#),
        );
    }

    #[test]
    fn page_headlines_are_limited_too() {
        let page = |words: usize| {
            let text = vec!["word"; words].join(" ");
            format!(
                r#"{{"pages": [{{"topic": "csec", "title": "Child Prostitution - Peru", "headline": {{"paragraphs": ["{text}"], "attribution": "T", "rights": {{"status": "copyrighted", "holder": "T", "basis": "fair_use", "quoted_words": {words}}}}}}}]}}"#
            )
        };
        // The shipped records quote at most 101 words.
        let tight = r#"{"policy": {"max_quoted_words": 101}}"#;
        clean(&super::RULE, Case::country(&page(101)).and(DATASET, tight));
        fires(
            &super::RULE,
            Case::country(&page(102)).and(DATASET, tight),
            "\"paragraphs\"",
        );
    }
}
