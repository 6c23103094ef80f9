//! SB508: two records in one place on a page.

use std::collections::HashMap;

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::json::Pointer;
use crate::model::Section;
use crate::rules::context::{Index, IndexEntry};

pub static RULE: Rule = Rule {
    code: "SB508",
    name: "placement-conflict",
    group: Group::Identity,
    severity: Severity::Warning,
    summary: "Two records of one country and topic claim the same section and position on the page.",
    why: "`placement` records where a source sat on the compiled page, so the page can be \
          rebuilt in its order. Two sources in one place means one of the positions is wrong.",
    fails: "two records under pe/ on topic csec with \"placement\": {\"section\": \"archive\", \"position\": 3}",
    passes: "positions 3 and 4",
    fix: "Renumber the positions to follow the page's order.",
    example: None,
};

pub fn check(ctx: &Index<'_>, out: &mut Vec<Diagnostic>) {
    // Looked up once per record and topic; what is reported follows the records' order.
    let mut seen: HashMap<([u8; 2], u16, Section, u32), &IndexEntry> =
        HashMap::with_capacity(ctx.entries.len());
    for e in ctx.records() {
        let (Some(country), Some((section, position))) = (e.country, e.placement) else {
            continue;
        };
        for &topic_index in e.topics.as_slice() {
            match seen.get(&(country, topic_index, section, position)) {
                Some(first) => {
                    let topic = ctx
                        .dataset
                        .and_then(|d| d.topics.get(usize::from(topic_index)))
                        .map_or("", |t| t.id.as_str());
                    out.push(super::repeat(
                        ctx,
                        &RULE,
                        (first, e),
                        Pointer::lit("/placement"),
                        format!(
                            "the {topic} page already has {} at this place",
                            ctx.file(first)
                        ),
                        "placed here first",
                    ));
                }
                None => {
                    seen.insert((country, topic_index, section, position), e);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, clean, fires};

    #[test]
    fn one_record_per_place() {
        let case = Case::record(r#"{"placement": {"section": "archive", "position": 3}}"#);
        // Reported on the record that comes second, naming the first.
        let d = fires(
            &super::RULE,
            case,
            "{\n    \"section\": \"archive\",\n    \"position\": 3\n  }",
        );
        assert_eq!(
            d.file(),
            "ds/pe/records/pe-2019-2018-findings-worst-forms-child.json"
        );
        assert_eq!(
            &*d.secondary[0].file,
            "ds/pe/records/pe-2004-four-child-prostitution-rings-identified.json"
        );
        clean(
            &super::RULE,
            Case::record(r#"{"placement": {"section": "archive", "position": 11}}"#),
        );
    }
}
