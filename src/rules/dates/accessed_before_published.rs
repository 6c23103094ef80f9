//! SB302: a source accessed before it was published.

use std::cmp::Ordering;

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::json::{Pointer, Target};
use crate::layout::Kind;
use crate::rules::context::FileCtx;

pub static RULE: Rule = Rule {
    code: "SB302",
    name: "accessed-before-published",
    group: Group::Dates,
    severity: Severity::Error,
    summary: "An accessed date is earlier than the publication date.",
    why: "Nobody reads a report before it exists: one of the two dates is wrong. Dates are \
          compared at the coarser precision, so a report published in \"2019\" and accessed on \
          2019-01-05 passes.",
    fails: "{\"published\": {\"date\": \"2004-03-16\"}, \"accessed\": [\"2003-09-17\"]}",
    passes: "{\"published\": {\"date\": \"2004\"}, \"accessed\": [\"2004-01-05\"]}",
    fix: "Check both dates against the source and the page; correct the one that is wrong.",
    example: Some(Kind::Record),
};

pub fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(r) = ctx.record() else { return };
    let Some(published) = &r.published else {
        return;
    };
    for (i, a) in r.accessed().iter().enumerate() {
        if a.cmp_coarse(&published.date) == Ordering::Less {
            out.push(
                ctx.diag(
                    &RULE,
                    format!(
                        "accessed on {a}, before it was published ({})",
                        published.date
                    ),
                    Pointer::lit("/accessed").index(i),
                )
                .with_secondary(
                    ctx.at(Pointer::lit("/published/date"), Target::Value)
                        .with_text("published then"),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, clean, fires, fires_at};

    #[test]
    fn compares_at_the_coarser_precision() {
        clean(
            &super::RULE,
            Case::record(r#"{"published": {"date": "2019"}, "accessed": ["2019-01-05"]}"#),
        );
        clean(
            &super::RULE,
            Case::record(r#"{"published": {"date": "2019-03"}, "accessed": ["2019-03-01"]}"#),
        );
        clean(
            &super::RULE,
            Case::record(r#"{"published": {"date": "2019-03-10"}, "accessed": ["2019-03-10"]}"#),
        );
        fires(
            &super::RULE,
            Case::record(r#"{"published": {"date": "2019-03"}, "accessed": ["2019-02-28"]}"#),
            "\"2019-02-28\"",
        );
        fires(
            &super::RULE,
            Case::record(r#"{"published": {"date": "2019"}, "accessed": ["2018-12-31"]}"#),
            "\"2018-12-31\"",
        );
    }

    #[test]
    fn every_accessed_date_is_checked() {
        fires_at(
            &super::RULE,
            Case::record(
                r#"{"published": {"date": "2010-05-01"}, "accessed": ["2009-01-01", "2011-01-01", "2010-04-30"]}"#,
            ),
            &["\"2009-01-01\"", "\"2010-04-30\""],
        );
    }
}
