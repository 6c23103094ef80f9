//! The way back from a JSON pointer to the exact bytes of a file it names: a scan of the
//! text along the pointer's path that skips what it does not descend into, without building a
//! tree, so locating a finding costs a pass over part of one file, however large the file.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

use super::pointer::Pointer;

/// Which part of the thing a pointer names a diagnostic should underline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// The value itself.
    Value,
    /// The key naming the value (for an unexpected field).
    Key,
    /// The opening of the object or array (for something missing from it): its key when it
    /// has one, else its opening bracket.
    Opening,
    /// Part of a string value: the bytes `start..end` of the string as decoded, found in the
    /// file's text however the string escapes them.
    Part { start: u32, end: u32 },
}

/// A file's JSON text, ready for finding where pointers lead. Objects with many keys are
/// indexed the first time a pointer passes through them, so many findings in one large object
/// cost one pass over it, not one each.
pub struct Tree<'a> {
    text: &'a [u8],
    /// For objects with many keys, by where they open: each key's span and its value's start
    /// (the last of duplicate keys wins: it is the one consumers see).
    keys: RefCell<HashMap<usize, KeyIndex>>,
}

/// An object's keys: each key's span and where its value starts.
type KeyIndex = HashMap<Box<str>, (Range<usize>, usize)>;

/// Objects with fewer keys are searched directly: indexing them would cost more.
const INDEX_FROM: usize = 16;

impl<'a> Tree<'a> {
    /// The text is the file's JSON body (after any byte-order mark). It was parsed strictly
    /// before; if it is not JSON after all, locating falls back to the nearest place found.
    pub fn new(text: &'a str) -> Self {
        Tree {
            text: text.as_bytes(),
            keys: RefCell::new(HashMap::new()),
        }
    }

    /// The bytes that `pointer` and `target` name; the deepest ancestor that exists when the
    /// pointer leads nowhere, and nothing (0..0) when the text holds no value.
    pub fn locate(&self, pointer: &Pointer, target: Target) -> Range<usize> {
        let t = self.text;
        let Some(mut value) = skip_ws(t, 0).filter(|&i| i < t.len()) else {
            return 0..0;
        };
        let mut key: Option<Range<usize>> = None;
        for token in pointer.tokens() {
            let next = match t.get(value) {
                Some(b'{') => self.member(value, &token).map(|(k, v)| (Some(k), v)),
                Some(b'[') => token
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| element(t, value, i))
                    .map(|v| (None, v)),
                _ => None,
            };
            let next = next.filter(|(_, v)| *v < t.len());
            match next {
                Some((k, v)) => {
                    key = k;
                    value = v;
                }
                None => break,
            }
        }
        let end = skip_value(t, value).unwrap_or(t.len()).min(t.len());
        match target {
            Target::Value => value..end,
            Target::Key => key.unwrap_or(value..end),
            Target::Opening => key.unwrap_or(value..(value + 1).min(t.len())),
            Target::Part { start, end: stop } => {
                part(t, value..end, start as usize, stop as usize).unwrap_or(value..end)
            }
        }
    }

    /// The key span and value start of the member named `name` of the object opening at `at`.
    fn member(&self, at: usize, name: &str) -> Option<(Range<usize>, usize)> {
        if let Some(index) = self.keys.borrow().get(&at) {
            return index.get(name).cloned();
        }
        let members = members(self.text, at);
        if members.len() >= INDEX_FROM {
            let index: KeyIndex = members
                .iter()
                .map(|(k, v)| (Box::from(key_text(self.text, k).as_ref()), (k.clone(), *v)))
                .collect();
            let found = index.get(name).cloned();
            self.keys.borrow_mut().insert(at, index);
            return found;
        }
        members
            .into_iter()
            .rev()
            .find(|(k, _)| key_text(self.text, k) == name)
    }
}

/// The first byte at or after `i` that is not JSON white space.
fn skip_ws(t: &[u8], mut i: usize) -> Option<usize> {
    while i < t.len() && matches!(t[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    Some(i)
}

/// The end of the string whose opening quote is at `i` (just past its closing quote).
fn skip_string(t: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    loop {
        j += memchr::memchr2(b'"', b'\\', t.get(j..)?)?;
        if t[j] == b'\\' {
            j += 2;
        } else {
            return Some(j + 1);
        }
    }
}

/// The end of the value starting at `i`.
fn skip_value(t: &[u8], i: usize) -> Option<usize> {
    match *t.get(i)? {
        b'"' => skip_string(t, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            loop {
                j += t
                    .get(j..)?
                    .iter()
                    .position(|b| matches!(b, b'"' | b'{' | b'}' | b'[' | b']'))?;
                match t[j] {
                    b'"' => j = skip_string(t, j)?,
                    b'{' | b'[' => {
                        depth += 1;
                        j += 1;
                    }
                    _ => {
                        depth = depth.checked_sub(1)?;
                        j += 1;
                        if depth == 0 {
                            return Some(j);
                        }
                    }
                }
            }
        }
        _ => {
            let len = t[i..]
                .iter()
                .position(|b| matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))
                .unwrap_or(t.len() - i);
            Some(i + len)
        }
    }
}

/// The members of the object opening at `at`: each key's span (with its quotes) and where its
/// value starts, in order.
fn members(t: &[u8], at: usize) -> Vec<(Range<usize>, usize)> {
    let mut out = Vec::new();
    let Some(mut i) = skip_ws(t, at + 1) else {
        return out;
    };
    while i < t.len() && t[i] == b'"' {
        let Some(key_end) = skip_string(t, i) else {
            break;
        };
        let Some(colon) = skip_ws(t, key_end).filter(|&c| t.get(c) == Some(&b':')) else {
            break;
        };
        let Some(v) = skip_ws(t, colon + 1) else {
            break;
        };
        out.push((i..key_end, v));
        let Some(after) = skip_value(t, v).and_then(|e| skip_ws(t, e)) else {
            break;
        };
        match t.get(after) {
            Some(b',') => match skip_ws(t, after + 1) {
                Some(n) => i = n,
                None => break,
            },
            _ => break,
        }
    }
    out
}

/// Where the element `index` of the array opening at `at` starts.
fn element(t: &[u8], at: usize, index: usize) -> Option<usize> {
    let mut i = skip_ws(t, at + 1)?;
    if t.get(i) == Some(&b']') {
        return None;
    }
    for _ in 0..index {
        let after = skip_ws(t, skip_value(t, i)?)?;
        if t.get(after) != Some(&b',') {
            return None;
        }
        i = skip_ws(t, after + 1)?;
    }
    Some(i)
}

/// The raw bytes, within the string literal at `literal`, of the decoded bytes `start..end`.
fn part(t: &[u8], literal: Range<usize>, start: usize, end: usize) -> Option<Range<usize>> {
    if t.get(literal.start) != Some(&b'"') || end < start {
        return None;
    }
    let hex = |at: usize| {
        std::str::from_utf8(t.get(at..at + 4)?)
            .ok()
            .and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    let (mut raw, mut decoded) = (literal.start + 1, 0usize);
    let (mut from, mut to) = (None, None);
    while raw < literal.end.saturating_sub(1) {
        if decoded == start && from.is_none() {
            from = Some(raw);
        }
        if decoded == end {
            to = Some(raw);
            break;
        }
        let (raw_len, decoded_len) = match t[raw] {
            b'\\' if t.get(raw + 1) == Some(&b'u') => {
                let unit = hex(raw + 2)?;
                let low = (0xd800..0xdc00).contains(&unit)
                    && t.get(raw + 6) == Some(&b'\\')
                    && t.get(raw + 7) == Some(&b'u');
                if low {
                    (12, 4)
                } else {
                    (6, char::from_u32(unit).map_or(3, char::len_utf8))
                }
            }
            b'\\' => (2, 1),
            _ => (1, 1),
        };
        raw += raw_len;
        decoded += decoded_len;
    }
    if decoded == end && to.is_none() {
        to = Some(raw);
    }
    if decoded == start && from.is_none() {
        from = Some(raw);
    }
    Some(from?..to?)
}

/// A key as text: its bytes between the quotes, decoded when it holds escapes.
fn key_text<'t>(t: &'t [u8], span: &Range<usize>) -> Cow<'t, str> {
    let raw = &t[span.clone()];
    let inner = &raw[1..raw.len().saturating_sub(1).max(1)];
    if !inner.contains(&b'\\') {
        return String::from_utf8_lossy(inner);
    }
    serde_json::from_slice::<String>(raw)
        .map(Cow::Owned)
        .unwrap_or_else(|_| String::from_utf8_lossy(inner))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_keys_values_and_openings() {
        let text = r#"{"a": {"b": [10, "x~/y"]}, "c~/": 1}"#;
        let tree = Tree::new(text);
        let at = |p: &'static str, t| &text[tree.locate(&Pointer::lit(p), t)];
        assert_eq!(at("/a/b/1", Target::Value), "\"x~/y\"");
        assert_eq!(at("/a/b", Target::Key), "\"b\"");
        assert_eq!(at("/a", Target::Opening), "\"a\"");
        assert_eq!(at("", Target::Opening), "{");
        assert_eq!(at("/c~0~1", Target::Value), "1");
        // A missing member falls back to the deepest ancestor that exists.
        assert_eq!(at("/a/zz", Target::Value), r#"{"b": [10, "x~/y"]}"#);
        assert_eq!(at("/a/b/5", Target::Value), r#"[10, "x~/y"]"#);
    }

    #[test]
    fn strings_with_brackets_quotes_and_escaped_keys() {
        let text = "{\n  \"t\\u0069tle\": \"a \\\"quoted\\\" [x] {y}\",\n  \"n\": [ { \"k\": -1.5e3 } , true ]\n}";
        let tree = Tree::new(text);
        let at = |p: &'static str, t| &text[tree.locate(&Pointer::lit(p), t)];
        assert_eq!(at("/title", Target::Value), "\"a \\\"quoted\\\" [x] {y}\"");
        assert_eq!(at("/n/0/k", Target::Value), "-1.5e3");
        assert_eq!(at("/n/1", Target::Value), "true");
        assert_eq!(at("/n/0", Target::Value), "{ \"k\": -1.5e3 }");
    }

    #[test]
    fn large_objects_are_indexed_and_the_last_duplicate_wins() {
        let mut text = String::from("{");
        for i in 0..40 {
            text.push_str(&format!("\"k{i}\": {i}, "));
        }
        text.push_str("\"k7\": \"again\"}");
        let tree = Tree::new(&text);
        for _ in 0..2 {
            let r = tree.locate(&Pointer::lit("/k7"), Target::Value);
            assert_eq!(&text[r], "\"again\"");
            let r = tree.locate(&Pointer::lit("/k39"), Target::Key);
            assert_eq!(&text[r], "\"k39\"");
        }
        let r = tree.locate(&Pointer::lit("/nope"), Target::Value);
        assert_eq!(&text[r], text.as_str());
        // In a small object too.
        let small = r#"{"a": 1, "a": 2}"#;
        let r = Tree::new(small).locate(&Pointer::lit("/a"), Target::Value);
        assert_eq!(&small[r], "2");
    }

    #[test]
    fn text_that_is_not_json_never_panics() {
        for bad in [
            "",
            "   ",
            "{",
            "[1,",
            "{\"a\"",
            "{\"a\":",
            "\"abc",
            "[[[",
            "{\"a\": [1, 2",
        ] {
            let tree = Tree::new(bad);
            for p in ["", "/a", "/0", "/a/0/b"] {
                let r = tree.locate(&Pointer::from_escaped(p).unwrap(), Target::Value);
                assert!(r.start <= r.end && r.end <= bad.len(), "{bad:?} {p}: {r:?}");
            }
        }
    }

    use proptest::prelude::*;

    fn json() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i32>().prop_map(serde_json::Value::from),
            "[a-z\"\\\\{}\\[\\]~/ é]{0,6}".prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(4, 40, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(serde_json::Value::from),
                prop::collection::btree_map("[a-z~/\"]{0,3}", inner, 0..5)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// Every pointer into the value, with the value it names.
    fn all(v: &serde_json::Value, at: Pointer, out: &mut Vec<(Pointer, serde_json::Value)>) {
        out.push((at.clone(), v.clone()));
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    all(x, at.key(k), out);
                }
            }
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    all(x, at.index(i), out);
                }
            }
            _ => {}
        }
    }

    proptest! {
        /// The bytes located for every pointer parse back to the value the pointer names,
        /// compact or pretty.
        #[test]
        fn located_bytes_are_the_named_value(v in json(), pretty in any::<bool>()) {
            let text = if pretty {
                serde_json::to_string_pretty(&v).unwrap()
            } else {
                serde_json::to_string(&v).unwrap()
            };
            let tree = Tree::new(&text);
            let mut pointers = Vec::new();
            all(&v, Pointer::ROOT, &mut pointers);
            for (p, want) in pointers {
                let got: serde_json::Value =
                    serde_json::from_str(&text[tree.locate(&p, Target::Value)]).unwrap();
                prop_assert_eq!(got, want, "at {}", p);
            }
        }
    }

    #[test]
    fn parts_of_strings_are_found_through_escapes() {
        let text = r#"{"t": "call \u00e9 \"now\" at +51 1 555 0000, \ud83d\ude00 ok"}"#;
        let decoded: serde_json::Value = serde_json::from_str(text).unwrap();
        let s = decoded["t"].as_str().unwrap();
        let tree = Tree::new(text);
        for needle in ["+51 1 555 0000", "\"now\"", "é", "😀", "ok", "call"] {
            let start = s.find(needle).unwrap();
            let target = Target::Part {
                start: start as u32,
                end: (start + needle.len()) as u32,
            };
            let raw = &text[tree.locate(&Pointer::lit("/t"), target)];
            let back: String = serde_json::from_str(&format!("\"{raw}\"")).unwrap();
            assert_eq!(back, needle);
        }
    }
}
