//! `datapackage.json`: a Frictionless Data Package describing every file of the release (size,
//! `sha256:` hash, format, media type). The tables (the two CSV files and the NDJSON) carry a
//! Table Schema listing every column, so a Frictionless reader reads every field rather than
//! guessing the columns from the first row.

use serde_json::{Value, json};

use super::columns::{RECORD_COLUMNS, Type};
use super::excerpts::EXCERPT_COLUMNS;
use super::output::Written;
use crate::layout::Kind;
use crate::schema;
use crate::snapshot::Snapshot;

/// The address of a licence: Creative Commons' own deeds for CC licences, SPDX's page for the rest.
pub fn licence_path(id: &str) -> String {
    let cc = |slug: &str, v: &str| format!("https://creativecommons.org/licenses/{slug}/{v}/");
    match id {
        "CC-BY-4.0" => cc("by", "4.0"),
        "CC-BY-SA-4.0" => cc("by-sa", "4.0"),
        "CC-BY-NC-4.0" => cc("by-nc", "4.0"),
        "CC0-1.0" => "https://creativecommons.org/publicdomain/zero/1.0/".into(),
        other => format!("https://spdx.org/licenses/{other}.html"),
    }
}

/// A Table Schema field.
fn field(name: &str, kind: &str, description: &str) -> Value {
    json!({ "name": name, "type": kind, "description": description })
}

fn csv_field(name: &str, kind: Type, description: &str) -> Value {
    let mut f = field(name, kind.table_schema(), description);
    if kind == Type::Integer {
        f["constraints"] = json!({ "minimum": 0 });
    }
    f
}

/// The Table Schema of `records.csv`.
pub fn records_csv_schema() -> Value {
    let fields: Vec<Value> = RECORD_COLUMNS
        .iter()
        .map(|c| {
            let mut f = csv_field(c.name, c.kind, c.description);
            if c.name == "id" {
                f["constraints"] = json!({ "required": true, "unique": true });
            }
            f
        })
        .collect();
    json!({ "fields": fields, "primaryKey": ["id"], "missingValues": [""] })
}

/// The Table Schema of `excerpts.csv`: keyed by record and number, each row's record in
/// `records.csv`.
pub fn excerpts_csv_schema() -> Value {
    let fields: Vec<Value> = EXCERPT_COLUMNS
        .iter()
        .map(|c| {
            let mut f = csv_field(c.name, c.kind, c.description);
            if matches!(c.name, "record_id" | "number" | "text") {
                f["constraints"] = json!({ "required": true });
            }
            f
        })
        .collect();
    json!({
        "fields": fields,
        "primaryKey": ["record_id", "number"],
        "foreignKeys": [{ "fields": ["record_id"], "reference": { "resource": resource_name("records.csv"), "fields": ["id"] } }],
        "missingValues": [""]
    })
}

/// The Table Schema of `records.ndjson`: every top-level field of the record schema, with the
/// JSON type it has (lists as `array`, nested values as `object`) and whether it is required.
pub fn records_ndjson_schema() -> Value {
    let record = schema::of(Kind::Record);
    let required: Vec<&str> = record["required"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let fields: Vec<Value> = schema::ordered_properties(record)
        .into_iter()
        .map(|(name, prop)| {
            let kind = schema::deref(prop)
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("any");
            let description = schema::description(prop).unwrap_or_default();
            let mut f = field(name, kind, description);
            if required.contains(&name) {
                f["constraints"] = json!({ "required": true });
            }
            f
        })
        .collect();
    json!({ "fields": fields, "primaryKey": ["id"] })
}

/// The names of the NDJSON table's fields, which its dialect lists so that a reader takes
/// every row's values by key instead of by the first row's keys.
fn ndjson_keys() -> Vec<String> {
    schema::ordered_properties(schema::of(Kind::Record))
        .into_iter()
        .map(|(k, _)| k.to_string())
        .collect()
}

/// A resource's name: unique, lower case, of `[-a-z0-9._/]`: the path itself, with `/` as `-`.
pub fn resource_name(path: &str) -> String {
    path.to_lowercase().replace(['/', '='], "-")
}

/// The media type of a file of the release, by its name.
pub fn media_type(path: &str) -> &'static str {
    let ext = path.rsplit('.').next().unwrap_or_default();
    match ext {
        "csv" => "text/csv",
        "ndjson" => "application/x-ndjson",
        "parquet" => "application/vnd.apache.parquet",
        "sqlite" => "application/vnd.sqlite3",
        "md" => "text/markdown",
        "json" if path.ends_with(".csl.json") => "application/vnd.citationstyles.csl+json",
        "json" => "application/json",
        "gz" => "application/gzip",
        "zip" => "application/zip",
        _ => "text/plain",
    }
}

fn resource(w: &Written) -> Value {
    let mut r = json!({
        "name": resource_name(&w.path),
        "path": w.path,
        "bytes": w.bytes,
        "hash": format!("sha256:{}", w.sha256),
        "mediatype": media_type(&w.path),
    });
    let csv_dialect = json!({ "delimiter": ",", "lineTerminator": "\n", "quoteChar": "\"", "doubleQuote": true, "header": true });
    match w.path.as_str() {
        "records.csv" | "excerpts.csv" => {
            r["type"] = json!("table");
            r["format"] = json!("csv");
            // The byte-order mark is part of UTF-8's `utf-8-sig` form, which is how Python
            // names an encoding that reads it as such rather than as a character.
            r["encoding"] = json!("utf-8-sig");
            r["dialect"] = csv_dialect;
            r["schema"] = if w.path == "records.csv" {
                records_csv_schema()
            } else {
                excerpts_csv_schema()
            };
        }
        "records.ndjson" => {
            r["type"] = json!("table");
            r["format"] = json!("ndjson");
            r["encoding"] = json!("utf-8");
            r["dialect"] = json!({ "json": { "keys": ndjson_keys() } });
            r["schema"] = records_ndjson_schema();
        }
        p => {
            // Documents, Parquet and SQLite files are files to Frictionless, checked by size
            // and hash; their own readers (DuckDB, sqlite3) read them.
            r["type"] = json!("file");
            let format = p.rsplit('.').next().unwrap_or_default();
            r["format"] = json!(format);
            if matches!(format, "json" | "md") {
                r["encoding"] = json!("utf-8");
            }
        }
    }
    r
}

/// The descriptor for the given files (every file of the bundle but itself and the sums).
pub fn descriptor(data: &Snapshot, files: &[Written]) -> Value {
    let d = &data.dataset;
    let mut p = json!({
        "profile": "data-package",
        "name": data.name,
        "title": d.title,
        "version": data.version,
        "licenses": [{ "name": d.licence, "path": licence_path(&d.licence), "title": format!("{} (the compilation and its metadata; quoted excerpts stay their holders')", d.licence) }],
        "keywords": d.topics.iter().map(|t| t.name.clone()).collect::<Vec<_>>(),
        "contributors": std::iter::once(json!({
            "title": d.compiler.full_name(),
            "role": "author"
        }))
        .chain(d.maintainers.iter().map(|m| json!({ "title": m.name, "role": "maintainer" })))
        .collect::<Vec<_>>(),
        "resources": files.iter().map(resource).collect::<Vec<_>>(),
    });
    if let Some(desc) = &d.description {
        p["description"] = json!(desc);
    }
    if let Some(c) = &data.created {
        p["created"] = json!(c);
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ndjson_table_lists_every_record_field() {
        let schema = records_ndjson_schema();
        let names: Vec<&str> = schema["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(names.len(), 24, "{names:?}");
        assert_eq!(names, ndjson_keys());
        let kind = |n: &str| {
            schema["fields"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["name"] == n)
                .unwrap()["type"]
                .clone()
        };
        assert_eq!(kind("id"), "string");
        assert_eq!(kind("authors"), "array");
        assert_eq!(kind("published"), "object");
        assert_eq!(kind("rights"), "object");
        assert_eq!(kind("language"), "string");
    }

    #[test]
    fn media_types() {
        assert_eq!(media_type("CHANGES.md"), "text/markdown");
        assert_eq!(
            media_type("records.csl.json"),
            "application/vnd.citationstyles.csl+json"
        );
        assert_eq!(media_type("stats.json"), "application/json");
        assert_eq!(
            media_type("parquet/records/country=PE/part-0.parquet"),
            "application/vnd.apache.parquet"
        );
        assert_eq!(
            resource_name("parquet/records/country=PE/part-0.parquet"),
            "parquet-records-country-pe-part-0.parquet"
        );
    }
}
