//! SB305: a date as printed that says something else than the normalised date beside it.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::json::Target;
use crate::layout::Kind;
use crate::rules::context::FileCtx;

pub static RULE: Rule = Rule {
    code: "SB305",
    name: "printed-date-mismatch",
    group: Group::Dates,
    severity: Severity::Error,
    summary: "A date as printed does not agree with its normalised date.",
    why: "`as_printed` keeps the page's words so nothing is lost to normalisation; `date` is \
          what tools sort and cite by. When they disagree, one was mistyped, and the two must \
          say the same day, month or year at the same precision.",
    fails: "{\"published\": {\"date\": \"2004-03-06\", \"as_printed\": \"16 March 2004\"}}",
    passes: "{\"published\": {\"date\": \"2004-03-16\", \"as_printed\": \"16 March 2004\"}}",
    fix: "Correct `date` (or `as_printed`, if the page was misread) so both say the same date.",
    example: Some(Kind::Record),
};

pub fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    let Some((pointer, p)) = ctx.publication() else {
        return;
    };
    let Some(printed) = &p.as_printed else {
        return;
    };
    let Some(read) = ctx.printed_date() else {
        return; // SB306 says so
    };
    if read != p.date {
        out.push(
            ctx.diag(
                &RULE,
                format!(
                    "`date` is {} but the page printed {printed:?}, which is {read}",
                    p.date
                ),
                pointer.key("date"),
            )
            .with_secondary(
                ctx.at(pointer.key("as_printed"), Target::Value)
                    .with_text(format!("this reads as {read}")),
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, clean, fires};

    #[test]
    fn day_month_year_and_precision_must_agree() {
        fires(
            &super::RULE,
            Case::record(r#"{"published": {"date": "2004-03-06", "as_printed": "16 March 2004"}}"#),
            "\"2004-03-06\"",
        );
        fires(
            &super::RULE,
            Case::record(r#"{"published": {"date": "2001", "as_printed": "November 2001"}}"#),
            "\"2001\"",
        );
        fires(
            &super::RULE,
            Case::record(r#"{"published": {"date": "2006-04-25", "as_printed": "Apr-25-2005"}}"#),
            "\"2006-04-25\"",
        );
        clean(
            &super::RULE,
            Case::record(r#"{"published": {"date": "2001-11", "as_printed": "November 2001"}}"#),
        );
        clean(
            &super::RULE,
            Case::record(r#"{"published": {"date": "2004-03-16"}}"#),
        );
    }
}
