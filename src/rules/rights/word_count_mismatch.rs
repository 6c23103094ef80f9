//! SB405: a stored word count that is not the count of the quoted text.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::layout::Kind;
use crate::rules::context::FileCtx;

pub static RULE: Rule = Rule {
    code: "SB405",
    name: "word-count-mismatch",
    group: Group::Rights,
    severity: Severity::Error,
    summary: "`quoted_words` is not the number of words the excerpts (or a country's profile or headline) quote.",
    why: "The stored count is what a reader of the release sees of how much is quoted, and what \
          the fair-use limit is weighed against. It must be the true count: every run of \
          non-whitespace characters in the excerpts' headings and texts (a no-break space \
          separates words too).",
    fails: "{\"rights\": {\"status\": \"copyrighted\", \"holder\": \"EFE News Service\", \"basis\": \"fair_use\", \"quoted_words\": 100}}",
    passes: "{\"rights\": {\"status\": \"copyrighted\", \"holder\": \"EFE News Service\", \"basis\": \"fair_use\", \"quoted_words\": 101}}",
    fix: "Set `quoted_words` to the count the message gives (`sourcebook fmt` does not change \
          values, so this is by hand).",
    example: Some(Kind::Record),
};

pub fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    for q in super::quotes(ctx) {
        let (pointer, rights) = (q.rights_at, q.rights);
        let Some(words) = q.words else {
            continue;
        };
        if rights.quoted_words != words {
            out.push(
                ctx.diag(
                    &RULE,
                    format!(
                        "`quoted_words` is {} but the quoted text has {words} words",
                        rights.quoted_words
                    ),
                    pointer.key("quoted_words"),
                )
                .with_help(format!("set \"quoted_words\": {words}")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, clean, fires};

    #[test]
    fn counts_headings_and_texts_split_on_any_whitespace() {
        let ex = r#""excerpts": [{"locator": "27", "heading": "TWO WORDS", "text": "three\u00a0more words"}]"#;
        let rights = |n: u32| {
            format!(
                r#"{{{ex}, "rights": {{"status": "copyrighted", "holder": "EFE News Service", "basis": "fair_use", "quoted_words": {n}}}}}"#
            )
        };
        clean(&super::RULE, Case::record(&rights(5)));
        let d = fires(&super::RULE, Case::record(&rights(4)), "4");
        assert_eq!(d.help.as_deref(), Some("set \"quoted_words\": 5"));
    }

    #[test]
    fn country_profiles_too() {
        let c = r#"{"profile": {"paragraphs": ["one two", "three"], "source": {"title": "T", "attribution": "T"}, "rights": {"status": "public_domain", "basis": "us_government_work", "quoted_words": 2}}}"#;
        fires(&super::RULE, Case::country(c), "2");
    }

    #[test]
    fn page_headlines_too() {
        let page = |n: u32| {
            format!(
                r#"{{"pages": [{{"topic": "csec", "title": "Child Prostitution - Peru", "headline": {{"paragraphs": ["one two", "three"], "attribution": "T", "rights": {{"status": "public_domain", "basis": "us_government_work", "quoted_words": {n}}}}}}}]}}"#
            )
        };
        clean(&super::RULE, Case::country(&page(3)));
        fires(&super::RULE, Case::country(&page(7)), "7");
    }
}
