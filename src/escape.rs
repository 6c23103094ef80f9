//! Escaping text the tool did not write (file names, file contents, messages quoting them) for
//! the places it is shown: a terminal, where control characters would be obeyed, and Markdown,
//! where markup would be rendered. A pull request's author controls every byte of the files
//! `check` reads, so nothing of theirs reaches either raw.

use std::borrow::Cow;
use std::fmt::Write as _;

/// How a character is shown on a terminal when shown as itself would be unsafe or invisible:
/// C0 controls (but tab and line feed) as their control pictures (`␛`), DEL as `␡`, C1
/// controls and invisible formatting characters (bidirectional overrides and isolates,
/// zero-width characters, the byte-order mark) as `<U+202E>`. `None` for everything else.
pub fn visible(c: char) -> Option<Cow<'static, str>> {
    match c {
        '\t' | '\n' => None,
        '\0'..='\x1f' => {
            let picture = char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}');
            Some(Cow::Owned(picture.to_string()))
        }
        '\x7f' => Some(Cow::Borrowed("\u{2421}")),
        '\u{80}'..='\u{9f}'
        | '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{feff}' => Some(Cow::Owned(format!("<U+{:04X}>", c as u32))),
        _ => None,
    }
}

/// Whether `b` can start a character [`visible`] shows another way, or a line break: an ASCII
/// control (tab too), DEL, or the lead byte of a C1 control (`0xc2`), of an invisible
/// formatting character (`0xe2`) or of the byte-order mark (`0xef`). Text with no such byte is
/// shown as it is.
pub fn may_be_visible(b: u8) -> bool {
    b < 0x20 || matches!(b, 0x7f | 0xc2 | 0xe2 | 0xef)
}

/// `s` made safe to print on a terminal: see [`visible`]. A line break is kept only where
/// `keep_newlines` says so (multi-line source snippets); in a one-line message it is shown as
/// `␊` too, so no one can start a line of their own.
pub fn terminal(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    // Most text has no byte that can start a character shown another way: one pass over the
    // bytes says so, where asking of every character costs several times as much.
    if !s.bytes().any(may_be_visible) {
        return Cow::Borrowed(s);
    }
    let unsafe_char = |c: char| (c == '\n' && !keep_newlines) || visible(c).is_some();
    if !s.chars().any(unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match visible(c) {
            Some(v) => out.push_str(&v),
            None if c == '\n' && !keep_newlines => out.push('\u{240a}'),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `s` as literal text in Markdown (GitHub's flavour, in a paragraph, list item or table
/// cell): every character that can start markup is backslash-escaped, so `<b>`, `[x](y)`,
/// `![i](j)`, `*` and backticks show as typed; line breaks become spaces and control
/// characters visible.
pub fn markdown(s: &str) -> String {
    escape_markdown(s, true)
}

/// A message of the tool's own, which marks names as code with backticks, quoting text from
/// the files checked: as [`markdown`], but backticks are left to make code spans, and
/// underscores (which emphasise nothing inside a word, and are common in field names) are left
/// as they are. Nothing in it can become HTML, a link or an image, or end a table cell.
pub fn markdown_message(s: &str) -> String {
    escape_markdown(s, false)
}

fn escape_markdown(s: &str, backticks: bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if let Some(v) = visible(c) {
            out.push_str(&v);
            continue;
        }
        match c {
            '\n' => out.push(' '),
            '`' | '_' if !backticks => out.push(c),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '!' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// `s` as a Markdown code span, whatever backticks it holds: the fence is one backtick longer
/// than the longest run inside (padded with a space where the text starts or ends with one),
/// and `|` is escaped for table cells.
pub fn markdown_code(s: &str) -> String {
    let text = terminal(s, false);
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let body = text.replace('|', "\\|");
    let pad = if body.starts_with('`') || body.ends_with('`') {
        " "
    } else {
        ""
    };
    let mut out = String::new();
    let _ = write!(out, "{fence}{pad}{body}{pad}{fence}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminals_see_controls_as_pictures() {
        assert_eq!(terminal("plain ñ text", false), "plain ñ text");
        assert_eq!(terminal("a\x1b[31mb\x07", false), "a␛[31mb␇");
        assert_eq!(terminal("x\n::error::forged", false), "x␊::error::forged");
        assert_eq!(terminal("x\ny", true), "x\ny");
        assert_eq!(terminal("a\u{202e}b\u{85}", false), "a<U+202E>b<U+0085>");
        assert_eq!(terminal("\r", true), "␍");
    }

    /// Every character shown another way starts with a byte [`may_be_visible`] names.
    #[test]
    fn the_byte_check_misses_no_character_shown_another_way() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            if visible(c).is_some() || c == '\n' {
                let mut b = [0; 4];
                assert!(may_be_visible(c.encode_utf8(&mut b).as_bytes()[0]), "{c:?}");
            }
        }
    }

    #[test]
    fn markdown_shows_markup_as_typed() {
        assert_eq!(markdown("<b>x</b>"), "\\<b\\>x\\</b\\>");
        assert_eq!(
            markdown("![i](https://e.x/a.png)"),
            "\\!\\[i\\](https://e.x/a.png)"
        );
        assert_eq!(markdown("a | b\nc"), "a \\| b c");
        assert_eq!(markdown("Niñez `x`"), "Niñez \\`x\\`");
        assert_eq!(
            markdown_message("unknown field `x<b>` in the record"),
            "unknown field `x\\<b\\>` in the record"
        );
    }

    #[test]
    fn code_spans_hold_any_backticks() {
        assert_eq!(markdown_code("pe/x.json"), "`pe/x.json`");
        assert_eq!(markdown_code("a`b``c"), "```a`b``c```");
        assert_eq!(markdown_code("`a"), "`` `a ``");
        assert_eq!(markdown_code("a|b"), "`a\\|b`");
    }
}
