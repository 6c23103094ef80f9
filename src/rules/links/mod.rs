//! Link rules: addresses that parse, are web addresses without credentials or spaces, archive
//! copies that really are in an archive, and a warning for plain http.

pub mod invalid_url;
pub mod not_an_archive;
pub mod plain_http;

use crate::json::Pointer;
use crate::model::Document;
use crate::rules::context::FileCtx;

/// Every address in a file, with its pointer.
pub fn urls<'a>(ctx: &FileCtx<'a>) -> Vec<(Pointer, &'a str)> {
    let mut out = Vec::new();
    match ctx.document() {
        Some(Document::Record(r)) => {
            if let Some(u) = &r.urls {
                out.extend(
                    u.original
                        .as_deref()
                        .map(|s| (Pointer::lit("/urls/original"), s)),
                );
                out.extend(
                    u.archived
                        .as_deref()
                        .map(|s| (Pointer::lit("/urls/archived"), s)),
                );
            }
        }
        Some(Document::Dataset(d)) => {
            for (i, m) in d.maintainers().iter().enumerate() {
                out.extend(
                    m.url
                        .as_deref()
                        .map(|s| (Pointer::lit("/maintainers").index(i).key("url"), s)),
                );
            }
        }
        Some(Document::Country(_)) | None => {}
    }
    out
}

/// The scheme and host of an absolute address, lower-cased. A plain split, not a parse: SB601
/// is the rule that says whether the address is well-formed.
pub fn scheme_and_host(url: &str) -> Option<(String, String)> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host.starts_with('[') {
        host
    } else {
        host.split(':').next().unwrap_or_default()
    };
    (!scheme.is_empty() && !host.is_empty())
        .then(|| (scheme.to_ascii_lowercase(), host.to_ascii_lowercase()))
}
