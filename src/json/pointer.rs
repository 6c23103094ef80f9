//! JSON pointers (RFC 6901): the one way the crate names a place in a JSON value. Keys are
//! escaped when a pointer is built (`~` as `~0`, `/` as `~1`), so no caller can forget to.

use std::borrow::Cow;
use std::fmt;

/// A JSON pointer, kept in its escaped form: `""` for the whole document, `/excerpts/0/text`
/// for a value inside it. Pointers written out in the source are borrowed, so naming a fixed
/// field costs no allocation.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pointer(Cow<'static, str>);

/// Text that is not an escaped JSON pointer.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a JSON pointer")]
pub struct InvalidPointer(pub String);

/// Whether `s` is an escaped pointer: empty, or `/` tokens in which `~` is always followed by
/// `0` or `1`.
const fn well_formed(s: &str) -> bool {
    let b = s.as_bytes();
    if !b.is_empty() && b[0] != b'/' {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'~' && (i + 1 >= b.len() || (b[i + 1] != b'0' && b[i + 1] != b'1')) {
            return false;
        }
        i += 1;
    }
    true
}

impl Pointer {
    /// Copy an owned pointer into a fresh allocation made on the calling thread (see
    /// [`Diagnostic::settle`](crate::diag::Diagnostic::settle) for why).
    pub fn settle(&mut self) {
        if let Cow::Owned(s) = &self.0 {
            self.0 = Cow::Owned(s.as_str().to_owned());
        }
    }

    /// The whole document.
    pub const ROOT: Pointer = Pointer(Cow::Borrowed(""));

    /// A pointer written out in the source, such as `"/published/date"`. It must already be
    /// escaped; a malformed one is a bug and panics (at compile time in a `const`).
    pub const fn lit(s: &'static str) -> Pointer {
        assert!(well_formed(s), "not an escaped JSON pointer");
        Pointer(Cow::Borrowed(s))
    }

    /// A pointer from text that is already escaped (from a validator or a file), checked.
    pub fn from_escaped(s: impl Into<String>) -> Result<Pointer, InvalidPointer> {
        let s = s.into();
        if well_formed(&s) {
            Ok(Pointer(Cow::Owned(s)))
        } else {
            Err(InvalidPointer(s))
        }
    }

    /// A pointer from its unescaped reference tokens.
    pub fn from_tokens<'t>(tokens: impl IntoIterator<Item = &'t str>) -> Pointer {
        let mut p = Pointer::ROOT;
        for t in tokens {
            p.push_key(t);
        }
        p
    }

    /// This pointer with one more key.
    pub fn key(&self, key: &str) -> Pointer {
        let mut p = self.clone();
        p.push_key(key);
        p
    }

    /// This pointer with one more array index.
    pub fn index(&self, index: usize) -> Pointer {
        let mut p = self.clone();
        p.push_index(index);
        p
    }

    /// Append a key, escaping it.
    pub fn push_key(&mut self, key: &str) {
        let s = self.0.to_mut();
        s.reserve(key.len() + 1);
        s.push('/');
        for c in key.chars() {
            match c {
                '~' => s.push_str("~0"),
                '/' => s.push_str("~1"),
                c => s.push(c),
            }
        }
    }

    /// Append an array index.
    pub fn push_index(&mut self, index: usize) {
        use std::fmt::Write as _;
        let s = self.0.to_mut();
        let _ = write!(s, "/{index}");
    }

    /// The length of the escaped form, to [`truncate`](Self::truncate) back to after a walk
    /// has pushed tokens.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether this is the whole document.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Drop the tokens pushed since the escaped form was `len` bytes long.
    pub fn truncate(&mut self, len: usize) {
        if len < self.0.len() {
            self.0.to_mut().truncate(len);
        }
    }

    /// The escaped form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The unescaped reference tokens.
    pub fn tokens(&self) -> impl Iterator<Item = Cow<'_, str>> {
        self.0.split('/').skip(1).map(|t| {
            if t.contains('~') {
                Cow::Owned(t.replace("~1", "/").replace("~0", "~"))
            } else {
                Cow::Borrowed(t)
            }
        })
    }

    /// The place as people read it: `excerpts[0].text`.
    pub fn field_path(&self) -> String {
        let mut s = String::new();
        for t in self.tokens() {
            if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
                s.push('[');
                s.push_str(&t);
                s.push(']');
            } else {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(&t);
            }
        }
        s
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl serde::Serialize for Pointer {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_escaped_and_tokens_unescaped() {
        let p = Pointer::ROOT.key("a/b").key("m~n").index(3);
        assert_eq!(p.as_str(), "/a~1b/m~0n/3");
        assert_eq!(p.tokens().collect::<Vec<_>>(), ["a/b", "m~n", "3"]);
        assert_eq!(Pointer::from_tokens(["a/b", "m~n", "3"]), p);
        assert_eq!(p.field_path(), "a/b.m~n[3]");
    }

    #[test]
    fn walks_push_and_truncate() {
        let mut p = Pointer::lit("/excerpts");
        let len = p.len();
        p.push_index(0);
        p.push_key("text");
        assert_eq!(p.field_path(), "excerpts[0].text");
        p.truncate(len);
        assert_eq!(p, Pointer::lit("/excerpts"));
    }

    #[test]
    fn only_escaped_text_is_a_pointer() {
        assert!(Pointer::from_escaped("/a~1b/c~0").is_ok());
        assert!(Pointer::from_escaped("").is_ok());
        for bad in ["a", "/a~", "/a~2", "/~x"] {
            assert_eq!(
                Pointer::from_escaped(bad),
                Err(InvalidPointer(bad.into())),
                "{bad}"
            );
        }
    }

    #[test]
    #[should_panic(expected = "not an escaped JSON pointer")]
    fn a_malformed_literal_is_a_bug() {
        let _ = Pointer::lit(std::hint::black_box("/a~b"));
    }
}
