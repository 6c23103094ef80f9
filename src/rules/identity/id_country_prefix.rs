//! SB501: a record id that does not start with its country's code.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::json::Pointer;
use crate::rules::context::FileCtx;

pub static RULE: Rule = Rule {
    code: "SB501",
    name: "id-country-prefix",
    group: Group::Identity,
    severity: Severity::Error,
    summary: "A record's id does not start with its country's code.",
    why: "Ids start with the lower-case country code (`pe-…`) so that an id alone says where the \
          record belongs and ids of different countries never collide.",
    fails: "{\"id\": \"cl-2004-four-child-prostitution-rings-identified\", \"country\": \"PE\"}",
    passes: "{\"id\": \"pe-2004-four-child-prostitution-rings-identified\", \"country\": \"PE\"}",
    fix: "Start the id with the country code in lower case, then rename the file to match.",
    example: None,
};

pub fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(r) = ctx.record() else { return };
    let (Some(id), Some(country)) = (&r.id, &r.country) else {
        return;
    };
    let prefix = format!("{}-", country.to_ascii_lowercase());
    if !id.starts_with(&prefix) {
        out.push(ctx.diag(
            &RULE,
            format!("the id does not start with `{prefix}` for country {country}"),
            Pointer::lit("/id"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, RECORD, clean, fires, silent};

    #[test]
    fn prefix_is_the_country() {
        // A Peruvian record whose id (and so its file name) says Chile.
        let text = Case::shipped()
            .text(RECORD)
            .replace("pe-2004-four", "cl-2004-four");
        let case = Case::shipped().with(
            "pe/records/cl-2004-four-child-prostitution-rings-identified.json",
            &text,
        );
        let case = case.without(RECORD);
        fires(
            &super::RULE,
            case,
            "\"cl-2004-four-child-prostitution-rings-identified\"",
        );
        clean(&super::RULE, Case::shipped());
    }

    #[test]
    fn the_prefix_is_the_code_and_a_hyphen() {
        // "pe" without its hyphen is the schema's to refuse (an id's shape is a pattern), not
        // this rule's: the record is never typed, so the two never both fire.
        let id = "pe2004-four-child-prostitution-rings-identified";
        let text = Case::shipped()
            .text(RECORD)
            .replace("pe-2004-four", "pe2004-four");
        let case = Case::shipped()
            .without(RECORD)
            .with(&format!("pe/records/{id}.json"), &text);
        let found = silent(&super::RULE, case);
        assert_eq!(
            found.iter().map(|d| d.code()).collect::<Vec<_>>(),
            ["SB205"]
        );
        // The country code in any case is the prefix in lower case: a record of Chile under
        // cl/ with a cl- id passes (cl/ has no country.json, which SB111 says).
        let text = Case::shipped()
            .text(RECORD)
            .replace("\"country\": \"PE\"", "\"country\": \"CL\"")
            .replace("pe-2004-four", "cl-2004-four");
        let case = Case::shipped().without(RECORD).with(
            "cl/records/cl-2004-four-child-prostitution-rings-identified.json",
            &text,
        );
        silent(&super::RULE, case);
    }
}
