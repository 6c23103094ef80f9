//! Link rules: addresses that parse, are web addresses without credentials or spaces, archive
//! copies that really are in an archive, and a warning for plain http.

pub mod invalid_url;
pub mod not_an_archive;
pub mod plain_http;

use crate::json::Pointer;
use crate::model::Document;
use crate::rules::context::FileCtx;

/// Where an address sits in a file: made into a pointer only when a rule reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum At {
    Original,
    Archived,
    /// The url of the dataset's maintainer at this index.
    Maintainer(usize),
}

impl At {
    pub fn pointer(self) -> Pointer {
        match self {
            At::Original => Pointer::lit("/urls/original"),
            At::Archived => Pointer::lit("/urls/archived"),
            At::Maintainer(i) => Pointer::lit("/maintainers").index(i).key("url"),
        }
    }
}

/// Every address in a file, with where it sits.
pub fn urls<'a>(ctx: &FileCtx<'a>) -> Vec<(At, &'a str)> {
    let mut out = Vec::new();
    match ctx.document() {
        Some(Document::Record(r)) => {
            if let Some(u) = &r.urls {
                out.extend(u.original.as_deref().map(|s| (At::Original, s)));
                out.extend(u.archived.as_deref().map(|s| (At::Archived, s)));
            }
        }
        Some(Document::Dataset(d)) => {
            for (i, m) in d.maintainers().iter().enumerate() {
                out.extend(m.url.as_deref().map(|s| (At::Maintainer(i), s)));
            }
        }
        Some(Document::Country(_)) | None => {}
    }
    out
}

/// The scheme and host of an address, as written (compare them without case), or `None`
/// when it has no `://` or either is empty.
pub fn scheme_and_host(url: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host.starts_with('[') {
        host
    } else {
        host.split(':').next().unwrap_or_default()
    };
    (!scheme.is_empty() && !host.is_empty()).then_some((scheme, host))
}
