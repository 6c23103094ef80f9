//! SB508: two records in one place on a page.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Section;
use crate::rules::{Check, Ctx, Entry, Group, Rule};

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
    check: Some(Check::Dataset(check)),
    example: None,
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<([u8; 2], u32, Section, u32), &Entry> = BTreeMap::new();
    for e in ctx.records() {
        let (Some(country), Some((section, position))) = (e.country, e.placement) else {
            continue;
        };
        for bit in (0..64).filter(|b| e.topics & (1u64 << b) != 0) {
            match seen.get(&(country, bit, section, position)) {
                Some(first) => {
                    let topic = ctx
                        .dataset
                        .and_then(|d| d.topics.get(bit as usize))
                        .map_or("", |t| t.id.as_str());
                    out.push(super::repeat(
                        ctx,
                        &RULE,
                        (first, e),
                        "/placement",
                        format!(
                            "the {topic} page already has {} at this place",
                            ctx.file(first)
                        ),
                        "placed here first",
                    ));
                }
                None => {
                    seen.insert((country, bit, section, position), e);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{Case, clean, fires};

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
            d.secondary[0].file,
            "ds/pe/records/pe-2004-four-child-prostitution-rings-identified.json"
        );
        clean(
            &super::RULE,
            Case::record(r#"{"placement": {"section": "archive", "position": 11}}"#),
        );
    }
}
