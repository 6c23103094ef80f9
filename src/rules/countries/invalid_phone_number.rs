//! SB803: a helpline number that is not a valid number of its country.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::json::{Pointer, Target};
use crate::layout::Kind;
use crate::reference::{countries, numbering};
use crate::rules::context::FileCtx;

pub static RULE: Rule = Rule {
    code: "SB803",
    name: "invalid-phone-number",
    group: Group::Countries,
    severity: Severity::Error,
    summary: "A helpline's E.164 number is not a valid number of its country, or does not match the number as printed.",
    why: "A victim dialling a helpline from the release must reach it. The E.164 form (`+51 1 \
          518 0000` as `+5115180000`) is what phones and `tel:` links dial from anywhere; it \
          must be a valid number in the country's numbering plan and end with the digits \
          printed on the page. Short codes (`116 111`) are only dialled inside the country: \
          they keep the printed number and have no E.164 form.",
    fails: "{\"helplines\": [{\"organisation\": \"Ministry of Interior\", \"number\": \"01518 0000\", \"calling_code\": \"51\", \"e164\": \"+5115180001\"}]}",
    passes: "{\"helplines\": [{\"organisation\": \"Ministry of Interior\", \"number\": \"01518 0000\", \"calling_code\": \"51\", \"e164\": \"+5115180000\"}]}",
    fix: "Write the country code and the national number without the trunk prefix (the leading \
          0 in Peru), digits only, after a `+`. Leave `e164` out for a short code.",
    example: Some(Kind::Country),
};

pub fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(c) = ctx.country() else { return };
    let Some(code) = c.code.as_deref() else {
        return;
    };
    if countries::alpha3(code).is_none() {
        return; // SB801
    }
    for (i, h) in c.helplines.iter().flatten().enumerate() {
        let Some(e164) = &h.e164 else { continue };
        let at = Pointer::lit("/helplines").index(i).key("e164");
        let printed = numbering::digits(&h.number);
        if numbering::is_short_code(&h.number) {
            out.push(
                ctx.diag(
                    &RULE,
                    format!(
                        "{:?} is a short code, dialled as printed; it has no E.164 form",
                        h.number
                    ),
                    at,
                )
                .with_help("remove `e164`"),
            );
            continue;
        }
        let Some(national) = numbering::national_part(code, e164) else {
            out.push(ctx.diag(
                &RULE,
                format!(
                    "{e164:?} is not a valid number in {}'s numbering plan (libphonenumber {})",
                    code,
                    numbering::LIBPHONENUMBER_VERSION
                ),
                at,
            ));
            continue;
        };
        if !printed.ends_with(national) {
            out.push(
                ctx.diag(
                    &RULE,
                    format!(
                        "{e164:?} does not match the number as printed, {:?}",
                        h.number
                    ),
                    at,
                )
                .with_secondary(
                    ctx.at(
                        Pointer::lit("/helplines").index(i).key("number"),
                        Target::Value,
                    )
                    .with_text("as printed"),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, clean, fires};

    fn helpline(number: &str, e164: &str) -> Case {
        Case::country(&format!(
            r#"{{"helplines": [{{"organisation": "Ministry of Interior", "number": "{number}", "calling_code": "51", "e164": "{e164}"}}]}}"#
        ))
    }

    #[test]
    fn valid_for_the_country_and_matching_the_print() {
        clean(&super::RULE, Case::shipped());
        // Valid in Peru's plan, but not the printed number.
        fires(
            &super::RULE,
            helpline("01518 0000", "+5114270000"),
            "\"+5114270000\"",
        );
        // Not a valid Peruvian number at all.
        fires(
            &super::RULE,
            helpline("01518 0000", "+51151800"),
            "\"+51151800\"",
        );
    }

    #[test]
    fn short_codes_stay_as_dialled() {
        let d = fires(&super::RULE, helpline("1818", "+511818"), "\"+511818\"");
        assert!(d.message.contains("short code"));
        let case = Case::country(
            r#"{"helplines": [{"organisation": "Línea 100", "number": "100", "calling_code": "51"}]}"#,
        );
        clean(&super::RULE, case);
    }
}
