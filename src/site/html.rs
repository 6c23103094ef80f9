//! Escaping text for HTML and XML, for the parts of pages written outside the templates (which
//! escape by themselves): rendered citations, the feed, the plots.

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

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_quotes_only() {
        assert_eq!(
            escape("Labor’s 2004 <b> & \"x\" 'y'"),
            "Labor’s 2004 &lt;b&gt; &amp; &quot;x&quot; &#39;y&#39;"
        );
        assert!(matches!(escape("plain"), std::borrow::Cow::Borrowed(_)));
    }
}
