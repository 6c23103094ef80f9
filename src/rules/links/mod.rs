//! Link rules: addresses that parse, are web addresses without credentials or spaces, archive
//! copies that really are in an archive, and a warning for plain http.

pub mod invalid_url;
pub mod not_an_archive;
pub mod plain_http;

use crate::rules::{Doc, FileCtx};

/// Every address in a file, with its pointer.
pub fn urls<'a>(ctx: &FileCtx<'a>) -> Vec<(String, &'a str)> {
    let mut out = Vec::new();
    match ctx.doc {
        Doc::Record(r) => {
            if let Some(u) = &r.urls {
                out.extend(
                    u.original
                        .as_deref()
                        .map(|s| ("/urls/original".to_string(), s)),
                );
                out.extend(
                    u.archived
                        .as_deref()
                        .map(|s| ("/urls/archived".to_string(), s)),
                );
            }
        }
        Doc::Dataset(d) => {
            for (i, m) in d.maintainers.iter().enumerate() {
                out.extend(
                    m.url
                        .as_deref()
                        .map(|s| (format!("/maintainers/{i}/url"), s)),
                );
            }
        }
        Doc::Country(_) | Doc::Untyped => {}
    }
    out
}

/// The scheme and host of an absolute http(s) address, lower-cased, if it parses as one.
pub fn scheme_and_host(url: &str) -> Option<(String, String)> {
    let uri = fluent_uri::Uri::parse(url).ok()?;
    let host = uri.authority()?.host().to_ascii_lowercase();
    Some((uri.scheme().as_str().to_ascii_lowercase(), host))
}
