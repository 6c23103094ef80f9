//! SB702: characters that hide or reorder text in review.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::context::strings;
use crate::rules::{Check, Example, FileCtx, Group, Rule};

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
    check: Some(Check::File(check)),
    example: Some(Example::Record),
};

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

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    for (pointer, s) in strings(ctx.value) {
        if let Some((i, c, name)) = s
            .chars()
            .enumerate()
            .find_map(|(i, c)| hidden(c).map(|n| (i, c, n)))
        {
            let more = s
                .chars()
                .skip(i + 1)
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
                    i + 1
                ),
                pointer,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{Case, clean, fires};

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
