//! SB602: an "archived" address that is not in a web archive.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::layout::Kind;
use crate::rules::context::FileCtx;

pub static RULE: Rule = Rule {
    code: "SB602",
    name: "not-an-archive",
    group: Group::Links,
    severity: Severity::Error,
    summary: "`urls.archived` does not point at a web archive.",
    why: "The archived address is the one that still works when the publisher's page is gone; a \
          second copy of the original address gives no such safety. Known archives: the \
          Internet Archive (web.archive.org), archive.today (archive.ph, .is, .li, .md, .vn, \
          .fo), Perma.cc, WebCite, Ghostarchive, Archive-It, the UK and Portuguese web archives \
          and the Library of Congress web archive.",
    fails: "{\"urls\": {\"archived\": \"https://www.ecpat.org/wp-content/uploads/2016/04/CMR_PERU_FINAL.pdf\"}}",
    passes: "{\"urls\": {\"archived\": \"https://web.archive.org/web/2020/https://www.ecpat.org/wp-content/uploads/2016/04/CMR_PERU_FINAL.pdf\"}}",
    fix: "Use the address of the archived copy, or move the address to `urls.original`.",
    example: Some(Kind::Record),
};

/// Hosts of web archives (and their subdomains).
const ARCHIVES: &[&str] = &[
    "web.archive.org",
    "wayback.archive.org",
    "archive.org",
    "wayback.archive-it.org",
    "archive.today",
    "archive.ph",
    "archive.is",
    "archive.li",
    "archive.md",
    "archive.vn",
    "archive.fo",
    "perma.cc",
    "webcitation.org",
    "ghostarchive.org",
    "arquivo.pt",
    "webarchive.nationalarchives.gov.uk",
    "webarchive.loc.gov",
];

/// Whether `host` is one of the archives or a subdomain of one.
pub fn is_archive(host: &str) -> bool {
    // Without case, on bytes: a suffix of a host that is not ASCII need not be a string.
    let host = host.as_bytes();
    ARCHIVES.iter().any(|a| {
        let Some(cut) = host.len().checked_sub(a.len()) else {
            return false;
        };
        host[cut..].eq_ignore_ascii_case(a.as_bytes()) && (cut == 0 || host[cut - 1] == b'.')
    })
}

pub fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    for (at, url) in super::urls(ctx) {
        if at != super::At::Archived {
            continue;
        }
        if let Some((_, host)) = super::scheme_and_host(url)
            && !is_archive(host)
        {
            let host = host.to_ascii_lowercase();
            out.push(
                ctx.diag(&RULE, format!("`{host}` is not a web archive"), at.pointer())
                    .with_help("use the archived copy's address (web.archive.org, archive.ph, perma.cc, …) or move this to `urls.original`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, clean, fires};

    #[test]
    fn archive_hosts() {
        assert!(super::is_archive("web.archive.org"));
        assert!(super::is_archive("archive.ph"));
        assert!(super::is_archive("www.perma.cc"));
        assert!(!super::is_archive("notarchive.org"));
        assert!(!super::is_archive("archive.org.evil.example"));
        // Hosts are compared without case, and one outside ASCII is no archive.
        assert!(super::is_archive("Web.Archive.ORG"));
        assert!(!super::is_archive("é.perma.cc.ü"));
        assert!(!super::is_archive("ü"));
        fires(
            &super::RULE,
            Case::record(r#"{"urls": {"archived": "https://www.efe.com/x"}}"#),
            "\"https://www.efe.com/x\"",
        );
        clean(
            &super::RULE,
            Case::record(r#"{"urls": {"archived": "https://archive.ph/AbCd1"}}"#),
        );
    }
}
