//! The JSON files of a release, written one record at a time yet byte for byte as serde_json
//! writes the whole value: `<name>-<version>.json` (the dataset as one pretty-printed
//! document), `records.ndjson` (one record a line) and `records.csl.json` (an array of CSL
//! items, each made by [`csl::item`](super::csl::item)).

use serde::Serialize;

use crate::model::Record;
use crate::snapshot::Snapshot;

/// `value` pretty-printed as serde_json prints it, indented `depth` levels (two spaces each)
/// as an element of an array at that depth would be.
pub fn pretty_at<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T, depth: usize) {
    out.resize(out.len() + depth * INDENT.len(), b' ');
    crate::json::write::write_with(out, Nested::at(depth), value).expect("the model serialises");
}

/// One level of indentation, as serde_json's pretty printer writes it.
const INDENT: &[u8] = b"  ";

/// serde_json's pretty printer started `level` levels deep, so that a record comes out
/// indented in place, not printed into a buffer of its own and copied with the indentation put
/// in line by line: that took `release --text-only` of 100,000 copies of the shipped records
/// from 3.9 s of CPU time to 3.65 s (median of five runs each, bench/NOTES.md).
struct Nested {
    level: usize,
    has_value: bool,
}

impl Nested {
    fn at(level: usize) -> Nested {
        Nested {
            level,
            has_value: false,
        }
    }

    fn indent<W: ?Sized + std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        for _ in 0..self.level {
            w.write_all(INDENT)?;
        }
        Ok(())
    }

    fn open<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(bracket)
    }

    fn item<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }
}

// The same bytes as `serde_json::ser::PrettyFormatter` writes, given its two-space indent.
impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// How deep the records of the release document sit: in `records`, in the top object.
pub const DOCUMENT_DEPTH: usize = 2;
/// How deep the elements of a document that is one array sit.
pub const ARRAY_DEPTH: usize = 1;

/// The parts of a document whose last member is a long array written element by element:
/// what comes before the first element, the separators, and what comes after the last.
#[derive(Debug)]
pub struct Framed {
    /// Up to and including the array's `[`.
    pub head: Vec<u8>,
    /// After the last element (or right after `[` when there is none), to the end.
    tail_full: Vec<u8>,
    tail_empty: Vec<u8>,
    depth: usize,
    written: bool,
}

impl Framed {
    /// The document as serde_json pretty-prints `whole`, whose last member `key` is an empty
    /// array at `depth` (0 for a document that is the array itself).
    fn new<T: Serialize>(whole: &T, key: Option<&str>, depth: usize) -> Framed {
        let mut text = serde_json::to_vec_pretty(whole).expect("the model serialises");
        text.push(b'\n');
        let empty: &[u8] = b"[]";
        let at = match key {
            Some(k) => {
                let member = format!("\"{k}\": []");
                let pos =
                    find_last(&text, member.as_bytes()).expect("the array is the last member");
                pos + member.len() - empty.len()
            }
            None => 0,
        };
        let head = text[..=at].to_vec();
        let after = &text[at + empty.len()..];
        let mut tail_full = b"\n".to_vec();
        tail_full.resize(1 + (depth - 1) * 2, b' ');
        tail_full.push(b']');
        tail_full.extend_from_slice(after);
        let mut tail_empty = b"]".to_vec();
        tail_empty.extend_from_slice(after);
        Framed {
            head,
            tail_full,
            tail_empty,
            depth,
            written: false,
        }
    }

    /// The release document: `head` with its records written one at a time, each at
    /// [`DOCUMENT_DEPTH`].
    pub fn document(head: &Snapshot) -> Framed {
        debug_assert!(head.records.is_empty());
        Framed::new(head, Some("records"), DOCUMENT_DEPTH)
    }

    /// A document that is one array (CSL-JSON), its elements at [`ARRAY_DEPTH`].
    pub fn array() -> Framed {
        Framed::new(&Vec::<()>::new(), None, ARRAY_DEPTH)
    }

    /// The depth of the array's elements, for [`pretty_at`]: workers make the elements' bytes,
    /// and the writer puts each after its [`separator`](Framed::separator).
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// The separator before the next element.
    pub fn separator(&mut self) -> &'static [u8] {
        let first = !self.written;
        self.written = true;
        if first { b"\n" } else { b",\n" }
    }

    /// The bytes after the last element.
    pub fn tail(&self) -> &[u8] {
        if self.written {
            &self.tail_full
        } else {
            &self.tail_empty
        }
    }
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// A record's line of `records.ndjson`.
pub fn ndjson_line(out: &mut Vec<u8>, r: &Record) {
    crate::json::write::write_compact(out, r).expect("records serialise");
    out.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Write `items` through a frame and compare with serde_json's own output.
    fn framed(mut f: Framed, items: &[serde_json::Value]) -> Vec<u8> {
        let mut out = f.head.clone();
        for i in items {
            let mut bytes = Vec::new();
            pretty_at(&mut bytes, i, f.depth());
            out.extend_from_slice(f.separator());
            out.extend_from_slice(&bytes);
        }
        out.extend_from_slice(f.tail());
        out
    }

    /// serde_json's pretty text with every line indented `depth` levels: what [`pretty_at`]
    /// must write, made the plain way.
    fn indented(value: &serde_json::Value, depth: usize) -> String {
        let pad = "  ".repeat(depth);
        let text = serde_json::to_string_pretty(value).unwrap();
        format!("{pad}{}", text.replace('\n', &format!("\n{pad}")))
    }

    #[test]
    fn pretty_at_depth_is_serde_jsons_text_indented() {
        let mut values = vec![
            json!({}),
            json!([]),
            json!({"a": [], "b": {}, "c": [[], [{}], {"d": null}]}),
            json!(["line\nbreak", "tab\t", "quote\"", 1.5, -3, true]),
            json!([[[1, [2, []]]]]),
        ];
        for entry in std::fs::read_dir("dataset/pe/records").unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            values.push(serde_json::from_str(&text).unwrap());
        }
        for v in &values {
            for depth in 0..4 {
                let mut out = b"before".to_vec();
                pretty_at(&mut out, v, depth);
                assert_eq!(
                    String::from_utf8(out).unwrap(),
                    format!("before{}", indented(v, depth)),
                    "{v} at {depth}"
                );
            }
        }
    }

    #[test]
    fn an_array_written_element_by_element_is_serde_jsons() {
        let items = [
            json!({"id": "a", "n": [1, 2], "o": {}}),
            json!({"id": "b", "s": "line\nbreak"}),
            json!([]),
        ];
        for n in 0..=items.len() {
            let mut expected = serde_json::to_vec_pretty(&items[..n]).unwrap();
            expected.push(b'\n');
            assert_eq!(framed(Framed::array(), &items[..n]), expected, "{n} items");
        }
    }

    #[test]
    fn a_trailing_member_written_element_by_element_is_serde_jsons() {
        #[derive(Serialize)]
        struct Doc {
            name: &'static str,
            nested: serde_json::Value,
            records: Vec<serde_json::Value>,
        }
        let items = [json!({"id": "x", "records": []}), json!({"id": "y"})];
        for n in 0..=items.len() {
            let whole = Doc {
                name: "records: []",
                nested: json!({"records": []}),
                records: items[..n].to_vec(),
            };
            let mut expected = serde_json::to_vec_pretty(&whole).unwrap();
            expected.push(b'\n');
            let empty = Doc {
                records: Vec::new(),
                ..whole
            };
            let f = Framed::new(&empty, Some("records"), 2);
            assert_eq!(
                String::from_utf8(framed(f, &items[..n])).unwrap(),
                String::from_utf8(expected).unwrap(),
                "{n} items"
            );
        }
    }
}
