//! SB503: a record or country file under another country's directory.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::rules::context::FileCtx;

pub static RULE: Rule = Rule {
    code: "SB503",
    name: "wrong-directory",
    group: Group::Identity,
    severity: Severity::Error,
    summary: "A record or country file sits under a directory that is not its country's code.",
    why: "A country's directory holds that country's files only: the layout is the index that \
          tools, reviewers and the release walk. A Chilean record under `pe/` would be listed \
          as Peruvian everywhere the directory is read.",
    fails: "pe/records/…json  containing  {\"country\": \"CL\"}",
    passes: "cl/records/…json  containing  {\"country\": \"CL\"}",
    fix: "Move the file to the directory of its country (the code in lower case), or correct \
          the country.",
    example: None,
};

pub fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(dir) = ctx.dir() else { return };
    let Some((code, pointer)) = ctx.country_code() else {
        return;
    };
    if code.to_ascii_lowercase() != dir {
        out.push(
            ctx.diag(
                &RULE,
                format!("country {code} does not belong under `{dir}/`"),
                pointer,
            )
            .with_help(format!(
                "move the file under `{}/`, or correct the country",
                code.to_ascii_lowercase()
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, RECORD, clean, fires, silent};

    #[test]
    fn records_and_countries() {
        // A record that says Chile, under pe/, with a Chilean id and file name to match: only
        // the directory is wrong.
        let text = Case::shipped().text(crate::engine::testing::RECORD);
        let v = text
            .replace("\"country\": \"PE\"", "\"country\": \"CL\"")
            .replace("\"id\": \"pe-", "\"id\": \"cl-");
        let case = Case::shipped()
            .without(crate::engine::testing::RECORD)
            .with(
                "pe/records/cl-2004-four-child-prostitution-rings-identified.json",
                &v,
            );
        fires(&super::RULE, case, "\"CL\"");
        // Peru's country file copied under cl/.
        let peru = Case::shipped().text(crate::engine::testing::COUNTRY);
        fires(
            &super::RULE,
            Case::shipped().with("cl/country.json", &peru),
            "\"PE\"",
        );
        clean(&super::RULE, Case::shipped());
    }

    #[test]
    fn the_same_record_in_its_own_directory_passes() {
        // The failing record above, moved under cl/: only the missing cl/country.json is left
        // to say (SB111), and the directory is no longer wrong.
        let text = Case::shipped().text(RECORD);
        let v = text
            .replace("\"country\": \"PE\"", "\"country\": \"CL\"")
            .replace("\"id\": \"pe-", "\"id\": \"cl-");
        let case = Case::shipped().without(RECORD).with(
            "cl/records/cl-2004-four-child-prostitution-rings-identified.json",
            &v,
        );
        let others = silent(&super::RULE, case);
        assert_eq!(
            others.iter().map(|d| d.code()).collect::<Vec<_>>(),
            ["SB111"]
        );
    }
}
