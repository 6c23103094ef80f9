//! SB507: a topic defined twice in the vocabulary.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::json::{Pointer, Target};
use crate::layout::Kind;
use crate::model::Document;
use crate::rules::context::FileCtx;

pub static RULE: Rule = Rule {
    code: "SB507",
    name: "duplicate-topic",
    group: Group::Identity,
    severity: Severity::Error,
    summary: "The topic vocabulary defines one topic id twice.",
    why: "A topic id must name one topic; two definitions with different names leave releases \
          and readers to guess which applies.",
    fails: "{\"topics\": [{\"id\": \"csec\", \"name\": \"The Commercial Sexual Exploitation of Children\"}, {\"id\": \"csec\", \"name\": \"Child Prostitution\"}]}",
    passes: "{\"topics\": [{\"id\": \"csec\", \"name\": \"The Commercial Sexual Exploitation of Children\"}]}",
    fix: "Keep one definition.",
    example: Some(Kind::Dataset),
};

pub fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(d) = ctx.document().and_then(Document::dataset) else {
        return;
    };
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, t) in d.topics().iter().enumerate() {
        if let Some(&j) = first.get(t.id.as_str()) {
            out.push(
                ctx.diag(
                    &RULE,
                    format!("topic `{}` is defined twice", t.id),
                    Pointer::lit("/topics").index(i).key("id"),
                )
                .with_secondary(
                    ctx.at(Pointer::lit("/topics").index(j).key("id"), Target::Value)
                        .with_text("first defined here"),
                ),
            );
        } else {
            first.insert(&t.id, i);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, clean, fires};

    #[test]
    fn ids_are_unique() {
        let two = r#"{"topics": [{"id": "csec", "name": "A"}, {"id": "human-trafficking", "name": "B"}, {"id": "street-children", "name": "C"}, {"id": "csec", "name": "D"}]}"#;
        let d = fires(&super::RULE, Case::dataset(two), "\"csec\"");
        assert!(
            d.secondary[0].position.as_ref().unwrap().span().start
                < d.primary.position.as_ref().unwrap().span().start
        );
        clean(&super::RULE, Case::shipped());
    }
}
