//! `sourcebook fmt`: the one canonical form of a dataset file. Keys in schema order, two-space
//! indent, LF line ends, a final newline; values untouched (number literals are kept as
//! written, strings are re-escaped minimally), so parse(fmt(x)) == parse(x).

use std::path::{Path, PathBuf};

use jsonc_parser::ast;
use serde_json::Value;

use crate::diag::Diagnostic;
use crate::error::Error;
use crate::fsutil;
use crate::json::{self, SyntaxError};
use crate::layout::Kind;
use crate::load::{self, Limits};
use crate::schema;

/// A value in the canonical form of a file of the given kind.
pub fn format_value(value: &Value, kind: Kind) -> String {
    format(&value.to_string(), kind).expect("a serialised value is valid JSON")
}

/// Format the text of a file of the given kind. A byte-order mark is dropped.
pub fn format(text: &str, kind: Kind) -> Result<String, SyntaxError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root = json::parse_ast(body)?;
    let mut out = String::with_capacity(body.len());
    write_value(&mut out, &root, Some(schema::of(kind)), 0);
    out.push('\n');
    Ok(out)
}

fn indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("  ");
    }
}

/// The schema of a property of an object schema: its declared property, or the schema every
/// other key's value follows (`additionalProperties` as a schema).
fn property_schema<'s>(schema: &'s Value, key: &str) -> Option<&'s Value> {
    let s = schema::deref(schema);
    s.get("properties")
        .and_then(|p| p.get(key))
        .or_else(|| s.get("additionalProperties").filter(|v| v.is_object()))
}

/// The order of an object's properties: declared properties in schema order, then any other
/// keys (a map's, or unknown keys of a closed object) sorted by name, so every arrangement of
/// the same object has one canonical form. Sorting is stable, so of two duplicate keys the last
/// stays last.
fn ordered<'a, 'b>(
    props: &'b [ast::ObjectProp<'a>],
    schema: Option<&Value>,
) -> Vec<&'b ast::ObjectProp<'a>> {
    let mut v: Vec<&ast::ObjectProp<'a>> = props.iter().collect();
    with_order(schema, |order| {
        v.sort_by(|a, b| compare_keys(order, a.name.as_str(), b.name.as_str()));
    });
    v
}

/// The order of two keys of an object whose schema lists `order`: declared keys in schema
/// order, then the others by name.
fn compare_keys(order: &[String], a: &str, b: &str) -> std::cmp::Ordering {
    let rank = |k: &str| order.iter().position(|o| o == k).unwrap_or(usize::MAX);
    let (ra, rb) = (rank(a), rank(b));
    ra.cmp(&rb).then_with(|| {
        if ra == usize::MAX {
            a.cmp(b)
        } else {
            std::cmp::Ordering::Equal
        }
    })
}

thread_local! {
    /// Property orders by schema node: working one out searches the schema files, and every
    /// object of every file asks for one. The embedded schemas live as long as the program, so
    /// a node's address names it.
    static ORDERS: std::cell::RefCell<std::collections::HashMap<usize, std::rc::Rc<[String]>>> =
        Default::default();
}

/// Run `f` with the declared property order of `schema` (none without a schema).
fn with_order<R>(schema: Option<&Value>, f: impl FnOnce(&[String]) -> R) -> R {
    let Some(s) = schema.map(schema::deref) else {
        return f(&[]);
    };
    let key = std::ptr::from_ref(s) as usize;
    let order = ORDERS.with(|m| {
        m.borrow_mut()
            .entry(key)
            .or_insert_with(|| {
                schema::ordered_properties(s)
                    .into_iter()
                    .map(|(k, _)| k.to_string())
                    .collect()
            })
            .clone()
    });
    f(&order)
}

fn write_value(out: &mut String, v: &ast::Value<'_>, schema: Option<&Value>, level: usize) {
    match v {
        ast::Value::StringLit(s) => write_string(out, &s.value),
        ast::Value::NumberLit(n) => out.push_str(n.value),
        ast::Value::BooleanLit(b) => out.push_str(if b.value { "true" } else { "false" }),
        ast::Value::NullKeyword(_) => out.push_str("null"),
        ast::Value::Object(o) if o.properties.is_empty() => out.push_str("{}"),
        ast::Value::Object(o) => {
            out.push_str("{\n");
            let props = ordered(&o.properties, schema);
            for (i, p) in props.iter().enumerate() {
                indent(out, level + 1);
                write_string(out, p.name.as_str());
                out.push_str(": ");
                let child = schema.and_then(|s| property_schema(s, p.name.as_str()));
                write_value(out, &p.value, child, level + 1);
                out.push_str(if i + 1 < props.len() { ",\n" } else { "\n" });
            }
            indent(out, level);
            out.push('}');
        }
        ast::Value::Array(a) if a.elements.is_empty() => out.push_str("[]"),
        ast::Value::Array(a) => {
            out.push_str("[\n");
            let items = schema.map(schema::deref).and_then(|s| s.get("items"));
            for (i, e) in a.elements.iter().enumerate() {
                indent(out, level + 1);
                write_value(out, e, items, level + 1);
                out.push_str(if i + 1 < a.elements.len() {
                    ",\n"
                } else {
                    "\n"
                });
            }
            indent(out, level);
            out.push(']');
        }
    }
}

/// A JSON string as serde_json writes it: `"` and `\` escaped, control characters as short
/// escapes or `\u00XX`, everything else (all of Unicode) as itself.
fn write_string(out: &mut String, s: &str) {
    // Most strings need no escape at all: write those without serde_json's allocation.
    if !s.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20) {
        out.push('"');
        out.push_str(s);
        out.push('"');
        return;
    }
    out.push_str(&serde_json::to_string(s).expect("a string serialises"));
}

/// `value` written as [`write_value`] writes the same JSON parsed by the strict parser.
fn write_plain(out: &mut String, v: &Value, schema: Option<&Value>, level: usize) {
    match v {
        Value::String(s) => write_string(out, s),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Null => out.push_str("null"),
        Value::Object(o) if o.is_empty() => out.push_str("{}"),
        Value::Object(o) => {
            out.push_str("{\n");
            let mut keys: Vec<&String> = o.keys().collect();
            with_order(schema, |order| {
                keys.sort_by(|a, b| compare_keys(order, a, b))
            });
            for (i, k) in keys.iter().enumerate() {
                indent(out, level + 1);
                write_string(out, k);
                out.push_str(": ");
                let child = schema.and_then(|s| property_schema(s, k));
                write_plain(out, &o[k.as_str()], child, level + 1);
                out.push_str(if i + 1 < keys.len() { ",\n" } else { "\n" });
            }
            indent(out, level);
            out.push('}');
        }
        Value::Array(a) if a.is_empty() => out.push_str("[]"),
        Value::Array(a) => {
            out.push_str("[\n");
            let items = schema.map(schema::deref).and_then(|s| s.get("items"));
            for (i, e) in a.iter().enumerate() {
                indent(out, level + 1);
                write_plain(out, e, items, level + 1);
                out.push_str(if i + 1 < a.len() { ",\n" } else { "\n" });
            }
            indent(out, level);
            out.push(']');
        }
    }
}

/// Whether `text` is already canonical, decided on serde_json's fast parser: when the value it
/// reads, written canonically, is `text` byte for byte, [`format`] returns `text` too, since
/// the text can then hold no duplicate key (the value would have lost one and be shorter) and
/// no number written otherwise than serde_json writes it (the bytes would differ). Any other
/// text takes the exact path.
fn already_canonical(text: &str, kind: Kind) -> bool {
    let Ok(v) = serde_json::from_str::<Value>(text) else {
        return false;
    };
    let mut out = String::with_capacity(text.len());
    write_plain(&mut out, &v, Some(schema::of(kind)), 0);
    out.push('\n');
    out == text
}

/// What `fmt` did or would do to one file.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Unchanged,
    /// The file differs from its canonical form (and was rewritten, unless checking).
    Changed {
        before: String,
        after: String,
    },
    /// The file does not parse and was left as it is.
    Unparsable(String),
}

/// One dataset file and what happened to it.
#[derive(Debug)]
pub struct FileOutcome {
    pub display: String,
    pub path: PathBuf,
    pub outcome: Outcome,
}

/// What `fmt` did across the dataset: each file it read, and what the loader reported on the
/// way (files it could not read or that have no place, which `check` reports in full).
#[derive(Debug, Default)]
pub struct Run {
    pub files: Vec<FileOutcome>,
    pub faults: Vec<Diagnostic>,
}

/// One file's outcome, or the fault that kept it from being read; or the error that stops the
/// run (a file that cannot be written).
type FileResult = Result<Result<FileOutcome, Diagnostic>, Error>;

/// Format the dataset's files (or the named ones, selected as `check` selects them); with
/// `check`, change nothing. Only the files to format are read, each once: the pre-commit hook
/// runs this on a commit's few files.
pub fn run(dataset: &Path, paths: &[PathBuf], check: bool) -> Result<Run, Error> {
    run_with(dataset, paths, check, &crate::progress::Silent)
}

/// [`run`], telling `progress` how many files are done. Files are read and formatted on every
/// core; the outcomes come back in walk order.
pub fn run_with(
    dataset: &Path,
    paths: &[PathBuf],
    check: bool,
    progress: &dyn crate::progress::Progress,
) -> Result<Run, Error> {
    let (source, mut faults) = load::scan(dataset)?;
    let selection = load::select(source.files(), paths)?;
    let limits = Limits::default();
    let files = &source.files().files;
    let chosen: Vec<usize> = (0..files.len())
        .filter(|&i| {
            selection
                .as_ref()
                .is_none_or(|s| s.contains(&source.files().display(&files[i])))
        })
        .collect();
    progress.begin("formatting", chosen.len() as u64);
    let one = |i: usize| -> FileResult {
        let rel = &files[i];
        let display = source.files().display(rel);
        let bytes = match source.read(rel, limits) {
            Ok(b) => b,
            Err(fault) => return Ok(Err(fault.diagnostic(&display, limits))),
        };
        let kind = crate::layout::kind_of(rel).expect("walked files belong in the layout");
        let path = source.root().join(rel);
        let outcome = match String::from_utf8(bytes) {
            // Never rewritten: formatting would replace the bytes it cannot read.
            Err(_) => Outcome::Unparsable("not valid UTF-8".into()),
            Ok(text) if already_canonical(&text, kind) => Outcome::Unchanged,
            Ok(text) => match format(&text, kind) {
                Err(e) => Outcome::Unparsable(e.message),
                Ok(f) if f == text => Outcome::Unchanged,
                Ok(f) => {
                    if !check {
                        fsutil::write_file(
                            source.root(),
                            &path,
                            f.as_bytes(),
                            fsutil::Existing::Replace,
                        )?;
                    }
                    Outcome::Changed {
                        before: text,
                        after: f,
                    }
                }
            },
        };
        progress.advance(1);
        Ok(Ok(FileOutcome {
            display,
            path,
            outcome,
        }))
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(chosen.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, FileResult)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(&i) = chosen.get(k) else { break };
                        mine.push((i, one(i)));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a formatting worker panicked"))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    progress.end();
    let mut out = Vec::new();
    for (_, result) in done {
        match result? {
            Ok(f) => out.push(f),
            Err(fault) => faults.push(fault),
        }
    }
    if let Some(only) = &selection {
        faults.retain(|d| only.contains(d.file()));
    }
    Ok(Run { files: out, faults })
}

/// A unified diff from a file's text to its canonical form.
pub fn unified_diff(display: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .header(display, &format!("{display} (formatted)"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_keys_by_schema_and_sorts_unknown_ones_last() {
        let text = r#"{"title": "T", "zz": 1, "id": "pe-nd-t", "rights": {"quoted_words": 0, "status": "unknown"}, "country": "PE", "topics": ["csec"]}"#;
        let f = format(text, Kind::Record).unwrap();
        assert_eq!(
            f,
            "{\n  \"id\": \"pe-nd-t\",\n  \"country\": \"PE\",\n  \"topics\": [\n    \"csec\"\n  ],\n  \"title\": \"T\",\n  \"rights\": {\n    \"status\": \"unknown\",\n    \"quoted_words\": 0\n  },\n  \"zz\": 1\n}\n"
        );
    }

    #[test]
    fn keeps_number_literals_and_normalises_string_escapes() {
        let f = format(
            "{\"policy\": {\"max_quoted_words\": 3.0e2}, \"title\": \"\\u00e9\\/\\u0007\"}",
            Kind::Dataset,
        )
        .unwrap();
        assert!(f.contains("\"max_quoted_words\": 3.0e2"), "{f}");
        assert!(f.contains("\"title\": \"é/\\u0007\""), "{f}");
    }

    #[test]
    fn sorts_maps_and_drops_a_byte_order_mark() {
        let f = format(
            "\u{feff}{\"rules\": {\"SB902\": \"allow\", \"SB603\": \"error\"}}",
            Kind::Dataset,
        )
        .unwrap();
        assert_eq!(
            f,
            "{\n  \"rules\": {\n    \"SB603\": \"error\",\n    \"SB902\": \"allow\"\n  }\n}\n"
        );
    }

    #[test]
    fn the_fast_check_agrees_with_the_exact_path() {
        let record = |body: &str| format!("{{\n  \"id\": \"pe-nd-t\",\n{body}\n}}\n");
        let cases = [
            (record("  \"country\": \"PE\""), Kind::Record),
            // Keys out of order, a number written otherwise, a duplicate key, a byte-order mark.
            (
                "{\n  \"country\": \"PE\",\n  \"id\": \"pe-nd-t\"\n}\n".to_string(),
                Kind::Record,
            ),
            (
                "{\n  \"policy\": {\n    \"max_quoted_words\": 3.0e2\n  }\n}\n".to_string(),
                Kind::Dataset,
            ),
            (
                "{\n  \"policy\": {\n    \"max_quoted_words\": 300\n  }\n}\n".to_string(),
                Kind::Dataset,
            ),
            (record("  \"id\": \"pe-nd-t\""), Kind::Record),
            (
                format!("\u{feff}{}", record("  \"country\": \"PE\"")),
                Kind::Record,
            ),
            (
                record("  \"title\": \"a \\\"b\\\" \\u0007 é\""),
                Kind::Record,
            ),
            (record("  \"zz\": 1,\n  \"aa\": 2"), Kind::Record),
            (record("  \"aa\": 2,\n  \"zz\": 1"), Kind::Record),
        ];
        let mut texts: Vec<(String, Kind)> = cases.to_vec();
        for e in walkdir::WalkDir::new("dataset").sort_by_file_name() {
            let e = e.unwrap();
            let rel = e
                .path()
                .strip_prefix("dataset")
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if let Some(kind) = crate::layout::kind_of(&rel) {
                texts.push((std::fs::read_to_string(e.path()).unwrap(), kind));
            }
        }
        let mut fast = 0;
        for (text, kind) in &texts {
            let exact = format(text, *kind).is_ok_and(|f| f == *text);
            // The fast check may only say "canonical" when the exact path would.
            if already_canonical(text, *kind) {
                assert!(exact, "{text}");
                fast += 1;
            }
        }
        // It says so for every canonical case above but two that only the exact path keeps as
        // they are: the number written as 3.0e2, and the key written twice (which `check`
        // reports).
        let canonical = texts
            .iter()
            .filter(|(t, k)| format(t, *k).is_ok_and(|f| f == *t))
            .count();
        assert_eq!(fast, canonical - 2);
        assert!(
            fast > 10,
            "the shipped files are canonical and take the fast path"
        );
    }

    #[test]
    fn refuses_what_does_not_parse() {
        assert!(format("{\"a\": 1,}", Kind::Record).is_err());
    }
}
