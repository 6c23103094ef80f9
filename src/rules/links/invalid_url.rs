//! SB601: an address that is not a usable web address.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::layout::Kind;
use crate::rules::context::FileCtx;

pub static RULE: Rule = Rule {
    code: "SB601",
    name: "invalid-url",
    group: Group::Links,
    severity: Severity::Error,
    summary: "An address does not parse, is not http or https, carries a user name or password, or holds spaces.",
    why: "Addresses are followed by readers and by citation managers. One without a scheme \
          (`www.ecpat.org/…`) is not a link at all; `ftp:` or `file:` addresses cannot be opened \
          in a browser; credentials must never be published; spaces are a copy-and-paste fault \
          that breaks the link where it is printed.",
    fails: "{\"urls\": {\"original\": \"www.ecpat.org/wp-content/uploads/2016/04/CMR_PERU_FINAL.pdf\"}}",
    passes: "{\"urls\": {\"original\": \"https://www.ecpat.org/wp-content/uploads/2016/04/CMR_PERU_FINAL.pdf\"}}",
    fix: "Write the full address with `https://` (or `http://`), percent-encode spaces as \
          `%20`, and remove any `user:password@`.",
    example: Some(Kind::Record),
};

/// Why `url` is not a usable web address, if it is not.
pub fn fault(url: &str) -> Option<String> {
    if url.chars().any(char::is_whitespace) {
        return Some("it holds whitespace".into());
    }
    let uri = match fluent_uri::Uri::parse(url) {
        Ok(u) => u,
        Err(e) if !url.contains("://") => {
            return Some(format!("it has no scheme such as https:// ({e})"));
        }
        Err(e) => return Some(format!("it does not parse: {e}")),
    };
    let scheme = uri.scheme().as_str();
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        let scheme = scheme.to_ascii_lowercase();
        return Some(format!("its scheme is `{scheme}`, not http or https"));
    }
    let Some(authority) = uri.authority() else {
        return Some("it has no host".into());
    };
    if authority.userinfo().is_some() {
        return Some("it carries a user name or password".into());
    }
    if authority.host().is_empty() {
        return Some("it has no host".into());
    }
    None
}

pub fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    for (at, url) in super::urls(ctx) {
        if let Some(why) = fault(url) {
            let message = format!("not a usable web address: {why}");
            out.push(ctx.diag(&RULE, message, at.pointer()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fault;
    use crate::engine::testing::{Case, clean, fires};

    #[test]
    fn faults() {
        assert!(fault("https://www.ecpat.org/a.pdf").is_none());
        assert!(fault("http://example.org").is_none());
        assert!(fault("www.ecpat.org/a.pdf").unwrap().contains("scheme"));
        assert!(fault("ftp://example.org/a").unwrap().contains("`ftp`"));
        assert!(
            fault("https://user:pw@example.org/")
                .unwrap()
                .contains("password")
        );
        assert!(
            fault("https://example.org/a b.pdf")
                .unwrap()
                .contains("whitespace")
        );
        assert!(fault("https:///path").unwrap().contains("host"));
        assert!(fault("mailto:x@example.org").is_some());
    }

    #[test]
    fn records_and_maintainers() {
        fires(
            &super::RULE,
            Case::record(
                r#"{"urls": {"archived": "https://web.archive.org/web/2011/http://x y"}}"#,
            ),
            "\"https://web.archive.org/web/2011/http://x y\"",
        );
        fires(
            &super::RULE,
            Case::dataset(r#"{"maintainers": [{"name": "M", "url": "file:///etc/passwd"}]}"#),
            "\"file:///etc/passwd\"",
        );
        clean(
            &super::RULE,
            Case::record(r#"{"urls": {"original": "https://www.ecpat.org/a.pdf"}}"#),
        );
    }
}
