//! SB303: a date later than today.

use std::cmp::Ordering;

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::json::Pointer;
use crate::layout::Kind;
use crate::rules::context::FileCtx;

pub static RULE: Rule = Rule {
    code: "SB303",
    name: "future-date",
    group: Group::Dates,
    severity: Severity::Error,
    summary: "A publication or accessed date is later than today.",
    why: "A date in the future is a typo (2102 for 2012) or a day and month swapped. Today is \
          the system date in UTC, or the date given with `--today`.",
    fails: "{\"accessed\": [\"2102-09-17\"]}",
    passes: "{\"accessed\": [\"2012-09-17\"]}",
    fix: "Correct the date.",
    example: Some(Kind::Record),
};

pub fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    if let Some((pointer, p)) = ctx.publication()
        && p.date.cmp_coarse(&ctx.today()) == Ordering::Greater
    {
        out.push(ctx.diag(
            &RULE,
            format!(
                "published {} is in the future (today is {})",
                p.date,
                ctx.today()
            ),
            pointer.key("date"),
        ));
    }
    if let Some(r) = ctx.record() {
        for (i, a) in r.accessed().iter().enumerate() {
            if a.cmp_coarse(&ctx.today()) == Ordering::Greater {
                out.push(ctx.diag(
                    &RULE,
                    format!("accessed {a} is in the future (today is {})", ctx.today()),
                    Pointer::lit("/accessed").index(i),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, DATASET, clean, fires, fires_at, today};

    #[test]
    fn against_a_pinned_today() {
        assert_eq!(today().to_string(), "2026-01-15");
        clean(
            &super::RULE,
            Case::record(r#"{"accessed": ["2026-01-15"]}"#),
        );
        fires(
            &super::RULE,
            Case::record(r#"{"accessed": ["2026-01-16"]}"#),
            "\"2026-01-16\"",
        );
        // A publication year that has begun is not in the future.
        let wide = r#"{"coverage": {"start": 2000, "end": 2030}}"#;
        clean(
            &super::RULE,
            Case::record(r#"{"published": {"date": "2026"}, "accessed": ["2026-01-02"]}"#)
                .and(DATASET, wide),
        );
        let case =
            Case::record(r#"{"published": {"date": "2026-02"}, "accessed": ["2026-02-01"]}"#)
                .and(DATASET, r#"{"coverage": {"start": 2000, "end": 2030}}"#);
        let ds = fires_at(&super::RULE, case, &["\"2026-02-01\"", "\"2026-02\""]);
        assert!(
            ds[1]
                .message
                .contains("published 2026-02 is in the future (today is 2026-01-15)"),
            "{}",
            ds[1].message
        );
    }
}
