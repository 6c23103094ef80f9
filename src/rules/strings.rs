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

const fn classes_of(b: u8) -> u8 {
    let mut c = 0;
    if b < 0x20 || b == 0x7f {
        c |= class::CONTROL;
    }
    if b == b'<' || b == b'&' {
        c |= class::MARKUP;
    }
    if b == 0xc2 || b == 0xd8 || b == 0xe2 || b == 0xef {
        c |= class::HIDDEN_LEAD;
    }
    if b >= 0xcc && b != 0xff {
        c |= class::NFC_LEAD;
    }
    c
}

static CLASSES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = classes_of(i as u8);
        i += 1;
    }
    t
};

impl<'s> Text<'s> {
    /// Classify a string's bytes in one pass.
    pub fn scan(s: &'s str) -> Self {
        let mut classes = 0;
        for &b in s.as_bytes() {
            classes |= CLASSES[b as usize];
        }
        Text { s, classes }
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
