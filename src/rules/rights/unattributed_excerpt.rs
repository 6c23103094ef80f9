//! SB406: excerpts with nobody to attribute them to.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::json::{Pointer, Target};
use crate::rules::context::FileCtx;

pub static RULE: Rule = Rule {
    code: "SB406",
    name: "unattributed-excerpt",
    group: Group::Rights,
    severity: Severity::Error,
    summary: "A record quotes excerpts but names neither a publisher nor an author.",
    why: "A quotation must be attributed: fair use and every citation style require it, and a \
          reader must be able to tell who said what.",
    fails: "{\n  \"title\": \"Four Child Prostitution Rings Identified In Peru\",\n  \"excerpts\": [{\"text\": \"Save the Children has identified …\"}]\n}",
    passes: "{\n  \"title\": \"Four Child Prostitution Rings Identified In Peru\",\n  \"publisher\": {\"name\": \"EFE News Service\"},\n  \"excerpts\": [{\"text\": \"Save the Children has identified …\"}]\n}",
    fix: "Add the `publisher` (or `authors`) the source names.",
    example: None,
};

pub fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(r) = ctx.record() else { return };
    if !r.excerpts().is_empty() && r.publisher.is_none() && r.authors().is_empty() {
        out.push(
            Diagnostic::new(
                &RULE,
                "the excerpts are not attributed: the record names no publisher and no author",
                ctx.at(Pointer::lit("/excerpts"), Target::Key),
            )
            .with_help("add the `publisher` or `authors` the source names"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, RECORD, clean, fires};

    fn without_publisher(extra: &str) -> Case {
        let case = Case::shipped();
        let mut v: serde_json::Value = serde_json::from_str(&case.text(RECORD)).unwrap();
        v.as_object_mut().unwrap().remove("publisher");
        if !extra.is_empty() {
            v["authors"] = serde_json::from_str(extra).unwrap();
        }
        case.with(RECORD, &serde_json::to_string_pretty(&v).unwrap())
    }

    #[test]
    fn a_publisher_or_an_author() {
        fires(&super::RULE, without_publisher(""), "\"excerpts\"");
        clean(
            &super::RULE,
            without_publisher(r#"[{"family": "Fraser", "given": "Barbara J."}]"#),
        );
    }
}
