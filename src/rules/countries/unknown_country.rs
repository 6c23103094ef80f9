//! SB801: a country code ISO 3166-1 does not assign.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::reference::countries;
use crate::rules::context::FileCtx;

pub static RULE: Rule = Rule {
    code: "SB801",
    name: "unknown-country",
    group: Group::Countries,
    severity: Severity::Error,
    summary: "A country code is not an assigned ISO 3166-1 alpha-2 code.",
    why: "Records are joined to other data (population, indicators, maps) by country code. A \
          code that does not exist (`UK` for `GB`, `PU` for `PE`) joins to nothing. Kosovo's \
          user-assigned `XK` is accepted, as most international bodies use it.",
    fails: "{\"country\": \"PU\"}",
    passes: "{\"country\": \"PE\"}",
    fix: "Use the ISO 3166-1 alpha-2 code (https://www.iso.org/obp/ui/#search/code/).",
    example: None,
};

pub fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    let Some((code, pointer)) = ctx.country_code() else {
        return;
    };
    if countries::alpha3(code).is_none() {
        out.push(ctx.diag(
            &RULE,
            format!("`{code}` is not an ISO 3166-1 alpha-2 country code"),
            pointer,
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{COUNTRY, Case, clean, fires};

    #[test]
    fn assigned_codes_only() {
        let pu = Case::shipped()
            .text(COUNTRY)
            .replace("\"PE\"", "\"PU\"")
            .replace("\"PER\"", "\"PUX\"");
        fires(
            &super::RULE,
            Case::shipped().with("pu/country.json", &pu),
            "\"PU\"",
        );
        let xk = Case::shipped()
            .text(COUNTRY)
            .replace("\"PE\"", "\"XK\"")
            .replace("\"PER\"", "\"XKX\"");
        // Kosovo is known: its rules run (and find Peru's helpline, copied, wrong for it: Kosovo's
        // calling code is 383), but SB801 does not fire.
        let ds = Case::shipped().with("xk/country.json", &xk).run();
        let codes: Vec<&str> = ds.iter().map(|d| d.code()).collect();
        assert!(!codes.contains(&"SB801"), "{codes:?}");
        assert!(
            codes.contains(&"SB804") && codes.contains(&"SB803"),
            "{codes:?}"
        );
        clean(&super::RULE, Case::shipped());
    }
}
