//! SB804: a helpline's calling code that is not its country's.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::json::Pointer;
use crate::layout::Kind;
use crate::reference::countries;
use crate::rules::context::FileCtx;

pub static RULE: Rule = Rule {
    code: "SB804",
    name: "calling-code-mismatch",
    group: Group::Countries,
    severity: Severity::Error,
    summary: "A helpline's country calling code is not the country's.",
    why: "The calling code is what a caller from abroad dials first; Peru's is 51. A wrong one \
          sends them to another country.",
    fails: "{\"helplines\": [{\"organisation\": \"Ministry of Interior\", \"number\": \"01518 0000\", \"calling_code\": \"56\", \"e164\": \"+5115180000\"}]}",
    passes: "{\"helplines\": [{\"organisation\": \"Ministry of Interior\", \"number\": \"01518 0000\", \"calling_code\": \"51\", \"e164\": \"+5115180000\"}]}",
    fix: "Use the country's calling code (the message gives it).",
    example: Some(Kind::Country),
};

pub fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(c) = ctx.country() else { return };
    let Some(code) = c.code.as_deref() else {
        return;
    };
    let Some(expected) = countries::calling_code(code) else {
        return;
    };
    for (i, h) in c.helplines.iter().flatten().enumerate() {
        let at = Pointer::lit("/helplines").index(i).key("calling_code");
        if h.calling_code != expected.to_string() {
            out.push(ctx.diag(
                &RULE,
                format!(
                    "{}'s calling code is {expected}, not {}",
                    code, h.calling_code
                ),
                at,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, clean, fires};

    #[test]
    fn the_countrys_code() {
        let h = |cc: &str| {
            format!(
                r#"{{"helplines": [{{"organisation": "M", "number": "100", "calling_code": "{cc}"}}]}}"#
            )
        };
        fires(&super::RULE, Case::country(&h("56")), "\"56\"");
        clean(&super::RULE, Case::country(&h("51")));
    }
}
