//! SB403: a licence that is not a valid SPDX expression.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::json::Pointer;
use crate::layout::Kind;
use crate::model::Document;
use crate::rules::context::FileCtx;

pub static RULE: Rule = Rule {
    code: "SB403",
    name: "invalid-licence",
    group: Group::Rights,
    severity: Severity::Error,
    summary: "A licence is not a valid SPDX licence expression.",
    why: "Licences are read by machines (Frictionless, license scanners, repository indexes) as \
          SPDX expressions: `CC-BY-4.0`, `CC-BY-NC-4.0 OR CC-BY-SA-4.0`, or `LicenseRef-…` for \
          one SPDX does not list. \"All rights reserved\" is not a licence: such a work is \
          copyrighted and quoted under fair use.",
    fails: "{\"licence\": \"Creative Commons Attribution\"}",
    passes: "{\"licence\": \"CC-BY-4.0\"}",
    fix: "Write the SPDX identifier (https://spdx.org/licenses/), or a `LicenseRef-` name for a \
          licence SPDX does not list.",
    example: Some(Kind::Dataset),
};

pub fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    let mut licences: Vec<(Pointer, &str)> = super::rights(ctx)
        .into_iter()
        .filter_map(|(p, r)| r.licence.as_deref().map(|l| (p.key("licence"), l)))
        .collect();
    if let Some(l) = ctx
        .document()
        .and_then(Document::dataset)
        .and_then(|d| d.licence.as_deref())
    {
        licences.push((Pointer::lit("/licence"), l));
    }
    for (pointer, licence) in licences {
        if let Err(e) = spdx::Expression::parse(licence) {
            let reason = e
                .to_string()
                .lines()
                .last()
                .unwrap_or_default()
                .trim_start_matches(['^', ' '])
                .to_string();
            out.push(
                ctx.diag(&RULE, format!("{licence:?} is not an SPDX licence expression ({reason})"), pointer)
                    .with_help("use an identifier from https://spdx.org/licenses/, such as \"CC-BY-4.0\", or a `LicenseRef-` name"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, clean, fires};

    #[test]
    fn records_and_the_dataset() {
        fires(
            &super::RULE,
            Case::record(
                r#"{"rights": {"status": "licensed", "holder": "EFE", "basis": "licence", "licence": "All rights reserved", "quoted_words": 101}}"#,
            ),
            "\"All rights reserved\"",
        );
        fires(
            &super::RULE,
            Case::dataset(r#"{"licence": "cc-by-4.0"}"#),
            "\"cc-by-4.0\"",
        );
        clean(
            &super::RULE,
            Case::dataset(r#"{"licence": "CC-BY-4.0 OR LicenseRef-Sourcebook"}"#),
        );
    }
}
