//! SB705: HTML tags or character references in text.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::layout::Kind;
use crate::rules::context::FileCtx;
use crate::rules::strings::{JsonPath, Text, class};

pub static RULE: Rule = Rule {
    code: "SB705",
    name: "html-markup",
    group: Group::Text,
    severity: Severity::Error,
    summary: "A string holds HTML tags (`<p>`, `</a>`) or character references (`&amp;`, `&#8217;`).",
    why: "Text copied from a web page's source brings its markup. The dataset is plain text: \
          every consumer would otherwise show `&amp;` or `<br>` literally, or worse, render it.",
    fails: "{\"title\": \"Child Labor in Peru &amp; Bolivia<br>\"}",
    passes: "{\"title\": \"Child Labor in Peru & Bolivia\"}",
    fix: "Replace character references with the characters they stand for and remove tags.",
    example: Some(Kind::Record),
};

/// Tag names that mark text as HTML. `<date>` in the citation template is a placeholder, not
/// a tag, which is why unknown names are left alone.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "cite",
    "code",
    "div",
    "em",
    "embed",
    "font",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "li",
    "link",
    "meta",
    "object",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "script",
    "small",
    "span",
    "strong",
    "style",
    "sub",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "title",
    "tr",
    "u",
    "ul",
];

/// The first piece of markup in `s`, if any.
pub fn markup(s: &str) -> Option<&str> {
    if !s.as_bytes().iter().any(|b| *b == b'<' || *b == b'&') {
        return None;
    }
    // The next `>` at or after the current place, found once and reused, so text full of `<`
    // (or `&`) is scanned once, not once per `<`.
    let mut next_gt: Option<Option<usize>> = None;
    for (i, c) in s.char_indices() {
        let rest = &s[i..];
        if c == '<' {
            let gt = match next_gt {
                Some(Some(g)) if g >= i => Some(g),
                Some(None) => None,
                _ => {
                    let g = s[i..].find('>').map(|g| g + i);
                    next_gt = Some(g);
                    g
                }
            };
            let inner = rest[1..].strip_prefix('/').unwrap_or(&rest[1..]);
            // The tag name: up to 12 ASCII letters and digits, compared without allocating.
            let n = inner
                .bytes()
                .take_while(u8::is_ascii_alphanumeric)
                .take(12)
                .count();
            let (name, after) = (&inner[..n], inner[n..].chars().next());
            if let Some(end) = gt
                && TAGS.iter().any(|t| t.eq_ignore_ascii_case(name))
                && matches!(after, Some('>' | ' ' | '/' | '\t'))
            {
                return Some(&s[i..=end]);
            }
        }
        // A character reference is short: `&amp;`, `&#8217;`, `&#x1F600;`.
        if c == '&'
            && let Some(end) = rest.as_bytes().iter().take(12).position(|b| *b == b';')
        {
            let body = &rest[1..end];
            let named = !body.is_empty()
                && body.len() <= 8
                && body.chars().all(|c| c.is_ascii_alphabetic());
            let numeric =
                body.strip_prefix('#')
                    .is_some_and(|n| match n.strip_prefix(['x', 'X']) {
                        Some(h) => !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()),
                        None => !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()),
                    });
            if named || numeric {
                return Some(&rest[..=end]);
            }
        }
    }
    None
}

pub fn check(
    ctx: &FileCtx<'_>,
    path: &JsonPath<'_, '_>,
    text: &Text<'_>,
    out: &mut Vec<Diagnostic>,
) {
    if !text.has(class::MARKUP) {
        return;
    }
    let s = text.s;
    if let Some(m) = markup(s) {
        out.push(ctx.diag(&RULE, format!("HTML markup in text: `{m}`"), path.pointer()));
    }
}

#[cfg(test)]
mod tests {
    use super::markup;
    use crate::engine::testing::{Case, clean, fires};

    #[test]
    fn tags_and_references() {
        assert_eq!(markup("a <br> b"), Some("<br>"));
        assert_eq!(markup("see </A>"), Some("</A>"));
        assert_eq!(markup("<p class=\"x\">"), Some("<p class=\"x\">"));
        assert_eq!(markup("Peru &amp; Bolivia"), Some("&amp;"));
        assert_eq!(markup("it&#8217;s"), Some("&#8217;"));
        assert_eq!(markup("&#x2019;"), Some("&#x2019;"));
        assert_eq!(markup("[accessed <date>]"), None);
        assert_eq!(markup("4 < 12 and 12 > 4"), None);
        assert_eq!(markup("AT&T; Procter & Gamble"), Some("&T;"));
        assert_eq!(markup("Procter & Gamble; and more"), None);
        // Text full of `<` and `&` is scanned once; when each `<` searched the rest of the text
        // for a `>`, this one string took minutes.
        let flood = "<b ".repeat(200_000) + &"&".repeat(200_000);
        assert_eq!(markup(&flood), None);
    }

    #[test]
    fn fires_on_the_value() {
        fires(
            &super::RULE,
            Case::record(r#"{"title": "Peru &amp; Bolivia"}"#),
            "\"Peru &amp; Bolivia\"",
        );
        clean(&super::RULE, Case::shipped());
    }
}
