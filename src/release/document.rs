//! The JSON files of a release, written one record at a time yet byte for byte as serde_json
//! writes the whole value: `<name>-<version>.json` (the dataset as one pretty-printed
//! document), `records.ndjson` (one record a line) and `records.csl.json` (an array of CSL
//! items, each made by [`csl::item`](super::csl::item)).

use serde::Serialize;

use crate::model::Record;
use crate::snapshot::Snapshot;

/// `value` pretty-printed as serde_json prints it, indented `depth` levels (two spaces each)
/// as an element of an array at that depth would be. JSON strings hold no raw line breaks, so
/// indenting after every line break indents every line and nothing else.
pub fn pretty_at<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T, depth: usize) {
    // A record is a few kilobytes: start there rather than growing from nothing.
    let mut text = Vec::with_capacity(4096);
    serde_json::to_writer_pretty(&mut text, value).expect("the model serialises");
    let indent = depth * 2;
    out.reserve(text.len() + text.len() / 16);
    out.resize(out.len() + indent, b' ');
    for part in text.split_inclusive(|b| *b == b'\n') {
        out.extend_from_slice(part);
        if part.ends_with(b"\n") {
            out.resize(out.len() + indent, b' ');
        }
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
    serde_json::to_writer(&mut *out, r).expect("records serialise");
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
