//! SB502: a record id that is not its file's name.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::json::Pointer;
use crate::rules::context::FileCtx;

pub static RULE: Rule = Rule {
    code: "SB502",
    name: "id-file-name",
    group: Group::Identity,
    severity: Severity::Error,
    summary: "A record's id differs from its file name.",
    why: "The file name is how people and tools find a record by id (`<id>.json`); when the two \
          differ, links, diffs and releases disagree about which record is which.",
    fails: "pe/records/pe-2004-efe.json  containing  {\"id\": \"pe-2004-four-child-prostitution-rings-identified\"}",
    passes: "pe/records/pe-2004-four-child-prostitution-rings-identified.json  containing  {\"id\": \"pe-2004-four-child-prostitution-rings-identified\"}",
    fix: "Rename the file to `<id>.json`, or correct the id if the file name is the right one.",
    example: None,
};

pub fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(id), Some(stem)) = (ctx.record().and_then(|r| r.id.as_deref()), ctx.stem()) else {
        return;
    };
    if id != stem {
        out.push(
            ctx.diag(
                &RULE,
                format!("the id `{id}` is not the file name `{stem}.json`"),
                Pointer::lit("/id"),
            )
            .with_help(format!("rename the file to `{id}.json`")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, RECORD, clean, fires, silent};

    #[test]
    fn id_equals_file_stem() {
        let text = Case::shipped().text(RECORD);
        let case = Case::shipped()
            .without(RECORD)
            .with("pe/records/pe-2004-efe.json", &text);
        fires(
            &super::RULE,
            case,
            "\"pe-2004-four-child-prostitution-rings-identified\"",
        );
        clean(&super::RULE, Case::shipped());
    }

    #[test]
    fn the_name_must_match_exactly() {
        // A file name that differs from the id only in one letter's case does not match.
        let text = Case::shipped().text(RECORD);
        let case = Case::shipped().without(RECORD).with(
            "pe/records/Pe-2004-four-child-prostitution-rings-identified.json",
            &text,
        );
        fires(
            &super::RULE,
            case,
            "\"pe-2004-four-child-prostitution-rings-identified\"",
        );
        // A copy renamed together with its id passes this rule; that it is the same source
        // twice is SB505's to say.
        let copy = text.replace("rings-identified", "rings-identified-copy");
        let case = Case::shipped().with(
            "pe/records/pe-2004-four-child-prostitution-rings-identified-copy.json",
            &copy,
        );
        let others = silent(&super::RULE, case);
        assert!(
            others
                .iter()
                .all(|d| d.code() == "SB505" || d.code() == "SB508"),
            "{others:#?}"
        );
    }
}
