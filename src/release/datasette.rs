//! `metadata.json` for Datasette: the title, licence and source of the SQLite database, a
//! description of every table and column, and which full-text index searches which table, so
//! that `datasette sourcebook-<version>.sqlite -m metadata.json` serves a browsable,
//! searchable copy of the release.

use serde_json::{Map, Value, json};

use super::columns::table_columns;
use super::excerpts::EXCERPT_COLUMNS;
use crate::snapshot::Snapshot;

fn columns<'a>(items: impl Iterator<Item = (&'a str, &'a str)>) -> Value {
    let mut m = Map::new();
    for (name, description) in items {
        m.insert(name.to_string(), json!(description));
    }
    Value::Object(m)
}

/// The name Datasette gives a database: its file name without `.sqlite`.
pub fn database_name(head: &Snapshot) -> String {
    format!("{}-{}", head.name, head.version)
}

/// The metadata for the release described by `head`.
pub fn metadata(head: &Snapshot) -> Value {
    let d = &head.dataset;
    let records = columns(table_columns().map(|c| (c.name, c.description)));
    let excerpts = columns(EXCERPT_COLUMNS.iter().map(|c| (c.name, c.description)));
    let tables = json!({
        "records": {
            "description": "One row per source record; lists are JSON arrays, dates YYYY-MM-DD. Search titles with the full-text index.",
            "columns": records,
            "fts_table": "records_fts",
            "label_column": "title",
            "sort": "id"
        },
        "excerpts": {
            "description": "One row per excerpt a record quotes, in printed order. Search the passages with the full-text index.",
            "columns": excerpts,
            "fts_table": "excerpts_fts",
            "sort": "record_id"
        },
        "countries": {
            "description": "The countries of the dataset.",
            "columns": {
                "code": "ISO 3166-1 alpha-2 code.",
                "alpha3": "ISO 3166-1 alpha-3 code.",
                "name": "The country's short name.",
                "official_name": "The country's official name."
            },
            "label_column": "name"
        },
        "helplines": {
            "description": "Helplines for victims, by country, in the order the country page lists them.",
            "columns": {
                "country": "ISO 3166-1 alpha-2 code of the country.",
                "number": "The helpline's place in the country's list, from 1.",
                "organisation": "Who answers.",
                "dial": "The number as dialled in the country.",
                "calling_code": "The country's calling code.",
                "e164": "The number in E.164 form, for numbers reachable from abroad.",
                "tel": "The number as a tel: URI."
            }
        },
        "topics": {
            "description": "The dataset's topics.",
            "columns": { "id": "The topic's id.", "name": "The topic's name." },
            "label_column": "name"
        },
        "record_topics": {
            "description": "Which record is listed under which topic.",
            "columns": { "record_id": "The record's id.", "topic": "The topic's id." }
        },
        "records_fts": { "hidden": true },
        "excerpts_fts": { "hidden": true }
    });
    let mut databases = Map::new();
    databases.insert(
        database_name(head),
        json!({ "description": d.description.clone().unwrap_or_default(), "tables": tables }),
    );
    json!({
        "title": d.title,
        "description": d.description.clone().unwrap_or_default(),
        "license": format!("{} (the compilation and its metadata; quoted excerpts stay their holders')", d.licence),
        "license_url": super::datapackage::licence_path(&d.licence),
        "source": format!("{} {}", head.name, head.version),
        "databases": databases
    })
}
