//! Strict JSON parsing that keeps byte spans and sees duplicate keys.
//!
//! Well-formed files take serde_json's fast path, with a visitor that notes duplicate keys and
//! depth. serde_json keeps no positions and silently keeps the last of two duplicate keys, so
//! a file it rejects, or with either fault, is parsed again with jsonc-parser (every leniency
//! off) for spans, and converted to a `serde_json::Value` (last key wins, as every consumer will
//! see it). serde_json has the last word on what is JSON: jsonc-parser still allows some things
//! RFC 8259 does not (Unicode white space between tokens, raw control characters in strings),
//! and a file it accepts but serde_json does not is reported at serde_json's position.

use std::ops::Range;

use jsonc_parser::ast::{self, ObjectPropName};
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, CommentCollectionStrategy, ParseOptions};
use serde::Deserialize;
use std::collections::HashMap;

use serde_json::{Map, Value};

use super::pointer::Pointer;

/// Strict JSON: every JSONC and JSON5 extension the parser knows is turned off. Written out in
/// full, with no `..Default::default()`, so a leniency added upstream cannot slip in unnoticed.
fn strict() -> ParseOptions {
    ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

const COLLECT: CollectOptions = CollectOptions {
    comments: CommentCollectionStrategy::Off,
    tokens: false,
};

/// A parsed file: its value and what the parse noticed on the way.
#[derive(Debug)]
pub struct Parsed {
    pub value: Value,
    pub duplicates: Vec<Duplicate>,
    /// The first value nested deeper than the limit, if any (its subtree is not converted).
    pub too_deep: Option<Range<usize>>,
}

/// A key that appears twice in one object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub key: String,
    /// The object holding the key.
    pub object: Pointer,
    pub first: Range<usize>,
    pub repeat: Range<usize>,
}

/// Text that is not JSON: where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub span: Range<usize>,
    /// The parser's own words, for logs and for faults [`Fault`] has no name for.
    pub message: String,
    /// What kind of mistake it is, for a message in plain words ([`Fault::TooDeep`] is
    /// nesting too deep for the parser, not a syntax error).
    pub fault: Fault,
}

/// The kinds of syntax error a person makes when editing JSON by hand, named by what is wrong
/// rather than by the parser's state, so a message can say what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Two items with nothing between them where a `,` belongs (or a `"` inside a string
    /// that ends it early: the message tells the two apart from the text).
    MissingComma,
    /// A `,` right before a `}` or `]`.
    TrailingComma,
    /// A `,` where a value belongs: two in a row, or one at the start.
    ExtraComma,
    /// A `//` or `/* */` comment.
    Comment,
    /// Text in single quotes.
    SingleQuotes,
    /// An object key without double quotes.
    UnquotedKey,
    /// A word or character that starts no JSON value (`True`, `None`, a stray letter).
    UnexpectedWord,
    /// A key with no `:` after it.
    MissingColon,
    /// A `:` with no value after it.
    MissingValue,
    /// A `:` where none belongs.
    StrayColon,
    /// A `}` or `]` that closes nothing.
    StrayClose,
    /// The text ends before an object, list or string is closed.
    Unclosed,
    /// A string with no closing `"`.
    UnterminatedString,
    /// A backslash followed by something JSON does not define (`\x`, `\'`, a short `\u`).
    BadEscape,
    /// A raw tab, line break or other control character inside a string.
    ControlCharacter,
    /// White space JSON does not allow between tokens (a no-break space, an em space).
    OddWhitespace,
    /// A number written in a form JSON does not allow (`.5`, `+1`, `0x10`, `NaN`).
    BadNumber,
    /// A number no reader can hold.
    NumberOutOfRange,
    /// More text after the one value a file holds.
    TrailingText,
    /// Nothing at all, or nothing but white space.
    Empty,
    /// Nesting deeper than the parser allows.
    TooDeep,
}

impl Fault {
    fn of(kind: &jsonc_parser::errors::ParseErrorKind) -> Fault {
        use jsonc_parser::ParseStringErrorKind as S;
        use jsonc_parser::errors::ParseErrorKind as K;
        match kind {
            K::ExpectedComma | K::UnexpectedTokenInObject => Fault::MissingComma,
            K::TrailingCommasNotAllowed => Fault::TrailingComma,
            K::UnexpectedComma => Fault::ExtraComma,
            K::CommentsNotAllowed | K::UnterminatedCommentBlock => Fault::Comment,
            K::SingleQuotedStringsNotAllowed => Fault::SingleQuotes,
            K::ExpectedStringObjectProperty => Fault::UnquotedKey,
            K::ExpectedColonAfterObjectKey => Fault::MissingColon,
            K::ExpectedObjectValue => Fault::MissingValue,
            K::UnexpectedColon => Fault::StrayColon,
            K::UnexpectedCloseBrace | K::UnexpectedCloseBracket => Fault::StrayClose,
            K::UnterminatedArray | K::UnterminatedObject => Fault::Unclosed,
            K::String(S::UnterminatedStringLiteral) => Fault::UnterminatedString,
            K::String(_) => Fault::BadEscape,
            K::BareDecimalPointNumbersNotAllowed
            | K::ExpectedDigit
            | K::ExpectedDigitFollowingNegativeSign
            | K::ExpectedPlusMinusOrDigitInNumberLiteral
            | K::HexadecimalNumbersNotAllowed
            | K::NonFiniteNumbersNotAllowed
            | K::UnaryPlusNumbersNotAllowed => Fault::BadNumber,
            K::MultipleRootJsonValues => Fault::TrailingText,
            K::NestingDepthExceeded => Fault::TooDeep,
            K::UnexpectedToken | K::UnexpectedWord => Fault::UnexpectedWord,
            // Only with jsonc-parser's serde feature, which is off; the nearest plain kind.
            #[allow(unreachable_patterns)]
            _ => Fault::UnexpectedWord,
        }
    }
}

/// Parse well-formed JSON quickly with serde_json, keeping what the strict parser would: the
/// value (last key wins), and whether a key repeats or nesting passes `max_depth`. `None`
/// when the text is not JSON or has either fault: [`parse`] then says exactly where.
pub fn parse_fast(bytes: &[u8], max_depth: usize) -> Option<Value> {
    use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
    use std::cell::Cell;

    struct Seed<'a> {
        depth: usize,
        max: usize,
        fault: &'a Cell<bool>,
    }

    impl<'de> DeserializeSeed<'de> for Seed<'_> {
        type Value = Value;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Seed<'_> {
        type Value = Value;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a JSON value")
        }
        fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
            Ok(Value::Bool(v))
        }
        fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
            Ok(Value::from(v))
        }
        fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
            Ok(Value::from(v))
        }
        fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
            Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
        }
        fn visit_str<E>(self, v: &str) -> Result<Value, E> {
            Ok(Value::String(v.to_string()))
        }
        fn visit_string<E>(self, v: String) -> Result<Value, E> {
            Ok(Value::String(v))
        }
        fn visit_unit<E>(self) -> Result<Value, E> {
            Ok(Value::Null)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
            if self.depth >= self.max {
                self.fault.set(true);
            }
            let mut out = Vec::new();
            while let Some(v) = seq.next_element_seed(Seed {
                depth: self.depth + 1,
                ..self
            })? {
                out.push(v);
            }
            Ok(Value::Array(out))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
            if self.depth >= self.max {
                self.fault.set(true);
            }
            let mut out = Map::new();
            while let Some(k) = map.next_key::<String>()? {
                let v = map.next_value_seed(Seed {
                    depth: self.depth + 1,
                    ..self
                })?;
                if out.insert(k, v).is_some() {
                    self.fault.set(true);
                }
            }
            Ok(Value::Object(out))
        }
    }

    let fault = Cell::new(false);
    // The whole text checked as UTF-8 at once, then read as text: read from bytes, serde_json
    // checks each string on its own, which cost more than the check of the whole file (a
    // sixteenth of a check's instructions on records with many short strings). The two accept
    // the same files: a byte outside ASCII is an error outside a string either way, and this
    // seed reads every string (were one skipped, read from bytes it would not be checked).
    let text = simdutf8::basic::from_utf8(bytes).ok()?;
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Seed {
        depth: 0,
        max: max_depth,
        fault: &fault,
    }
    .deserialize(&mut de)
    .ok()?;
    de.end().ok()?;
    (!fault.get()).then_some(value)
}

/// Parse `text` as strict JSON, converting at most `max_depth` levels of nesting.
pub fn parse(text: &str, max_depth: usize) -> Result<Parsed, SyntaxError> {
    let root = parse_ast(text)?;
    let mut conv = Converter {
        max_depth,
        duplicates: Vec::new(),
        too_deep: None,
        out_of_range: None,
        pointer: Pointer::ROOT,
    };
    let value = conv.value(&root, 0);
    if let Some(span) = conv.out_of_range {
        return Err(SyntaxError {
            span,
            message: "number out of the range any reader can hold".into(),
            fault: Fault::NumberOutOfRange,
        });
    }
    Ok(Parsed {
        value,
        duplicates: conv.duplicates,
        too_deep: conv.too_deep,
    })
}

/// The syntax tree of strict JSON text, or its first syntax error.
pub fn parse_ast(text: &str) -> Result<ast::Value<'_>, SyntaxError> {
    let value = jsonc_ast(text)?;
    if let Some(e) = not_json(text) {
        return Err(e);
    }
    value.ok_or(SyntaxError {
        span: 0..0,
        message: "expected a JSON value".into(),
        fault: Fault::Empty,
    })
}

/// jsonc-parser's tree with every leniency off; what it still accepts that JSON does not is
/// [`not_json`]'s to find.
pub(super) fn jsonc_ast(text: &str) -> Result<Option<ast::Value<'_>>, SyntaxError> {
    let result = jsonc_parser::parse_to_ast(text, &COLLECT, &strict()).map_err(|e| {
        let r = e.range();
        SyntaxError {
            span: r.start..r.end.max(r.start),
            message: lower_first(&e.kind().to_string()),
            fault: Fault::of(e.kind()),
        }
    })?;
    Ok(result.value)
}

/// What serde_json, which follows RFC 8259 exactly, finds wrong with text the strict
/// jsonc-parser accepted: white space other than space, tab, CR and LF between tokens, or a
/// raw control character inside a string. Its depth limit is not a syntax error.
fn not_json(text: &str) -> Option<SyntaxError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let e = match serde::de::IgnoredAny::deserialize(&mut de).and_then(|_| de.end()) {
        Ok(()) => return None,
        Err(e) => e,
    };
    let syntax = matches!(
        e.classify(),
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof
    );
    // Its own depth limit (128) is not a fault of the text: nesting is the converter's to judge.
    if !syntax || e.to_string().starts_with("recursion limit exceeded") {
        return None;
    }
    // serde_json counts lines from 1 and columns in bytes from 1.
    let line_start: usize = text
        .split_inclusive('\n')
        .take(e.line().saturating_sub(1))
        .map(str::len)
        .sum();
    let mut at = (line_start + e.column().saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let message = e.to_string();
    let control = message.starts_with("control character");
    // For a control character in a string serde_json stops just before it: point at it.
    if control
        && let Some(k) = text.as_bytes()[at.saturating_sub(1)..]
            .iter()
            .position(|b| *b < 0x20)
    {
        at = at.saturating_sub(1) + k;
    }
    let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_string();
    let fault = if control {
        Fault::ControlCharacter
    } else if message.contains("escape") || message.contains("surrogate") {
        Fault::BadEscape
    } else if text[at..].starts_with(char::is_whitespace) {
        Fault::OddWhitespace
    } else {
        Fault::UnexpectedWord
    };
    Some(SyntaxError {
        span: at..end,
        message,
        fault,
    })
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

struct Converter {
    max_depth: usize,
    duplicates: Vec<Duplicate>,
    too_deep: Option<Range<usize>>,
    /// The first number no reader can hold (out of the range of a double).
    out_of_range: Option<Range<usize>>,
    pointer: Pointer,
}

impl Converter {
    fn value(&mut self, v: &ast::Value<'_>, depth: usize) -> Value {
        match v {
            ast::Value::StringLit(s) => Value::String(s.value.to_string()),
            ast::Value::NumberLit(n) => n
                .value
                .parse::<serde_json::Number>()
                .map(Value::Number)
                .unwrap_or_else(|_| {
                    // Strict mode only lets JSON numbers through; one out of a double's range
                    // cannot be read by any consumer, so it is an error.
                    if self.out_of_range.is_none() {
                        self.out_of_range = Some(n.range.start..n.range.end);
                    }
                    Value::Null
                }),
            ast::Value::BooleanLit(b) => Value::Bool(b.value),
            ast::Value::NullKeyword(_) => Value::Null,
            ast::Value::Object(_) | ast::Value::Array(_) if depth >= self.max_depth => {
                if self.too_deep.is_none() {
                    let r = v.range();
                    self.too_deep = Some(r.start..r.end);
                }
                Value::Null
            }
            ast::Value::Object(o) => {
                let mut map = Map::new();
                // Each key's first place: a repeat is reported against it, in constant time
                // however many keys the object has.
                let mut seen: HashMap<&str, Range<usize>> =
                    HashMap::with_capacity(o.properties.len());
                for p in &o.properties {
                    let key = p.name.as_str();
                    let span = name_range(&p.name);
                    match seen.entry(key) {
                        std::collections::hash_map::Entry::Occupied(first) => {
                            self.duplicates.push(Duplicate {
                                key: key.to_string(),
                                object: self.pointer.clone(),
                                first: first.get().clone(),
                                repeat: span.clone(),
                            });
                        }
                        std::collections::hash_map::Entry::Vacant(slot) => {
                            slot.insert(span);
                        }
                    }
                    let len = self.pointer.len();
                    self.pointer.push_key(key);
                    let child = self.value(&p.value, depth + 1);
                    self.pointer.truncate(len);
                    map.insert(key.to_string(), child);
                }
                Value::Object(map)
            }
            ast::Value::Array(a) => {
                let mut out = Vec::with_capacity(a.elements.len());
                for (i, e) in a.elements.iter().enumerate() {
                    let len = self.pointer.len();
                    self.pointer.push_index(i);
                    out.push(self.value(e, depth + 1));
                    self.pointer.truncate(len);
                }
                Value::Array(out)
            }
        }
    }
}

pub(super) fn name_range(n: &ObjectPropName<'_>) -> Range<usize> {
    let r = match n {
        ObjectPropName::String(s) => s.range,
        ObjectPropName::Word(w) => w.range,
    };
    r.start..r.end
}

/// The keys of every object in `text` in document order, by the object's JSON pointer.
/// serde_json maps are sorted, so this is how the schemas' property order (the canonical key
/// order of dataset files) is read.
pub fn key_orders(text: &str) -> Result<HashMap<Pointer, Vec<String>>, SyntaxError> {
    fn walk(v: &ast::Value<'_>, pointer: &mut Pointer, out: &mut HashMap<Pointer, Vec<String>>) {
        match v {
            ast::Value::Object(o) => {
                out.insert(
                    pointer.clone(),
                    o.properties
                        .iter()
                        .map(|p| p.name.as_str().to_string())
                        .collect(),
                );
                for p in &o.properties {
                    let len = pointer.len();
                    pointer.push_key(p.name.as_str());
                    walk(&p.value, pointer, out);
                    pointer.truncate(len);
                }
            }
            ast::Value::Array(a) => {
                for (i, e) in a.elements.iter().enumerate() {
                    let len = pointer.len();
                    pointer.push_index(i);
                    walk(e, pointer, out);
                    pointer.truncate(len);
                }
            }
            _ => {}
        }
    }
    let root = parse_ast(text)?;
    let mut out = HashMap::new();
    walk(&root, &mut Pointer::default(), &mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Parsed {
        parse(text, 64).expect("valid JSON")
    }

    #[test]
    fn converts_values() {
        let p = ok(r#"{"a": [1, 2.5, "x", true, null], "b": {"c": -3}}"#);
        assert_eq!(
            p.value,
            serde_json::json!({"a": [1, 2.5, "x", true, null], "b": {"c": -3}})
        );
        assert!(p.duplicates.is_empty());
    }

    #[test]
    fn sees_duplicate_keys_and_keeps_the_last() {
        let text = r#"{"x": {"k": 1, "k": 2}}"#;
        let p = ok(text);
        assert_eq!(p.value["x"]["k"], 2);
        let d = &p.duplicates[0];
        assert_eq!((d.key.as_str(), d.object.as_str()), ("k", "/x"));
        assert_eq!(&text[d.first.clone()], "\"k\"");
        assert_eq!(d.first.start, 7);
        assert_eq!(d.repeat.start, 15);
    }

    #[test]
    fn the_fast_path_agrees_or_steps_aside() {
        let text = r#"{"a": [1, 2.5, "é\u00e9", true, null, -0, 1e300], "b": {"c": -3}}"#;
        assert_eq!(parse_fast(text.as_bytes(), 64), Some(ok(text).value));
        for bad in [
            "{\"a\": 1, \"a\": 2}",
            "[1e400]",
            "[[[1]]]",
            "{\"a\": 1,}",
            "\u{feff}{}",
            "{} {}",
            "",
            "[1] x",
        ] {
            assert_eq!(parse_fast(bad.as_bytes(), 2), None, "{bad:?}");
        }
        assert_eq!(parse_fast(b"[[1]]", 2), Some(serde_json::json!([[1]])));
        // Bytes that are not UTF-8, in a string or outside one, and an escape that names half
        // a surrogate pair: the fast path steps aside, and the strict path says what is wrong.
        for bad in [
            &b"{\"a\": \"x\xff\"}"[..],
            b"{\"a\": \"\xc3\"}",
            b"{\"a\": 1}\xff",
            b"\xe9",
            b"[\"\\ud800\"]",
        ] {
            assert_eq!(
                parse_fast(bad, 64),
                None,
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
        assert!(parse(r#"["\ud800"]"#, 64).is_err());
        // A pair of surrogate escapes is one character, on both paths.
        let pair = r#"["\ud83d\ude00"]"#;
        assert_eq!(parse_fast(pair.as_bytes(), 64), Some(ok(pair).value));
    }

    #[test]
    fn rejects_every_leniency() {
        for bad in [
            "{\"a\": 1,}",
            "// c\n{}",
            "{'a': 1}",
            "{a: 1}",
            "[0x10]",
            "[+1]",
            "[.5]",
            "[NaN]",
            "[1 2]",
            "{\"a\": \"\\x41\"}",
            "{} {}",
            "",
            "{\"a\":\u{a0}1}",
            "{\"a\": \"x\ty\"}",
            "{\"a\": \"x\u{1}\"}",
            "[1e400]",
            "[\u{2003}1]",
        ] {
            assert!(parse(bad, 64).is_err(), "accepted {bad:?}");
        }
    }

    #[test]
    fn reports_the_position_of_a_syntax_error() {
        let text = "{\n  \"a\": 1,\n  \"b\" 2\n}";
        let e = parse(text, 64).unwrap_err();
        assert_eq!(
            e.message,
            "expected colon after the string or word in object property"
        );
        assert!(
            text[e.span.start..].starts_with('2') || text[..e.span.start].ends_with("\"b\""),
            "{e:?}"
        );
    }

    #[test]
    fn what_only_serde_json_rejects_is_reported_where_it_is() {
        let text = "{\n  \"a\": 1,\n\u{a0} \"b\": 2\n}";
        let e = parse(text, 64).unwrap_err();
        assert_eq!(&text[e.span.clone()], "\u{a0}", "{e:?}");
        let e = parse("[\"x\ty\"]", 64).unwrap_err();
        assert!(e.message.contains("control character"), "{e:?}");
    }

    #[test]
    fn nesting_past_the_parser_limit_is_too_deep_not_invalid() {
        let text = format!("{}{}", "[".repeat(600), "]".repeat(600));
        let e = parse(&text, 32).unwrap_err();
        assert_eq!(e.fault, Fault::TooDeep, "{e:?}");
        // Past serde_json's own limit (128) but within the parser's: the converter judges.
        let text = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(parse(&text, 32).unwrap().too_deep.is_some());
    }

    #[test]
    fn limits_nesting() {
        let text = "[[[[1]]]]";
        let p = parse(text, 2).unwrap();
        assert_eq!(p.too_deep, Some(2..7));
        assert_eq!(p.value, serde_json::json!([[null]]));
        assert!(parse(text, 4).unwrap().too_deep.is_none());
    }

    #[test]
    fn reads_key_order() {
        let o = key_orders(r#"{"z": 1, "a": {"y": [{"q": 1, "b": 2}], "x": 2}}"#).unwrap();
        assert_eq!(o[&Pointer::ROOT], ["z", "a"]);
        assert_eq!(o[&Pointer::lit("/a")], ["y", "x"]);
        assert_eq!(o[&Pointer::lit("/a/y/0")], ["q", "b"]);
    }
}
