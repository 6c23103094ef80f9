//! SB702: characters that hide or reorder text in review.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::layout::Kind;
use crate::rules::context::FileCtx;
use crate::rules::strings::{JsonPath, Text, class};

pub static RULE: Rule = Rule {
    code: "SB702",
    name: "hidden-character",
    group: Group::Text,
    severity: Severity::Error,
    summary: "A string holds a control character, a zero-width character or a bidirectional control.",
    why: "Invisible characters make text differ from what a reviewer sees: a zero-width space \
          splits a word for search, a right-to-left override displays text in another order \
          than it is stored (the \"Trojan Source\" trick), and control characters (tabs, line \
          breaks) do not belong in one-line fields or single paragraphs. No-break spaces, which \
          pages use between sentences, are allowed.",
    fails: "// a U+200B ZERO WIDTH SPACE after \"Prostitution\"\n{\"title\": \"Four Child Prostitution\u{200b} Rings Identified In Peru\"}",
    passes: "{\"title\": \"Four Child Prostitution Rings Identified In Peru\"}",
    fix: "Delete the character (the message gives its position); split a multi-paragraph \
          excerpt into one excerpt per paragraph.",
    example: Some(Kind::Record),
};

/// Whether the bytes at `i` start a hidden character: ASCII control bytes, C1 controls and the
/// soft hyphen (C2 80-9F, C2 AD), the Arabic letter mark (D8 9C), the zero-width, directional
/// and joiner characters (E2 80 8B-8F, E2 80 AA-AE, E2 81 A0, E2 81 A6-A9) and the byte-order
/// mark (EF BB BF).
fn hidden_at(b: &[u8], i: usize) -> bool {
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match b[i] {
        0x00..=0x1f | 0x7f => true,
        0xc2 => matches!(at(1), 0x80..=0x9f | 0xad),
        0xd8 => at(1) == 0x9c,
        0xe2 => match at(1) {
            0x80 => matches!(at(2), 0x8b..=0x8f | 0xaa..=0xae),
            0x81 => matches!(at(2), 0xa0 | 0xa6..=0xa9),
            _ => false,
        },
        0xef => at(1) == 0xbb && at(2) == 0xbf,
        _ => false,
    }
}

/// The byte offset of the first hidden character, found from UTF-8 bytes alone: control bytes
/// by a plain scan (only when the string has one), the rest by jumping from one possible lead
/// byte to the next. No character is decoded unless it is hidden.
fn first_hidden(s: &str, text_has_control: bool) -> Option<(usize, char)> {
    let b = s.as_bytes();
    let control = if text_has_control {
        b.iter().position(|&x| x < 0x20 || x == 0x7f)
    } else {
        None
    };
    let lead = memchr::memchr3_iter(0xc2, 0xe2, 0xef, b).find(|&i| hidden_at(b, i));
    let arabic = memchr::memchr_iter(0xd8, b).find(|&i| hidden_at(b, i));
    let first = [control, lead, arabic].into_iter().flatten().min()?;
    s[first..].chars().next().map(|c| (first, c))
}

/// The name of a character that must not appear, if `c` is one.
pub fn hidden(c: char) -> Option<&'static str> {
    Some(match c {
        '\t' => "TAB",
        '\n' => "LINE FEED",
        '\r' => "CARRIAGE RETURN",
        '\u{ad}' => "SOFT HYPHEN",
        '\u{61c}' => "ARABIC LETTER MARK",
        '\u{200b}' => "ZERO WIDTH SPACE",
        '\u{200c}' => "ZERO WIDTH NON-JOINER",
        '\u{200d}' => "ZERO WIDTH JOINER",
        '\u{200e}' => "LEFT-TO-RIGHT MARK",
        '\u{200f}' => "RIGHT-TO-LEFT MARK",
        '\u{202a}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202b}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202c}' => "POP DIRECTIONAL FORMATTING",
        '\u{202d}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202e}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2060}' => "WORD JOINER",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{feff}' => "ZERO WIDTH NO-BREAK SPACE",
        c if c.is_control() => "CONTROL CHARACTER",
        _ => return None,
    })
}

pub fn check(
    ctx: &FileCtx<'_>,
    path: &JsonPath<'_, '_>,
    text: &Text<'_>,
    out: &mut Vec<Diagnostic>,
) {
    if !text.has(class::CONTROL | class::HIDDEN_LEAD) {
        return;
    }
    let s = text.s;
    let Some((at, c)) = first_hidden(s, text.has(class::CONTROL)) else {
        return;
    };
    let name = hidden(c).unwrap_or_default();
    let index = s[..at].chars().count();
    let more = s[at..]
        .chars()
        .skip(1)
        .filter(|c| hidden(*c).is_some())
        .count();
    let also = if more > 0 {
        format!(" (and {more} more)")
    } else {
        String::new()
    };
    out.push(ctx.diag(
        &RULE,
        format!(
            "hidden character U+{:04X} {name} at character {}{also}",
            c as u32,
            index + 1
        ),
        path.pointer(),
    ));
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, clean, fires};

    #[test]
    fn the_byte_scan_finds_what_the_character_scan_does() {
        for c in (0u32..0x3000)
            .chain(0xfe00..0x10000)
            .filter_map(char::from_u32)
        {
            let s = format!("ab{c}d");
            let slow = s.char_indices().find(|(_, c)| super::hidden(*c).is_some());
            assert_eq!(super::first_hidden(&s, true), slow, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn zero_width_bidi_and_control() {
        let d = fires(
            &super::RULE,
            Case::record("{\"title\": \"abc\u{202e}def\"}"),
            "\"abc\u{202e}def\"",
        );
        assert_eq!(
            d.message,
            "hidden character U+202E RIGHT-TO-LEFT OVERRIDE at character 4"
        );
        fires(
            &super::RULE,
            Case::record(r#"{"title": "line\nbreak"}"#),
            "\"line\\nbreak\"",
        );
        fires(
            &super::RULE,
            Case::record("{\"notes\": [\"a\u{200b}b\"]}"),
            "\"a\u{200b}b\"",
        );
        // The no-break spaces the seed page uses between sentences are fine.
        clean(&super::RULE, Case::shipped());
    }
}
