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
    let order: Vec<&str> = schema
        .map(schema::deref)
        .map(|s| {
            schema::ordered_properties(s)
                .into_iter()
                .map(|(k, _)| k)
                .collect()
        })
        .unwrap_or_default();
    let mut v: Vec<&ast::ObjectProp<'a>> = props.iter().collect();
    v.sort_by(|a, b| {
        let rank = |p: &ast::ObjectProp<'_>| {
            order
                .iter()
                .position(|k| *k == p.name.as_str())
                .unwrap_or(usize::MAX)
        };
        rank(a).cmp(&rank(b)).then_with(|| {
            if rank(a) == usize::MAX {
                a.name.as_str().cmp(b.name.as_str())
            } else {
                std::cmp::Ordering::Equal
            }
        })
    });
    v
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
    out.push_str(&serde_json::to_string(s).expect("a string serialises"));
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

/// Format the dataset's files (or the named ones, selected as `check` selects them); with
/// `check`, change nothing. Only the files to format are read, each once: the pre-commit hook
/// runs this on a commit's few files.
pub fn run(dataset: &Path, paths: &[PathBuf], check: bool) -> Result<Run, Error> {
    let (source, mut faults) = load::scan(dataset)?;
    let selection = load::select(source.files(), paths)?;
    let limits = Limits::default();
    let mut out = Vec::new();
    for rel in &source.files().files {
        let display = source.files().display(rel);
        if selection.as_ref().is_some_and(|s| !s.contains(&display)) {
            continue;
        }
        let bytes = match source.read(rel, limits) {
            Ok(b) => b,
            Err(fault) => {
                faults.push(fault.diagnostic(&display, limits));
                continue;
            }
        };
        let kind = crate::layout::kind_of(rel).expect("walked files belong in the layout");
        let path = source.root().join(&**rel);
        let outcome = match String::from_utf8(bytes) {
            // Never rewritten: formatting would replace the bytes it cannot read.
            Err(_) => Outcome::Unparsable("not valid UTF-8".into()),
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
        out.push(FileOutcome {
            display,
            path,
            outcome,
        });
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
    fn refuses_what_does_not_parse() {
        assert!(format("{\"a\": 1,}", Kind::Record).is_err());
    }
}
