//! SB603: an address over plain http.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::layout::Kind;
use crate::rules::context::FileCtx;

pub static RULE: Rule = Rule {
    code: "SB603",
    name: "plain-http",
    group: Group::Links,
    severity: Severity::Warning,
    summary: "An address uses plain `http://`.",
    why: "Plain http can be altered on the way and many browsers now warn about it. Most \
          publishers and every web archive serve https; older addresses copied from old pages \
          often still say http.",
    fails: "{\"urls\": {\"original\": \"http://www.ecpat.org/wp-content/uploads/2016/04/CMR_PERU_FINAL.pdf\"}}",
    passes: "{\"urls\": {\"original\": \"https://www.ecpat.org/wp-content/uploads/2016/04/CMR_PERU_FINAL.pdf\"}}",
    fix: "Check the address works with `https://` and use that; keep http only for a site that \
          serves nothing else.",
    example: Some(Kind::Record),
};

pub fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    for (at, url) in super::urls(ctx) {
        if super::scheme_and_host(url).is_some_and(|(s, _)| s.eq_ignore_ascii_case("http")) {
            out.push(ctx.diag(&RULE, "plain http address; prefer https", at.pointer()));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diag::Severity;
    use crate::engine::testing::{Case, clean, fires};

    #[test]
    fn http_is_a_warning() {
        let d = fires(
            &super::RULE,
            Case::record(r#"{"urls": {"original": "HTTP://www.efe.com/x"}}"#),
            "\"HTTP://www.efe.com/x\"",
        );
        assert_eq!(d.severity, Severity::Warning);
        clean(
            &super::RULE,
            Case::record(r#"{"urls": {"original": "https://www.efe.com/x"}}"#),
        );
    }
}
