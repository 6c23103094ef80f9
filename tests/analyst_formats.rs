//! The Parquet tables and the SQLite database of a release, read back with the readers of
//! those formats (the `parquet` crate's Arrow reader, SQLite itself): row counts, types,
//! values, keys, full-text search, and the partitioned copy. Only with the `analyst-formats`
//! feature, which writes them; `.ci/run` reads them again with DuckDB and the sqlite3 shell.

#![cfg(feature = "analyst-formats")]

mod common;

use std::fs::File;
use std::path::{Path, PathBuf};

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Int64Type};
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use common::{Scratch, sourcebook, stderr};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use sourcebook::release::parquet::unix_days;

fn release(s: &Scratch, more: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let mut args = vec![
        "release",
        "--dataset",
        s.root().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ];
    args.extend(more);
    let o = sourcebook(&args, &[("SOURCE_DATE_EPOCH", "1764320000")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let dir = out.path().join("sourcebook-0.1.0");
    (out, dir)
}

/// Every row of a Parquet file, as one batch, with its schema's types.
fn read_parquet(path: &Path) -> RecordBatch {
    let builder = ParquetRecordBatchReaderBuilder::try_new(File::open(path).unwrap()).unwrap();
    let schema = builder.schema().clone();
    let batches: Vec<RecordBatch> = builder.build().unwrap().map(|b| b.unwrap()).collect();
    arrow_select_concat(&schema, &batches)
}

fn arrow_select_concat(schema: &arrow_schema::SchemaRef, batches: &[RecordBatch]) -> RecordBatch {
    // Small files: one batch is all the reader returns, or none for an empty table.
    match batches {
        [] => RecordBatch::new_empty(schema.clone()),
        [one] => one.clone(),
        _ => panic!("expected one batch, got {}", batches.len()),
    }
}

fn column<'a>(b: &'a RecordBatch, name: &str) -> &'a dyn Array {
    b.column_by_name(name)
        .unwrap_or_else(|| panic!("no column {name}"))
        .as_ref()
}

#[test]
fn parquet_tables_have_their_types_and_every_row() {
    let s = Scratch::peru();
    let (_out, dir) = release(&s, &[]);
    let records = read_parquet(&dir.join("records.parquet"));
    assert_eq!(records.num_rows(), 11);
    let kind = |name: &str| {
        records
            .schema()
            .field_with_name(name)
            .unwrap()
            .data_type()
            .clone()
    };
    assert_eq!(kind("id"), DataType::Utf8);
    assert_eq!(kind("published"), DataType::Utf8);
    assert_eq!(kind("published_year"), DataType::Int64);
    assert_eq!(kind("last_accessed"), DataType::Date32);
    assert!(matches!(kind("topics"), DataType::List(f) if *f.data_type() == DataType::Utf8));
    assert!(matches!(kind("accessed"), DataType::List(f) if *f.data_type() == DataType::Date32));
    assert!(
        records.schema().field_with_name("excerpts").is_err(),
        "excerpts have their own table"
    );

    let ids = column(&records, "id").as_string::<i32>();
    let ids: Vec<&str> = (0..ids.len()).map(|i| ids.value(i)).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    let row = ids
        .iter()
        .position(|i| *i == "pe-2001-five-years-after-stockholm")
        .unwrap();
    let year = column(&records, "published_year").as_primitive::<Int64Type>();
    let month = column(&records, "published_month").as_primitive::<Int64Type>();
    let day = column(&records, "published_day").as_primitive::<Int64Type>();
    assert_eq!((year.value(row), month.value(row)), (2001, 11));
    assert!(day.is_null(row), "no day is invented");
    let last = column(&records, "last_accessed").as_primitive::<Date32Type>();
    assert_eq!(last.value(row), unix_days(&"2011-09-13".parse().unwrap()));
    let undated = ids
        .iter()
        .position(|i| *i == "pe-nd-child-labor-peru")
        .unwrap();
    assert!(year.is_null(undated));

    let excerpts = read_parquet(&dir.join("excerpts.parquet"));
    assert_eq!(excerpts.num_rows(), 15);
    let words = column(&excerpts, "words").as_primitive::<Int64Type>();
    let total: i64 = (0..words.len()).map(|i| words.value(i)).sum();
    let quoted = column(&records, "quoted_words").as_primitive::<Int64Type>();
    assert_eq!(
        total,
        (0..quoted.len()).map(|i| quoted.value(i)).sum::<i64>()
    );
}

#[test]
fn large_datasets_are_partitioned_in_hives_layout() {
    let s = Scratch::peru();
    let (_out, dir) = release(&s, &["--partition-records", "1"]);
    let records = read_parquet(&dir.join("parquet/records/country=PE/part-0.parquet"));
    let excerpts = read_parquet(&dir.join("parquet/excerpts/country=PE/part-0.parquet"));
    assert_eq!((records.num_rows(), excerpts.num_rows()), (11, 15));
    assert!(
        records.schema().field_with_name("country").is_err(),
        "the path holds it"
    );
    assert!(
        excerpts.schema().field_with_name("country").is_err(),
        "the path holds it"
    );
    let dp: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("datapackage.json")).unwrap()).unwrap();
    let paths: Vec<&str> = dp["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.contains(&"parquet/records/country=PE/part-0.parquet"),
        "{paths:?}"
    );
    // Below the threshold there is no partitioned copy.
    let (_o2, plain) = release(&s, &[]);
    assert!(!plain.join("parquet").exists());
}

#[test]
fn the_sqlite_database_has_keys_indexes_and_full_text_search() {
    let s = Scratch::peru();
    // One word of an excerpt with an accent, to search for without it.
    s.replace(
        common::PE_RECORD,
        "jungle city of Iquitos",
        "jungle city of Iquítos",
    );
    let (_out, dir) = release(&s, &[]);
    let db = rusqlite::Connection::open_with_flags(
        dir.join("sourcebook-0.1.0.sqlite"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let count = |sql: &str| -> i64 { db.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM records"), 11);
    assert_eq!(count("SELECT count(*) FROM excerpts"), 15);
    assert_eq!(count("SELECT count(*) FROM countries"), 1);
    assert_eq!(
        count("SELECT count(*) FROM helplines WHERE country = 'PE'"),
        1
    );
    assert_eq!(count("SELECT count(*) FROM topics"), 3);
    assert_eq!(count("SELECT count(*) FROM record_topics"), 11);
    assert_eq!(count("SELECT count(*) FROM pragma_foreign_key_check"), 0);
    // The page size is set before the first table, or SQLite keeps its default.
    assert_eq!(
        count("PRAGMA page_size"),
        i64::from(sourcebook::release::sqlite::PAGE_SIZE)
    );
    let fks = count("SELECT count(*) FROM pragma_foreign_key_list('excerpts')");
    assert_eq!(fks, 1);
    let ok: String = db
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    // A word of an excerpt finds it, its accent folded away.
    let found: String = db
        .query_row(
            "SELECT excerpts.record_id FROM excerpts_fts JOIN excerpts ON excerpts.rowid = excerpts_fts.rowid \
             WHERE excerpts_fts MATCH 'iquitos'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(found, "pe-2004-four-child-prostitution-rings-identified");
    assert_eq!(
        count("SELECT count(*) FROM excerpts_fts WHERE excerpts_fts MATCH 'chiclayo'"),
        1
    );
    assert_eq!(
        count("SELECT count(*) FROM excerpts_fts WHERE excerpts_fts MATCH 'xylophone'"),
        0
    );
    let title: String = db
        .query_row(
            "SELECT records.id FROM records_fts JOIN records ON records.rowid = records_fts.rowid \
             WHERE records_fts MATCH 'stockholm'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(title, "pe-2001-five-years-after-stockholm");
    // The excerpts' full-text index was built with the larger in-memory batch that shortens its
    // build (bench/NOTES.md), and keeps it for later writes, as docs/release.md says.
    assert_eq!(
        count("SELECT v FROM excerpts_fts_config WHERE k = 'hashsize'"),
        8 << 20
    );
    // Each full-text index holds exactly the words of the rows it points at: FTS5 compares
    // the index with the tables' text, as a row added without its index entry, or indexed
    // with other text than the row holds, would fail.
    let rw = rusqlite::Connection::open(dir.join("sourcebook-0.1.0.sqlite")).unwrap();
    for fts in ["records_fts", "excerpts_fts"] {
        rw.execute(
            &format!("INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)"),
            [],
        )
        .unwrap_or_else(|e| panic!("{fts}: {e}"));
    }
    let topics: String = db
        .query_row(
            "SELECT topics FROM records WHERE id = 'pe-2001-five-years-after-stockholm'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(topics, "[\"csec\"]");
    let idx = count(
        "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'records_by_country'",
    );
    assert_eq!(idx, 1);
}

#[test]
fn datasette_metadata_names_the_database_and_its_tables() {
    let s = Scratch::peru();
    let (_out, dir) = release(&s, &[]);
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("metadata.json")).unwrap()).unwrap();
    let tables = &meta["databases"]["sourcebook-0.1.0"]["tables"];
    assert_eq!(tables["records"]["fts_table"], "records_fts");
    assert_eq!(tables["excerpts"]["fts_table"], "excerpts_fts");
    let db = rusqlite::Connection::open(dir.join("sourcebook-0.1.0.sqlite")).unwrap();
    for (table, t) in tables.as_object().unwrap() {
        let n: i64 = db
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1, "metadata names table {table}");
        for col in t["columns"].as_object().into_iter().flat_map(|c| c.keys()) {
            let n: i64 = db
                .query_row(
                    "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2",
                    [table, col],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(n, 1, "{table}.{col}");
        }
    }
    assert!(meta["license"].as_str().unwrap().starts_with("CC-BY-4.0"));
}
