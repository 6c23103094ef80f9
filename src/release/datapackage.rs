//! `datapackage.json`: a Frictionless Data Package describing every file of the release (size,
//! `sha256:` hash, format), with a Table Schema for the CSV and the licences.

use super::part::Part;
use serde_json::{Value, json};

use crate::release::csv::{COLUMNS, Type};
use crate::snapshot::Snapshot;

/// The address of a licence: Creative Commons' own deeds for CC licences, SPDX's page for the rest.
fn licence_path(id: &str) -> String {
    let cc = |slug: &str, v: &str| format!("https://creativecommons.org/licenses/{slug}/{v}/");
    match id {
        "CC-BY-4.0" => cc("by", "4.0"),
        "CC-BY-SA-4.0" => cc("by-sa", "4.0"),
        "CC-BY-NC-4.0" => cc("by-nc", "4.0"),
        "CC0-1.0" => "https://creativecommons.org/publicdomain/zero/1.0/".into(),
        other => format!("https://spdx.org/licenses/{other}.html"),
    }
}

fn table_schema() -> Value {
    let fields: Vec<Value> = COLUMNS
        .iter()
        .map(|c| {
            let mut f =
                json!({ "name": c.name, "type": c.kind.as_str(), "description": c.description });
            if c.name == "id" {
                f["constraints"] = json!({ "required": true, "unique": true });
            }
            if c.kind == Type::Integer {
                f["constraints"] = json!({ "minimum": 0 });
            }
            f
        })
        .collect();
    json!({ "fields": fields, "primaryKey": ["id"], "missingValues": [""] })
}

fn resource(part: &Part) -> Value {
    // Resource names are unique, lower case, of `[-a-z0-9._/]`: the path itself, with `/` as `-`.
    let name = part.path.to_lowercase().replace('/', "-");
    let mut r = json!({ "name": name, "path": part.path, "bytes": part.bytes.len(), "hash": format!("sha256:{}", part.sha256) });
    match part.path.rsplit('.').next() {
        Some("csv") => {
            r["profile"] = json!("tabular-data-resource");
            r["format"] = json!("csv");
            r["mediatype"] = json!("text/csv");
            r["encoding"] = json!("utf-8");
            r["dialect"] = json!({ "delimiter": ",", "lineTerminator": "\n", "quoteChar": "\"", "doubleQuote": true, "header": true });
            r["schema"] = table_schema();
        }
        Some("ndjson") => {
            r["format"] = json!("ndjson");
            r["mediatype"] = json!("application/x-ndjson");
            r["encoding"] = json!("utf-8");
        }
        _ => {
            // JSON documents are files, not tables.
            r["type"] = json!("file");
            r["format"] = json!("json");
            r["encoding"] = json!("utf-8");
            r["mediatype"] = json!(if part.path.ends_with(".csl.json") {
                "application/vnd.citationstyles.csl+json"
            } else {
                "application/json"
            });
        }
    }
    r
}

/// The descriptor for the given parts.
pub fn descriptor(data: &Snapshot, parts: &[Part]) -> Value {
    let d = &data.dataset;
    let mut p = json!({
        "profile": "data-package",
        "name": data.name,
        "title": d.title,
        "version": data.version,
        "licenses": [{ "name": d.licence, "path": licence_path(&d.licence), "title": format!("{} (the compilation and its metadata; quoted excerpts stay their holders')", d.licence) }],
        "keywords": d.topics.iter().map(|t| t.name.clone()).collect::<Vec<_>>(),
        "contributors": std::iter::once(json!({
            "title": format!("{}{} {}", d.compiler.honorific.as_ref().map(|h| format!("{h} ")).unwrap_or_default(), d.compiler.given.clone().unwrap_or_default(), d.compiler.family).trim().to_string(),
            "role": "author"
        }))
        .chain(d.maintainers.iter().map(|m| json!({ "title": m.name, "role": "maintainer" })))
        .collect::<Vec<_>>(),
        "resources": parts.iter().map(resource).collect::<Vec<_>>(),
    });
    if let Some(desc) = &d.description {
        p["description"] = json!(desc);
    }
    if let Some(c) = &data.created {
        p["created"] = json!(c);
    }
    p
}
