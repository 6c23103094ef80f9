//! The lines a page is read as, whether it came as text or as HTML: each non-blank line with
//! its number in the file and the links that sit on it.

/// A link on a line: the words it covers and where it points, as the page gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub href: String,
}

/// One non-blank line: the 1-based number of the file line it starts on, its text without
/// surrounding whitespace, and its links (only HTML has them).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Line {
    pub number: usize,
    pub text: String,
    pub links: Vec<Link>,
}

impl Line {
    pub fn new(number: usize, text: impl Into<String>) -> Self {
        Line {
            number,
            text: text.into(),
            links: Vec::new(),
        }
    }
}

/// Whitespace including the no-break spaces pages pad lines with.
pub fn trim(s: &str) -> &str {
    s.trim_matches(char::is_whitespace)
}

/// The non-blank lines of a plain-text page.
pub fn from_text(text: &str) -> Vec<Line> {
    text.lines()
        .enumerate()
        .map(|(i, l)| Line::new(i + 1, trim(l)))
        .filter(|l| !l.text.is_empty())
        .collect()
}

/// Two texts that differ only in their whitespace: runs of spaces, no-break spaces and line
/// breaks count as one space, so a notice copied from HTML (`&nbsp;`) equals its plain text.
pub fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_go_and_numbers_stay() {
        let l = from_text("one\n\n \u{a0}\n  two \u{a0}\n");
        assert_eq!(l, [Line::new(1, "one"), Line::new(4, "two")]);
    }

    #[test]
    fn whitespace_kinds_compare_equal() {
        assert!(same_words("a.\u{a0} b", "a.  b"));
        assert!(same_words(" a\n b ", "a b"));
        assert!(!same_words("a b", "a c"));
    }
}
