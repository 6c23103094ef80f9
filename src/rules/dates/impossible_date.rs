//! SB301: a publication date that does not exist in the calendar.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::json::Pointer;
use crate::layout::Kind;
use crate::model::{DateError, PartialDate};
use crate::rules::context::FileCtx;

pub static RULE: Rule = Rule {
    code: "SB301",
    name: "impossible-date",
    group: Group::Dates,
    severity: Severity::Error,
    summary: "A publication date does not exist in the calendar at its precision.",
    why: "The schema checks a date's shape (YYYY, YYYY-MM or YYYY-MM-DD); it cannot know that \
          February 2001 had 28 days. A date that never was is a typo, and sorting or citing by \
          it misleads.",
    fails: "{\"published\": {\"date\": \"2001-02-29\"}}",
    passes: "{\"published\": {\"date\": \"2004-02-29\"}}",
    fix: "Check the date against the source and correct the day or month.",
    example: Some(Kind::Record),
};

pub fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    for (pointer, raw) in crate::model::raw_publication_dates(ctx.value()) {
        // The schema's pattern rejects months and days that never exist (13, 32); what it
        // cannot know is which months have a 29th, 30th or 31st.
        if let Err(e @ DateError::Day { .. }) = raw.parse::<PartialDate>() {
            out.push(ctx.diag(
                &RULE,
                format!("{raw:?} is not a real date: {e}"),
                Pointer::lit(pointer),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, clean, fires};

    #[test]
    fn calendar_validity_at_every_precision() {
        fires(
            &super::RULE,
            Case::record(r#"{"published": {"date": "2001-02-29"}}"#),
            "\"2001-02-29\"",
        );
        fires(
            &super::RULE,
            Case::record(r#"{"published": {"date": "2001-04-31"}}"#),
            "\"2001-04-31\"",
        );
        clean(
            &super::RULE,
            Case::record(r#"{"published": {"date": "2004-02-29"}}"#),
        );
        clean(
            &super::RULE,
            Case::record(r#"{"published": {"date": "2001-11"}}"#),
        );
        clean(
            &super::RULE,
            Case::record(r#"{"published": {"date": "2004"}}"#),
        );
    }

    #[test]
    fn country_profile_editions_too() {
        fires(
            &super::RULE,
            Case::country(
                r#"{"profile": {"paragraphs": ["x"], "source": {"title": "T", "attribution": "A", "published": {"date": "2009-02-30"}}, "rights": {"status": "public_domain", "basis": "us_government_work", "quoted_words": 1}}}"#,
            ),
            "\"2009-02-30\"",
        );
    }
}
