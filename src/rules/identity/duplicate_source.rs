//! SB505: the same source entered twice for one country.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::json::Pointer;
use crate::rules::context::Index;

pub static RULE: Rule = Rule {
    code: "SB505",
    name: "duplicate-source",
    group: Group::Identity,
    severity: Severity::Warning,
    summary: "Two records of one country describe the same source (same title, publisher and publication date).",
    why: "A source entered twice splits its excerpts and inflates counts. Titles and publishers \
          are compared ignoring case, accents and punctuation. A regional report cited for \
          several countries is expected, so only records of the same country are compared.",
    fails: "two records under pe/ with \"title\": \"Five Years After Stockholm\", \"publisher\": {\"name\": \"ECPAT International\"}, \"published\": {\"date\": \"2001-11\"}",
    passes: "the same source once under pe/ and once under cl/",
    fix: "Merge the two records into one (keeping every excerpt and accessed date), and delete the other.",
    example: None,
};

pub fn check(ctx: &Index<'_>, out: &mut Vec<Diagnostic>) {
    for (_, first, e) in super::repeats(ctx, |e| e.country.zip(e.source_key)) {
        out.push(
            super::repeat(
                ctx,
                &RULE,
                (first, e),
                Pointer::lit("/title"),
                format!("the same source as {}", ctx.file(first)),
                "entered first here",
            )
            .with_help("merge the two records into one"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, RECORD, clean, fires};

    fn copy_as(id: &str, edit: impl Fn(String) -> String) -> Case {
        let text = Case::shipped()
            .text(RECORD)
            .replace("pe-2004-four-child-prostitution-rings-identified", id);
        Case::shipped().with(&format!("pe/records/{id}.json"), &edit(text))
    }

    #[test]
    fn same_title_publisher_and_date_within_a_country() {
        // Case and punctuation do not make it another source.
        let case = copy_as("pe-2004-four-child-prostitution-rings-efe", |t| {
            t.replace(
                "\"Four Child Prostitution Rings Identified In Peru\"",
                "\"Four child prostitution rings identified in Peru.\"",
            )
            .replace("\"section\": \"featured\"", "\"section\": \"archive\"")
            .replace("\"position\": 1", "\"position\": 11")
        });
        let d = fires(
            &super::RULE,
            case,
            "\"Four Child Prostitution Rings Identified In Peru\"",
        );
        assert_eq!(
            &*d.secondary[0].file,
            "ds/pe/records/pe-2004-four-child-prostitution-rings-efe.json"
        );
        // Another date is another source (a later edition).
        clean(
            &super::RULE,
            copy_as("pe-2005-four-child-prostitution-rings-identified", |t| {
                t.replace("\"2004-03-16\"", "\"2005-03-16\"")
                    .replace("\"16 March 2004\"", "\"16 March 2005\"")
                    .replace("\"position\": 1", "\"position\": 2")
            }),
        );
    }
}
