//! Syntax errors in plain words (SB101): what the mistake most likely is, where it is, and what
//! to type instead, for a contributor who edits JSON by hand and has never read its grammar.

use std::ops::Range;

use crate::json::{Fault, SyntaxError};

/// A syntax error as a contributor reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    /// What is wrong, in words ("a comma is missing after `"PE"`").
    pub message: String,
    /// Where to look: the place to change, in the text the error was found in.
    pub span: Range<usize>,
    /// What the label under the place says, if anything.
    pub label: Option<&'static str>,
    /// What to do.
    pub help: String,
}

/// Longest token quoted in a message; a longer one is cut with an ellipsis.
const SHOWN: usize = 32;

/// A comma where a value belongs, whichever parser saw it: the message and what to do.
const EXTRA_COMMA: (&str, &str) = (
    "a comma where a value belongs",
    "remove this comma: there is one too many, or a value is missing before it",
);

/// Explain `e`, found in `text`.
pub fn explain(text: &str, e: &SyntaxError) -> Explained {
    let at = snap(text, e.span.start);
    let here = |message: String, help: &str| Explained {
        message,
        span: at..snap(text, e.span.end.max(at)),
        label: None,
        help: help.to_string(),
    };
    match e.fault {
        Fault::MissingComma | Fault::UnexpectedWord => {
            if let Some(quote) = early_quote(text, at) {
                let next = token_at(text, at);
                return Explained {
                    message: format!(
                        "the `\"` before `{}` ends the text early",
                        shown(&text[next])
                    ),
                    span: quote..quote + 1,
                    label: Some("the text ends here"),
                    help: "write a quotation mark inside text as `\\\"`, or use typographic \
                           quotes (“ ”)"
                        .into(),
                };
            }
            let next = &text[token_at(text, at)];
            if next == "," {
                return here(EXTRA_COMMA.0.into(), EXTRA_COMMA.1);
            }
            // Only after a value can a comma be what is missing.
            let after_value = !matches!(
                text[..at].trim_end().chars().last(),
                None | Some(',' | '{' | '[' | ':')
            );
            if e.fault == Fault::MissingComma && after_value {
                let prev = token_before(text, at);
                return Explained {
                    message: format!("a comma is missing after `{}`", shown(&text[prev.clone()])),
                    span: prev,
                    label: Some("add `,` after this"),
                    help: "separate the items of an object or a list with commas: \
                           `\"a\": 1, \"b\": 2`"
                        .into(),
                };
            }
            let word = next;
            match literal(word) {
                Some(right) => here(
                    format!("`{}` is not a JSON value", shown(word)),
                    &format!("write `{right}`; JSON's words are `true`, `false` and `null`"),
                ),
                None => here(
                    format!("unexpected `{}`", shown(word)),
                    "put text in double quotes (`\"like this\"`); write numbers in digits and \
                     the words `true`, `false` and `null` in lower case",
                ),
            }
        }
        Fault::TrailingComma => here(
            "a comma after the last item of an object or list".into(),
            "remove this comma: JSON allows none before `}` or `]`",
        ),
        Fault::ExtraComma => here(EXTRA_COMMA.0.into(), EXTRA_COMMA.1),
        Fault::Comment => here(
            "comments are not allowed in JSON".into(),
            "delete the comment; a note about the source belongs in the record's `notes`",
        ),
        Fault::SingleQuotes => {
            let word = &text[token_at(text, at)];
            let inner = word.trim_matches('\'');
            here(
                format!("text in single quotes: `{}`", shown(word)),
                &format!("JSON needs double quotes: `\"{}\"`", shown(inner)),
            )
        }
        Fault::UnquotedKey => {
            let word = &text[token_at(text, at)];
            here(
                format!("a field name without double quotes: `{}`", shown(word)),
                &format!("write `\"{}\"`", shown(word)),
            )
        }
        Fault::MissingColon => {
            let prev = token_before(text, at);
            Explained {
                message: format!(
                    "a colon is missing after the field name `{}`",
                    shown(&text[prev.clone()])
                ),
                span: prev,
                label: Some("add `:` after this"),
                help: "write a field as `\"name\": value`".into(),
            }
        }
        Fault::MissingValue => here(
            "a field has no value after its colon".into(),
            "write the value after the `:`, or remove the field",
        ),
        Fault::StrayColon => here(
            "a colon where none belongs".into(),
            "a colon only follows a field name in double quotes: `\"name\": value`",
        ),
        Fault::StrayClose => {
            let c = text[at..].chars().next().unwrap_or('}');
            let open = if c == ']' { '[' } else { '{' };
            here(
                format!("a `{c}` that closes nothing"),
                &format!("remove it if it is one too many, or add the `{open}` it should close"),
            )
        }
        Fault::Unclosed => {
            let c = text[at..].chars().next().unwrap_or('{');
            let close = if c == '[' { ']' } else { '}' };
            Explained {
                message: format!("the file ends before this `{c}` is closed"),
                span: at..at + c.len_utf8(),
                label: Some("opened here"),
                help: format!(
                    "add the missing `{close}`: every `{{` needs a `}}` and every `[` a `]`, \
                     usually at the end of the file"
                ),
            }
        }
        Fault::UnterminatedString => here(
            "a text has no closing `\"`".into(),
            "end the text with `\"` on the same line",
        ),
        Fault::BadEscape => {
            let upto = (at + 1).min(text.len());
            let slash = text.as_bytes()[..upto]
                .iter()
                .rposition(|b| *b == b'\\')
                .unwrap_or(at);
            let escape: String = text[slash..].chars().take(2).collect();
            Explained {
                message: format!("`{}` is not an escape JSON knows", shown(&escape)),
                span: slash..slash + escape.len(),
                label: None,
                help: "write a backslash as `\\\\`; JSON knows `\\\"`, `\\\\`, `\\/`, `\\b`, \
                       `\\f`, `\\n`, `\\r`, `\\t` and `\\uXXXX`"
                    .into(),
            }
        }
        Fault::ControlCharacter => {
            let c = text[at..].chars().next().unwrap_or('\0');
            let (what, help) = match c {
                '\t' => ("a tab", "write `\\t`, or a space"),
                '\n' | '\r' => (
                    "a line break",
                    "keep the text on one line: join the lines, or write `\\n`",
                ),
                _ => ("a control character", "delete it"),
            };
            here(format!("{what} inside text (U+{:04X})", c as u32), help)
        }
        Fault::OddWhitespace => {
            let c = text[at..].chars().next().unwrap_or(' ');
            here(
                format!(
                    "an unusual space character (U+{:04X}) between items",
                    c as u32
                ),
                "replace it with an ordinary space",
            )
        }
        Fault::BadNumber => {
            let word = &text[token_at(text, at)];
            here(
                format!("`{}` is not a number JSON allows", shown(word)),
                "write numbers in plain decimal digits (`12`, `-3`, `0.5`); put anything else \
                 in double quotes",
            )
        }
        Fault::NumberOutOfRange => here(
            "a number too large for any reader to hold".into(),
            "write it in double quotes if it is a code rather than a quantity",
        ),
        Fault::TrailingText => here(
            "more text after the end of the JSON".into(),
            "a file holds one object: delete what follows its last `}`",
        ),
        Fault::Empty => here(
            "no JSON value".into(),
            "a dataset file holds one JSON object, `{ ... }`",
        ),
        Fault::TooDeep => here(e.message.clone(), "nest fewer objects and lists"),
    }
}

/// Where a `"` ended a string early, if the error at `at` looks like one: a string ends just
/// before it on the same line, a word (not a new item) follows, and a `"` later on the line
/// would have closed the text.
fn early_quote(text: &str, at: usize) -> Option<usize> {
    let before = text[..at].trim_end_matches([' ', '\t']);
    if !before.ends_with('"') || before.len() < at.saturating_sub(8) {
        return None;
    }
    let rest = &text[at..];
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let first = line.trim_start().chars().next()?;
    let starts_word = !matches!(first, '"' | ',' | '}' | ']' | ':' | '{' | '[');
    (starts_word && line.contains('"') && closes_a_string(before)).then(|| before.len() - 1)
}

/// Whether the `"` that ends `before` closes a string (rather than opening one): an even
/// number of unescaped quotes on its line, that one included.
fn closes_a_string(before: &str) -> bool {
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let mut quotes = 0;
    let mut escaped = false;
    for b in line.bytes() {
        match b {
            b'\\' if !escaped => escaped = true,
            b'"' if !escaped => quotes += 1,
            _ => escaped = false,
        }
    }
    quotes % 2 == 0
}

/// The token that ends where the text before `at` ends, white space aside: a whole string,
/// or a run of other characters.
fn token_before(text: &str, at: usize) -> Range<usize> {
    let end = text[..at].trim_end().len();
    let head = &text[..end];
    // A closing bracket is an item's end of its own: the whole object or list before it.
    if head.ends_with(['}', ']']) {
        return end - 1..end;
    }
    let start = if head.ends_with('"') && end >= 2 {
        let mut i = end - 1;
        // Back to the opening quote, past escaped ones.
        loop {
            match head[..i].rfind('"') {
                Some(q) if head[..q].ends_with('\\') && !head[..q].ends_with("\\\\") => i = q,
                Some(q) => break q,
                None => break 0,
            }
        }
    } else {
        head.rfind(|c: char| c.is_whitespace() || "{}[],:".contains(c))
            .map_or(0, |i| {
                i + head[i..].chars().next().map_or(1, char::len_utf8)
            })
    };
    start..end.max(start)
}

/// The token that starts at `at`, white space aside: a string in either quote, a one-character
/// bracket or separator, or a run of other characters.
fn token_at(text: &str, at: usize) -> Range<usize> {
    let start = at + (text[at..].len() - text[at..].trim_start().len());
    let rest = &text[start..];
    let len = match rest.chars().next() {
        None => 0,
        Some(q @ ('"' | '\'')) => rest[1..].find([q, '\n']).map_or(rest.len(), |i| {
            i + 1 + usize::from(rest[1 + i..].starts_with(q))
        }),
        Some(c) if "{}[],:".contains(c) => 1,
        Some(_) => rest
            .find(|c: char| c.is_whitespace() || "{}[],:\"'".contains(c))
            .unwrap_or(rest.len()),
    };
    start..start + len
}

/// `at`, moved back to a character boundary of `text`.
fn snap(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The JSON literal a word from another language means (`True`, `None`), if any.
fn literal(word: &str) -> Option<&'static str> {
    match word.to_ascii_lowercase().as_str() {
        "true" | "yes" => Some("true"),
        "false" | "no" => Some("false"),
        "none" | "null" | "nil" | "undefined" => Some("null"),
        _ => None,
    }
}

/// A token as a message quotes it: at most [`SHOWN`] characters.
fn shown(token: &str) -> String {
    if token.chars().count() <= SHOWN {
        token.to_string()
    } else {
        let cut: String = token.chars().take(SHOWN - 1).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explained(text: &str) -> Explained {
        let e = crate::json::parse(text, 32).expect_err("not JSON");
        explain(text, &e)
    }

    #[test]
    fn a_missing_comma_points_at_the_item_before_it() {
        let text = "{\n  \"country\": \"PE\"\n  \"topics\": []\n}";
        let x = explained(text);
        assert_eq!(x.message, "a comma is missing after `\"PE\"`");
        assert_eq!(&text[x.span], "\"PE\"");
    }

    #[test]
    fn an_unescaped_quote_is_named_as_such() {
        let text = "{\n  \"text\": \"He said \"no\" to it\",\n  \"b\": 1\n}";
        let x = explained(text);
        assert_eq!(x.message, "the `\"` before `no` ends the text early");
        assert_eq!(x.span.start, text.find("\"no").unwrap());
        let text = "{\"country\": \"P\"E\"}";
        assert!(explained(text).message.contains("ends the text early"));
    }

    #[test]
    fn a_missing_comma_after_an_object_or_list_points_at_its_bracket() {
        let text = "{\n  \"published\": {\"date\": \"2001\"}\n  \"rights\": 1\n}";
        let x = explained(text);
        assert_eq!(x.message, "a comma is missing after `}`");
        assert_eq!(&text[x.span], "}");
        let text = "{\"a\": [1, 2]\n \"b\": 2}";
        let x = explained(text);
        assert_eq!(x.message, "a comma is missing after `]`");
        assert_eq!(&text[x.span], "]");
    }

    #[test]
    fn a_missing_comma_on_one_line_is_not_a_quote() {
        let text = "{\"a\": \"x\" \"b\": 1}";
        assert_eq!(explained(text).message, "a comma is missing after `\"x\"`");
    }

    #[test]
    fn each_common_mistake_gets_its_words() {
        for (text, message) in [
            (
                "{\"a\": [1,]}",
                "a comma after the last item of an object or list",
            ),
            (
                "{\"a\": 1,}",
                "a comma after the last item of an object or list",
            ),
            (
                "{\"a\": 1, // c\n\"b\": 2}",
                "comments are not allowed in JSON",
            ),
            ("{\"a\": 'PE'}", "text in single quotes: `'PE'`"),
            (
                "{country: \"PE\"}",
                "a field name without double quotes: `country`",
            ),
            ("{\"a\": True}", "`True` is not a JSON value"),
            (
                "{\"a\" 1}",
                "a colon is missing after the field name `\"a\"`",
            ),
            ("{\"a\": 1}}", "more text after the end of the JSON"),
            ("{\"a\": 1", "the file ends before this `{` is closed"),
            ("{\"a\": \"x\\q\"}", "`\\q` is not an escape JSON knows"),
            ("{\"a\": \"x\ty\"}", "a tab inside text (U+0009)"),
            ("{\"a\": \"x\ny\"}", "a line break inside text (U+000A)"),
            (
                "{\"a\":\u{a0}1}",
                "an unusual space character (U+00A0) between items",
            ),
            ("{\"a\": .5}", "`.5` is not a number JSON allows"),
            ("{\"a\": 1,, \"b\": 2}", "a comma where a value belongs"),
        ] {
            let x = explained(text);
            assert_eq!(x.message, message, "{text:?}");
            assert!(
                x.span.end <= text.len() && x.span.start <= x.span.end,
                "{text:?}"
            );
            assert!(!x.help.contains("RFC"), "{text:?}");
        }
    }

    #[test]
    fn help_says_what_to_type() {
        assert_eq!(
            explained("{\"a\": 'PE'}").help,
            "JSON needs double quotes: `\"PE\"`"
        );
        assert_eq!(explained("{country: 1}").help, "write `\"country\"`");
        assert!(explained("{\"a\": None}").help.starts_with("write `null`"));
    }

    #[test]
    fn long_tokens_are_cut() {
        let word = "x".repeat(100);
        let x = explained(&format!("{{\"a\": {word}}}"));
        assert!(x.message.chars().count() < 60, "{}", x.message);
        assert!(x.message.contains('…'));
    }

    #[test]
    fn never_panics_at_the_edges() {
        for text in [
            "",
            " ",
            "\"",
            "{\"",
            "{\"a\":",
            "[",
            "]",
            "{\"a\": \"\\",
            "é\"",
            "\"é\" x",
        ] {
            if let Err(e) = crate::json::parse(text, 32) {
                let x = explain(text, &e);
                assert!(x.span.end <= text.len(), "{text:?}");
                assert!(text.is_char_boundary(x.span.start) && text.is_char_boundary(x.span.end));
            }
        }
    }
}
