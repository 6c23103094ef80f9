//! SB304: a publication date outside the dataset's coverage period.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::json::Pointer;
use crate::layout::Kind;
use crate::rules::context::FileCtx;

pub static RULE: Rule = Rule {
    code: "SB304",
    name: "outside-coverage",
    group: Group::Dates,
    severity: Severity::Warning,
    summary: "A record's publication date falls outside the dataset's coverage period.",
    why: "The dataset covers the years in `coverage` (2000 to 2025 in the shipped dataset). An older or newer source \
          may still belong (a 1999 study cited by a 2001 report) but should be a choice, not an \
          accident. Accessed dates are not compared: sources are read long after.",
    fails: "{\"published\": {\"date\": \"1999\"}}",
    passes: "{\"published\": {\"date\": \"2004\"}}",
    fix: "Check the date. If the source truly falls outside the period and belongs in the \
          dataset, keep it and, if the warning is expected for many records, lower the rule in \
          `dataset.json`.",
    example: Some(Kind::Record),
};

pub fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(r), Some(d)) = (ctx.record(), ctx.dataset()) else {
        return;
    };
    let Some(p) = &r.published else { return };
    let year = i32::from(p.date.year);
    if year < d.coverage.start || year > d.coverage.end {
        out.push(ctx.diag(
            &RULE,
            format!(
                "published {}, outside the coverage period {} to {}",
                p.date, d.coverage.start, d.coverage.end
            ),
            Pointer::lit("/published/date"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::diag::Severity;
    use crate::engine::testing::{Case, clean, fires};

    #[test]
    fn both_ends_of_the_period() {
        clean(
            &super::RULE,
            Case::record(r#"{"published": {"date": "2000-01-01"}, "accessed": ["2011-09-17"]}"#),
        );
        clean(
            &super::RULE,
            Case::record(r#"{"published": {"date": "2025-12"}, "accessed": ["2025-12-31"]}"#),
        );
        let d = fires(
            &super::RULE,
            Case::record(r#"{"published": {"date": "1999-12"}}"#),
            "\"1999-12\"",
        );
        assert_eq!(d.severity, Severity::Warning);
        fires(
            &super::RULE,
            Case::record(r#"{"published": {"date": "2026"}, "accessed": ["2026-01-02"]}"#),
            "\"2026\"",
        );
    }
}
