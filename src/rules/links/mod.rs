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
    // By bytes: each of these marks is ASCII, so every cut falls between characters (the
    // same cuts as `split_once` and `split` make, at a fraction of their cost per address).
    let b = url.as_bytes();
    let colon = memchr::memchr_iter(b':', b).find(|&i| b[i + 1..].starts_with(b"//"))?;
    let (scheme, rest) = (&url[..colon], &url[colon + 3..]);
    let end = rest
        .bytes()
        .position(|x| matches!(x, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len());
    let authority = &rest[..end];
    let host = match memchr::memrchr(b'@', authority.as_bytes()) {
        Some(at) => &authority[at + 1..],
        None => authority,
    };
    let host = if host.starts_with('[') {
        host
    } else {
        &host[..memchr::memchr(b':', host.as_bytes()).unwrap_or(host.len())]
    };
    (!scheme.is_empty() && !host.is_empty()).then_some((scheme, host))
}

#[cfg(test)]
mod tests {
    use super::scheme_and_host;

    #[test]
    fn scheme_and_host_of_addresses() {
        for (url, want) in [
            ("https://www.efe.com/x", Some(("https", "www.efe.com"))),
            ("HTTP://Example.org", Some(("HTTP", "Example.org"))),
            (
                "https://user:pw@host.example:8080/p?q#f",
                Some(("https", "host.example")),
            ),
            ("https://[::1]:80/x", Some(("https", "[::1]:80"))),
            ("https://h?x=a://b", Some(("https", "h"))),
            ("https://h#a@b", Some(("https", "h"))),
            ("https://ni\u{f1}os.pe/a", Some(("https", "ni\u{f1}os.pe"))),
            ("mailto:x@y.org", None),
            ("://host", None),
            ("https:///path", None),
            ("https://", None),
        ] {
            assert_eq!(scheme_and_host(url), want, "{url}");
        }
    }
}
