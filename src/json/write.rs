//! JSON text written into a buffer byte for byte as serde_json's `Serializer` writes it, given
//! the same `Formatter`, but with strings scanned for what needs escaping a block at a time.
//!
//! serde_json asks each byte of a string whether it must be escaped, one at a time; a release
//! writes every record three times as JSON (the document, the NDJSON line and the CSL item), and
//! that one loop was the largest cost of the release outside SQLite and SHA-256 (380 M of
//! 3,590 M instructions on 10,000 copies of the shipped records, bench/NOTES.md). Here a string
//! is asked 32 bytes at a time ([`crate::bytes::find`]) and copied in runs between escapes.
//! Layout (indentation, separators) stays with the `Formatter`, so the pretty printer the
//! release starts at a depth and serde_json's compact one work unchanged. The tests compare
//! every output with serde_json's.

use serde::ser::{self, Impossible, Serialize};
use serde_json::Error;
use serde_json::ser::{CharEscape, Formatter};

type Result<T> = std::result::Result<T, Error>;

/// Write `value` as JSON at the end of `out`, laid out by `formatter`.
pub fn write_with<F: Formatter, T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    formatter: F,
    value: &T,
) -> Result<()> {
    value.serialize(&mut Writer { out, formatter })
}

/// Write `value` as compact JSON at the end of `out`, as `serde_json::to_writer` would.
pub fn write_compact<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<()> {
    write_with(out, serde_json::ser::CompactFormatter, value)
}

/// The serializer: a buffer and the formatter that lays out what goes into it. Writing into a
/// `Vec` cannot fail, so the formatter's I/O errors are only passed on.
struct Writer<'a, F> {
    out: &'a mut Vec<u8>,
    formatter: F,
}

/// Whether a byte of a string must be escaped in JSON: the quote, the backslash and the
/// control characters below a space (serde_json leaves DEL and everything above as it is).
#[inline(always)]
fn escaped(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// The escape serde_json writes for a byte that [`escaped`] picks out.
fn escape(b: u8) -> CharEscape {
    match b {
        b'"' => CharEscape::Quote,
        b'\\' => CharEscape::ReverseSolidus,
        0x08 => CharEscape::Backspace,
        b'\t' => CharEscape::Tab,
        b'\n' => CharEscape::LineFeed,
        0x0c => CharEscape::FormFeed,
        b'\r' => CharEscape::CarriageReturn,
        other => CharEscape::AsciiControl(other),
    }
}

/// The `serialize_*` methods of the booleans and integers: each hands its value to the
/// formatter's `write_*` method of the same type, through `$via` (the serializer's own way of
/// writing a scalar).
macro_rules! scalars {
    ($via:ident) => {
        scalars!(@each $via
            serialize_bool write_bool bool, serialize_i8 write_i8 i8,
            serialize_i16 write_i16 i16, serialize_i32 write_i32 i32,
            serialize_i64 write_i64 i64, serialize_i128 write_i128 i128,
            serialize_u8 write_u8 u8, serialize_u16 write_u16 u16,
            serialize_u32 write_u32 u32, serialize_u64 write_u64 u64,
            serialize_u128 write_u128 u128);
    };
    (@each $via:ident $($method:ident $write:ident $t:ty),*) => {
        $(fn $method(self, v: $t) -> Result<()> {
            self.$via(|f, out| f.$write(out, v))
        })*
    };
}

/// A sequence's `Serialize*` trait: every element is written as an array's element.
macro_rules! sequence {
    ($trait:ident, $method:ident) => {
        impl<F: Formatter> ser::$trait for Compound<'_, '_, F> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
                self.element(value)
            }
            fn end(mut self) -> Result<()> {
                self.end_seq()
            }
        }
    };
}

impl<F: Formatter> Writer<'_, F> {
    /// A number or boolean, as the formatter writes it.
    fn scalar(
        &mut self,
        write: impl FnOnce(&mut F, &mut Vec<u8>) -> std::io::Result<()>,
    ) -> Result<()> {
        write(&mut self.formatter, self.out).map_err(Error::io)
    }

    fn string(&mut self, s: &str) -> Result<()> {
        let out = &mut *self.out;
        let f = &mut self.formatter;
        f.begin_string(out).map_err(Error::io)?;
        let b = s.as_bytes();
        // The search below asks a string shorter than one of its blocks a byte at a time, and
        // most strings of a record (keys, ids, dates, names) are that short: `union` asks such
        // a string at once, padded into a block. A longer string is searched only once, below.
        if b.len() <= crate::bytes::BLOCK
            && crate::bytes::union(b, b' ', |x| u8::from(escaped(x))) == 0
        {
            f.write_string_fragment(out, s).map_err(Error::io)?;
            return f.end_string(out).map_err(Error::io);
        }
        // Everything from `run` up to the next byte to escape is written as it is. Escapes are
        // all ASCII, so a run always starts and ends on a character's boundary.
        let mut run = 0;
        while let Some(at) = crate::bytes::find(b, run, escaped) {
            if at > run {
                f.write_string_fragment(out, &s[run..at])
                    .map_err(Error::io)?;
            }
            f.write_char_escape(out, escape(b[at])).map_err(Error::io)?;
            run = at + 1;
        }
        if run < b.len() {
            f.write_string_fragment(out, &s[run..]).map_err(Error::io)?;
        }
        f.end_string(out).map_err(Error::io)
    }

    /// `{ "variant":` of an enum's variant that holds data, as serde_json writes it.
    fn open_variant(&mut self, variant: &str) -> Result<()> {
        self.formatter.begin_object(self.out).map_err(Error::io)?;
        self.formatter
            .begin_object_key(self.out, true)
            .map_err(Error::io)?;
        self.string(variant)?;
        self.formatter.end_object_key(self.out).map_err(Error::io)?;
        self.formatter
            .begin_object_value(self.out)
            .map_err(Error::io)
    }

    /// `}` after a variant's data.
    fn close_variant(&mut self) -> Result<()> {
        self.formatter
            .end_object_value(self.out)
            .map_err(Error::io)?;
        self.formatter.end_object(self.out).map_err(Error::io)
    }

    fn seq(&mut self, len: Option<usize>) -> Result<State> {
        self.formatter.begin_array(self.out).map_err(Error::io)?;
        if len == Some(0) {
            self.formatter.end_array(self.out).map_err(Error::io)?;
            return Ok(State::Empty);
        }
        Ok(State::First)
    }

    fn map(&mut self, len: Option<usize>) -> Result<State> {
        self.formatter.begin_object(self.out).map_err(Error::io)?;
        if len == Some(0) {
            self.formatter.end_object(self.out).map_err(Error::io)?;
            return Ok(State::Empty);
        }
        Ok(State::First)
    }
}

/// Where a sequence or map is: closed already (it was declared empty), before its first
/// element, or after one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Empty,
    First,
    Rest,
}

/// A sequence, map or struct being written.
struct Compound<'w, 'a, F> {
    w: &'w mut Writer<'a, F>,
    state: State,
}

impl<F: Formatter> Compound<'_, '_, F> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let first = self.state == State::First;
        self.state = State::Rest;
        let w = &mut *self.w;
        w.formatter
            .begin_array_value(w.out, first)
            .map_err(Error::io)?;
        value.serialize(&mut *w)?;
        w.formatter.end_array_value(w.out).map_err(Error::io)
    }

    fn end_seq(&mut self) -> Result<()> {
        match self.state {
            State::Empty => Ok(()),
            State::First | State::Rest => self.w.formatter.end_array(self.w.out).map_err(Error::io),
        }
    }

    fn key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        let first = self.state == State::First;
        self.state = State::Rest;
        let w = &mut *self.w;
        w.formatter
            .begin_object_key(w.out, first)
            .map_err(Error::io)?;
        key.serialize(Key { w: &mut *w })?;
        w.formatter.end_object_key(w.out).map_err(Error::io)
    }

    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let w = &mut *self.w;
        w.formatter.begin_object_value(w.out).map_err(Error::io)?;
        value.serialize(&mut *w)?;
        w.formatter.end_object_value(w.out).map_err(Error::io)
    }

    fn end_map(&mut self) -> Result<()> {
        match self.state {
            State::Empty => Ok(()),
            State::First | State::Rest => {
                self.w.formatter.end_object(self.w.out).map_err(Error::io)
            }
        }
    }
}

impl<'w, 'a, F: Formatter> ser::Serializer for &'w mut Writer<'a, F> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'w, 'a, F>;
    type SerializeTuple = Compound<'w, 'a, F>;
    type SerializeTupleStruct = Compound<'w, 'a, F>;
    type SerializeTupleVariant = Compound<'w, 'a, F>;
    type SerializeMap = Compound<'w, 'a, F>;
    type SerializeStruct = Compound<'w, 'a, F>;
    type SerializeStructVariant = Compound<'w, 'a, F>;

    scalars!(scalar);
    // JSON has no NaN or infinity: serde_json writes them as null.
    fn serialize_f32(self, v: f32) -> Result<()> {
        if v.is_finite() {
            self.formatter.write_f32(self.out, v).map_err(Error::io)
        } else {
            self.serialize_unit()
        }
    }
    fn serialize_f64(self, v: f64) -> Result<()> {
        if v.is_finite() {
            self.formatter.write_f64(self.out, v).map_err(Error::io)
        } else {
            self.serialize_unit()
        }
    }
    fn serialize_char(self, v: char) -> Result<()> {
        self.string(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<()> {
        self.string(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<()> {
        self.formatter
            .write_byte_array(self.out, v)
            .map_err(Error::io)
    }
    fn serialize_none(self) -> Result<()> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<()> {
        self.formatter.write_null(self.out).map_err(Error::io)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<()> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<()> {
        self.string(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<()> {
        self.open_variant(variant)?;
        value.serialize(&mut *self)?;
        self.close_variant()
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq> {
        let state = self.seq(len)?;
        Ok(Compound { w: self, state })
    }
    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        self.open_variant(variant)?;
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap> {
        let state = self.map(len)?;
        Ok(Compound { w: self, state })
    }
    // serde_json's features that write numbers and raw JSON through a struct of a private name
    // (`arbitrary_precision`, `raw_value`) are off in this build; a test in this module
    // fails if one comes on.
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Self::SerializeStruct> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        self.open_variant(variant)?;
        self.serialize_map(Some(len))
    }
}

sequence!(SerializeSeq, serialize_element);
sequence!(SerializeTuple, serialize_element);
sequence!(SerializeTupleStruct, serialize_field);

impl<F: Formatter> ser::SerializeTupleVariant for Compound<'_, '_, F> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }
    fn end(mut self) -> Result<()> {
        self.end_seq()?;
        self.w.close_variant()
    }
}

impl<F: Formatter> ser::SerializeMap for Compound<'_, '_, F> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.key(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.value(value)
    }
    fn end(mut self) -> Result<()> {
        self.end_map()
    }
}

impl<F: Formatter> ser::SerializeStruct for Compound<'_, '_, F> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.key(key)?;
        self.value(value)
    }
    fn end(mut self) -> Result<()> {
        self.end_map()
    }
}

impl<F: Formatter> ser::SerializeStructVariant for Compound<'_, '_, F> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.key(key)?;
        self.value(value)
    }
    fn end(mut self) -> Result<()> {
        self.end_map()?;
        self.w.close_variant()
    }
}

/// A map's key: JSON keys are strings, so serde_json quotes the keys that are numbers or
/// booleans and refuses the rest, as this does.
struct Key<'w, 'a, F> {
    w: &'w mut Writer<'a, F>,
}

fn key_must_be_a_string() -> Error {
    ser::Error::custom("key must be a string")
}

impl<F: Formatter> Key<'_, '_, F> {
    /// A number or boolean as a quoted key.
    fn quoted(self, write: impl FnOnce(&mut F, &mut Vec<u8>) -> std::io::Result<()>) -> Result<()> {
        let w = self.w;
        w.formatter.begin_string(w.out).map_err(Error::io)?;
        write(&mut w.formatter, w.out).map_err(Error::io)?;
        w.formatter.end_string(w.out).map_err(Error::io)
    }
}

impl<F: Formatter> ser::Serializer for Key<'_, '_, F> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<()> {
        self.w.string(v)
    }
    fn serialize_char(self, v: char) -> Result<()> {
        self.w.string(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<()> {
        self.w.string(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(self)
    }
    scalars!(quoted);
    fn serialize_f32(self, v: f32) -> Result<()> {
        if !v.is_finite() {
            return Err(ser::Error::custom("float key must be finite"));
        }
        self.quoted(|f, out| f.write_f32(out, v))
    }
    fn serialize_f64(self, v: f64) -> Result<()> {
        if !v.is_finite() {
            return Err(ser::Error::custom("float key must be finite"));
        }
        self.quoted(|f, out| f.write_f64(out, v))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<()> {
        Err(key_must_be_a_string())
    }
    fn serialize_none(self) -> Result<()> {
        Err(key_must_be_a_string())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<()> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit(self) -> Result<()> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<()> {
        Err(key_must_be_a_string())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<()> {
        Err(key_must_be_a_string())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(key_must_be_a_string())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(key_must_be_a_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::Serialize;
    use serde_json::json;
    use serde_json::ser::{CompactFormatter, PrettyFormatter};
    use std::collections::BTreeMap;

    /// `value` written here and by serde_json, compact and pretty.
    fn both<T: Serialize + ?Sized>(value: &T) -> [(Vec<u8>, Vec<u8>); 2] {
        let mut ours = Vec::new();
        write_compact(&mut ours, value).unwrap();
        let theirs = serde_json::to_vec(value).unwrap();
        let mut ours_pretty = Vec::new();
        write_with(&mut ours_pretty, PrettyFormatter::new(), value).unwrap();
        let theirs_pretty = serde_json::to_vec_pretty(value).unwrap();
        [(ours, theirs), (ours_pretty, theirs_pretty)]
    }

    fn same<T: Serialize + ?Sized>(value: &T) {
        for (ours, theirs) in both(value) {
            assert_eq!(
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&theirs)
            );
        }
    }

    #[test]
    fn every_ascii_byte_is_escaped_as_serde_json_escapes_it() {
        for b in 0u8..0x80 {
            let c = char::from(b);
            same(&c);
            same(&format!("{c}"));
            // At every place in and around a block of 32, alone and in a run.
            for at in [0, 1, 30, 31, 32, 33, 63, 64, 65, 70] {
                let mut s = "a".repeat(at);
                s.push(c);
                s.push_str(&"é".repeat(at % 7));
                same(&s);
                same(&s.repeat(3));
            }
        }
    }

    #[test]
    fn every_kind_of_value() {
        same(&json!({
            "empty": {}, "none": [], "nested": [[], {}, [{}], {"a": []}],
            "numbers": [0, -1, i64::MIN, u64::MAX, 1.5, 1e300, 0.1, -0.0],
            "bool": [true, false], "null": null,
            "text": "“Labor’s” \u{1F600} \\ \" \n\t\u{7f}\u{1}",
            "": ""
        }));
        same(&(
            f64::NAN,
            f32::INFINITY,
            1.25f32,
            'x',
            '\n',
            (),
            Some(3u8),
            None::<u8>,
        ));
        same(&(
            i8::MIN,
            i16::MIN,
            i32::MIN,
            i128::MIN,
            u8::MAX,
            u16::MAX,
            u32::MAX,
            u128::MAX,
        ));
        same(&Bytes(b"\x00\xff"));
        same(&Bytes(b""));
    }

    /// Bytes serialised as bytes (a `Vec<u8>` is a sequence).
    struct Bytes<'a>(&'a [u8]);
    impl Serialize for Bytes<'_> {
        fn serialize<S: ser::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
            s.serialize_bytes(self.0)
        }
    }

    #[derive(Serialize)]
    enum Shape {
        Unit,
        Newtype(String),
        Tuple(u8, String),
        EmptyTuple(),
        Struct { a: u8, b: Option<String> },
        EmptyStruct {},
    }

    #[derive(Serialize)]
    struct Unit;

    #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
    struct Wrapper(String);

    #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
    struct Pair(u8, u8);

    #[test]
    fn structs_enums_and_keys() {
        same(&vec![
            Shape::Unit,
            Shape::Newtype("n\"".into()),
            Shape::Tuple(1, "t".into()),
            Shape::EmptyTuple(),
            Shape::Struct { a: 2, b: None },
            Shape::EmptyStruct {},
        ]);
        same(&(Unit, Wrapper("w".into()), Pair(1, 2)));
        same(&BTreeMap::from([(1i32, "a"), (-2, "b")]));
        same(&BTreeMap::from([(true, 1), (false, 0)]));
        same(&BTreeMap::from([('k', 1)]));
        same(&BTreeMap::from([(u64::MAX, 1)]));
        same(&BTreeMap::from([(Wrapper("w".into()), 1)]));
        same(&BTreeMap::<String, u8>::new());
        // Keys JSON cannot have are refused, as serde_json refuses them.
        let mut out = Vec::new();
        let bad = BTreeMap::from([(vec![1u8], 1)]);
        assert!(write_compact(&mut out, &bad).is_err());
        assert!(serde_json::to_vec(&bad).is_err());
        assert!(write_compact(&mut out, &BTreeMap::from([(Pair(1, 2), 1)])).is_err());
    }

    #[test]
    fn a_formatter_of_its_own_lays_out_the_text() {
        let v = json!({ "a": [1, { "b": "c" }], "d": {} });
        let mut ours = Vec::new();
        write_with(&mut ours, PrettyFormatter::with_indent(b"\t"), &v).unwrap();
        let mut theirs = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(
            &mut theirs,
            PrettyFormatter::with_indent(b"\t"),
        );
        v.serialize(&mut ser).unwrap();
        assert_eq!(ours, theirs);
        // Written after what the buffer holds.
        let mut out = b"x".to_vec();
        write_with(&mut out, CompactFormatter, &v).unwrap();
        assert_eq!(
            out,
            [b"x".as_slice(), &serde_json::to_vec(&v).unwrap()].concat()
        );
    }

    proptest! {
        #[test]
        fn any_string(s in any::<String>(), t in "[\\x00-\\x7f]{0,80}") {
            for v in [&s, &t] {
                for (ours, theirs) in both(v) {
                    prop_assert_eq!(ours, theirs);
                }
            }
        }
    }
}
