//! SB504: two records with one id.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::json::Pointer;
use crate::rules::context::Index;

pub static RULE: Rule = Rule {
    code: "SB504",
    name: "duplicate-id",
    group: Group::Identity,
    severity: Severity::Error,
    summary: "Two records claim the same id.",
    why: "An id names exactly one record, forever: citations, diffs between releases and \
          corrections all go by it. Two files with one id (a copied file whose id was not \
          changed, or the same id under two countries) make every one of those ambiguous.",
    fails: "pe/records/pe-2001-five-years-after-stockholm.json  {\"id\": \"pe-2001-five-years-after-stockholm\"}\npe/records/pe-2001-five-years-after-stockholm-copy.json  {\"id\": \"pe-2001-five-years-after-stockholm\"}",
    passes: "pe/records/pe-2001-five-years-after-stockholm.json  {\"id\": \"pe-2001-five-years-after-stockholm\"}\npe/records/pe-2001-five-years-after-stockholm-ecpat.json  {\"id\": \"pe-2001-five-years-after-stockholm-ecpat\"}",
    fix: "Give the newer record an id of its own (and the file name to match). If both files \
          describe the same source, keep one.",
    example: None,
};

pub fn check(ctx: &Index<'_>, out: &mut Vec<Diagnostic>) {
    for (id, first, e) in super::repeats(ctx, |e| e.id.as_deref()) {
        out.push(super::repeat(
            ctx,
            &RULE,
            (first, e),
            Pointer::lit("/id"),
            format!("the id `{id}` is already taken by {}", ctx.file(first)),
            "first used here",
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, RECORD, clean, silent};

    #[test]
    fn both_files_are_named() {
        // A copy under another country keeps its file name, so only its place is wrong there
        // (SB503 and SB111 fire for that); the id clash is reported once, naming both files.
        let text = Case::shipped().text(RECORD);
        let case = Case::shipped().with(
            "cl/records/pe-2004-four-child-prostitution-rings-identified.json",
            &text,
        );
        let ds = case.run();
        let dup: Vec<_> = ds.iter().filter(|d| d.code() == "SB504").collect();
        assert_eq!(dup.len(), 1, "{ds:#?}");
        assert_eq!(
            dup[0].file(),
            "ds/pe/records/pe-2004-four-child-prostitution-rings-identified.json"
        );
        assert_eq!(
            &*dup[0].secondary[0].file,
            "ds/cl/records/pe-2004-four-child-prostitution-rings-identified.json"
        );
        assert!(dup[0].primary.position.is_some() && dup[0].secondary[0].position.is_some());
        clean(&super::RULE, Case::shipped());
    }

    #[test]
    fn ids_that_differ_by_one_character_are_two_ids() {
        // A copy whose id (and file name) has one character more: the ids differ, so only the
        // repeated source (SB505) and place on the page (SB508) are left to say.
        let text = Case::shipped()
            .text(RECORD)
            .replace("rings-identified", "rings-identifiedx");
        let case = Case::shipped().with(
            "pe/records/pe-2004-four-child-prostitution-rings-identifiedx.json",
            &text,
        );
        let others = silent(&super::RULE, case);
        let mut codes: Vec<&str> = others.iter().map(|d| d.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes, ["SB505", "SB508"], "{others:#?}");
    }
}
