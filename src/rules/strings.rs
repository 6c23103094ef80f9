//! The one walk over every string of a file that the text rules share: each string's path
//! (made into a pointer only when a rule reports something there) and the classes of its
//! bytes, found in one pass, so that a rule passes over strings that cannot break it.

use serde_json::Value;

use crate::json::Pointer;

/// A string with what one pass over its bytes says of it, so that each text rule can pass
/// over strings that cannot break it without scanning them again.
#[derive(Clone, Copy, Debug)]
pub struct Text<'s> {
    pub s: &'s str,
    /// The union of the [`class`] bits of its bytes.
    pub classes: u8,
    /// Whether its first or last character is white space (which a blank string's is).
    pub space_at_edge: bool,
}

/// Byte classes.
pub mod class {
    /// An ASCII control byte (below 0x20, or 0x7F).
    pub const CONTROL: u8 = 1;
    /// `<` or `&`, which start HTML markup.
    pub const MARKUP: u8 = 2;
    /// A lead byte of a character that may be hidden: 0xC2 (C1 controls, soft hyphen), 0xD8
    /// (Arabic letter mark), 0xE2 (zero-width and directional characters), 0xEF (BOM).
    pub const HIDDEN_LEAD: u8 = 4;
    /// A lead byte of a character at or above U+0300, where NFC can change text.
    pub const NFC_LEAD: u8 = 8;
}

/// The classes of one byte, with no branch, so that a block of bytes is classified at once.
#[inline(always)]
fn classes_of(b: u8) -> u8 {
    let control = (b < 0x20) | (b == 0x7f);
    let markup = (b == b'<') | (b == b'&');
    let hidden_lead = (b == 0xc2) | (b == 0xd8) | (b == 0xe2) | (b == 0xef);
    let nfc_lead = (b >= 0xcc) & (b != 0xff);
    let bit = |set: bool, class: u8| if set { class } else { 0 };
    bit(control, class::CONTROL)
        | bit(markup, class::MARKUP)
        | bit(hidden_lead, class::HIDDEN_LEAD)
        | bit(nfc_lead, class::NFC_LEAD)
}

impl<'s> Text<'s> {
    /// Classify a string's bytes in one pass.
    pub fn scan(s: &'s str) -> Self {
        // Asked of each byte with comparisons rather than the table, the union is taken many
        // bytes at a time.
        let classes = crate::bytes::union(s.as_bytes(), b'a', classes_of);
        let space_at_edge = s.starts_with(char::is_whitespace) || s.ends_with(char::is_whitespace);
        Text {
            s,
            classes,
            space_at_edge,
        }
    }

    pub fn has(&self, c: u8) -> bool {
        self.classes & c != 0
    }
}

/// One step of a path into a JSON value.
#[derive(Clone, Copy, Debug)]
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// The path to a value, as a stack of steps; the JSON pointer is only built when a rule has
/// something to report there.
pub struct JsonPath<'a, 'p> {
    segs: &'p [Seg<'a>],
}

impl JsonPath<'_, '_> {
    pub fn pointer(&self) -> Pointer {
        let mut p = Pointer::ROOT;
        for s in self.segs {
            match s {
                Seg::Key(k) => p.push_key(k),
                Seg::Index(i) => p.push_index(*i),
            }
        }
        p
    }
}

/// Call `f` with every string in a JSON value and the path to it.
pub fn visit_strings<'v>(value: &'v Value, f: &mut dyn FnMut(&JsonPath<'v, '_>, &'v str)) {
    fn walk<'v>(
        v: &'v Value,
        stack: &mut Vec<Seg<'v>>,
        f: &mut dyn FnMut(&JsonPath<'v, '_>, &'v str),
    ) {
        match v {
            Value::String(s) => f(&JsonPath { segs: stack }, s),
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    stack.push(Seg::Index(i));
                    walk(x, stack, f);
                    stack.pop();
                }
            }
            Value::Object(o) => {
                for (k, x) in o {
                    stack.push(Seg::Key(k));
                    walk(x, stack, f);
                    stack.pop();
                }
            }
            _ => {}
        }
    }
    walk(value, &mut Vec::with_capacity(8), f);
}

#[cfg(test)]
mod tests {
    use super::{Text, class};

    #[test]
    fn classes_of_each_kind_of_byte() {
        let long = "The children’s report, page 959, and a little more text than a block";
        for (s, want) in [
            ("", 0),
            (long, class::HIDDEN_LEAD | class::NFC_LEAD),
            ("Fundación", 0),
            ("a\tb", class::CONTROL),
            ("a\u{7f}b", class::CONTROL),
            ("Peru &amp; Bolivia", class::MARKUP),
            ("<br>", class::MARKUP),
            ("Peru\u{301}", class::NFC_LEAD),
            ("soft\u{ad}hyphen", class::HIDDEN_LEAD),
            ("\u{61c}", class::HIDDEN_LEAD | class::NFC_LEAD),
            ("\u{feff}", class::HIDDEN_LEAD | class::NFC_LEAD),
        ] {
            assert_eq!(Text::scan(s).classes, want, "{s:?}");
            let at_end = format!("{long}{s}");
            let both = Text::scan(long).classes | want;
            assert_eq!(Text::scan(&at_end).classes, both, "{s:?} after {long:?}");
        }
    }
}
