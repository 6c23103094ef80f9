//! SB306: a printed date the tool cannot read, so cannot compare.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Check, Example, FileCtx, Group, Rule};

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
    check: Some(Check::File(check)),
    example: Some(Example::Record),
};

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    for (pointer, p) in super::published(ctx) {
        if let Some(printed) = &p.as_printed
            && ctx.read_printed(printed).is_none()
        {
            out.push(ctx.diag(
                &RULE,
                format!(
                    "cannot read the printed date {printed:?} to compare it with {}",
                    p.date
                ),
                format!("{pointer}/as_printed"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{Case, clean, fires};

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
