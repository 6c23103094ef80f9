//! SB506: a topic the dataset's vocabulary does not define.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::json::Pointer;
use crate::layout::Kind;
use crate::rules::context::FileCtx;

pub static RULE: Rule = Rule {
    code: "SB506",
    name: "unknown-topic",
    group: Group::Identity,
    severity: Severity::Error,
    summary: "A record or page uses a topic the dataset's vocabulary does not define.",
    why: "Topics are how analysts select records; a misspelt topic (`trafficking` for \
          `human-trafficking`) hides a record from every selection by the right one.",
    fails: "{\"topics\": [\"trafficking\"]}",
    passes: "{\"topics\": [\"human-trafficking\"]}",
    fix: "Use a topic id from `topics` in `dataset.json`, or add the new topic there first.",
    example: Some(Kind::Record),
};

pub fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(d) = ctx.dataset() else { return };
    let mut used: Vec<(Pointer, &str)> = Vec::new();
    if let Some(r) = ctx.record() {
        used.extend(
            r.topics()
                .iter()
                .enumerate()
                .map(|(i, t)| (Pointer::lit("/topics").index(i), t.as_str())),
        );
    }
    if let Some(c) = ctx.country() {
        used.extend(c.pages.iter().flatten().enumerate().map(|(i, p)| {
            (
                Pointer::lit("/pages").index(i).key("topic"),
                p.topic.as_str(),
            )
        }));
    }
    for (pointer, topic) in used {
        if !d.has_topic(topic) {
            let known: Vec<&str> = d.topics.iter().map(|t| t.id.as_str()).collect();
            out.push(
                ctx.diag(&RULE, format!("unknown topic `{topic}`"), pointer)
                    .with_help(format!("the topics are {}", known.join(", "))),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, clean, fires};

    #[test]
    fn records_and_country_pages() {
        fires(
            &super::RULE,
            Case::record(r#"{"topics": ["csec", "trafficking"]}"#),
            "\"trafficking\"",
        );
        fires(
            &super::RULE,
            Case::country(
                r#"{"pages": [{"topic": "child-labour", "title": "Child Labour - Peru"}]}"#,
            ),
            "\"child-labour\"",
        );
        clean(
            &super::RULE,
            Case::record(r#"{"topics": ["csec", "street-children"]}"#),
        );
    }
}
