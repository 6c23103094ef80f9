//! SB306: a printed date the tool cannot read, so cannot compare.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::layout::Kind;
use crate::rules::context::FileCtx;

pub static RULE: Rule = Rule {
    code: "SB306",
    name: "unrecognised-printed-date",
    group: Group::Dates,
    severity: Severity::Warning,
    summary: "A date as printed is in a form the tool cannot read, so its agreement with the normalised date is not checked.",
    why: "Printed dates are compared with their normalised form (SB305). A form the reader does \
          not know would otherwise pass unchecked, silently. Known forms: `2019`, `November \
          2001`, `16 March 2004`, `March 10, 2020`, `Apr-25-2006`, `16 de marzo de 2004`, with \
          English or Spanish month names, full or abbreviated.",
    fails: "{\"published\": {\"date\": \"2004-03-16\", \"as_printed\": \"the Ides of March, 2004\"}}",
    passes: "{\"published\": {\"date\": \"2004-03-16\", \"as_printed\": \"16 March 2004\"}}",
    fix: "Check `as_printed` is copied exactly from the page. If it is, compare it with `date` \
          by eye; if the form is common, ask for it to be added to the reader.",
    example: Some(Kind::Record),
};

pub fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    if let Some((pointer, p)) = ctx.publication()
        && let Some(printed) = &p.as_printed
        && ctx.printed_date().is_none()
    {
        out.push(ctx.diag(
            &RULE,
            format!(
                "cannot read the printed date {printed:?} to compare it with {}",
                p.date
            ),
            pointer.key("as_printed"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, clean, fires};

    #[test]
    fn unknown_forms_are_named() {
        fires(
            &super::RULE,
            Case::record(r#"{"published": {"date": "2004-03-16", "as_printed": "Spring 2004"}}"#),
            "\"Spring 2004\"",
        );
        clean(
            &super::RULE,
            Case::record(
                r#"{"published": {"date": "2004-03-16", "as_printed": "16 de marzo de 2004"}}"#,
            ),
        );
    }
}
