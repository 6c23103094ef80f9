//! Escaping text for HTML and XML, for the parts of pages written outside the templates (which
//! escape by themselves): rendered citations, the feed, the plots; and which addresses may be
//! links.

use std::borrow::Cow;

/// `text` safe inside an element or a quoted attribute of HTML or XML.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(text);
    }
    let mut s = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&#39;"),
            c => s.push(c),
        }
    }
    Cow::Owned(s)
}

/// `url` if a browser may follow it from a page: http and https only. `check` refuses any other
/// scheme (SB601), but a dataset can turn that rule off, and a `javascript:` address in a link
/// would run when clicked.
pub fn link(url: &str) -> Option<&str> {
    let scheme = url.split_once(':')?.0;
    (scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http")).then_some(url)
}

#[cfg(test)]
mod tests {
    use super::{escape, link};

    #[test]
    fn links_only_to_the_web() {
        assert_eq!(
            link("https://www.ecpat.org/x.pdf"),
            Some("https://www.ecpat.org/x.pdf")
        );
        assert_eq!(link("HTTP://example.org/"), Some("HTTP://example.org/"));
        for bad in [
            "javascript:alert(1)",
            "JavaScript:x",
            "data:text/html,x",
            "//evil",
            "x",
        ] {
            assert_eq!(link(bad), None, "{bad}");
        }
    }

    #[test]
    fn escapes_markup_and_quotes_only() {
        assert_eq!(
            escape("Labor’s 2004 <b> & \"x\" 'y'"),
            "Labor’s 2004 &lt;b&gt; &amp; &quot;x&quot; &#39;y&#39;"
        );
        assert!(matches!(escape("plain"), std::borrow::Cow::Borrowed(_)));
    }
}
