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
    let prefix = format!("{}-", r.country.to_ascii_lowercase());
    if !r.id.starts_with(&prefix) {
        out.push(ctx.diag(
            &RULE,
            format!(
                "the id does not start with `{prefix}` for country {}",
                r.country
            ),
            Pointer::lit("/id"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, RECORD, clean, fires};

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
}
