//! `sourcebook release` and `sourcebook diff`: reproducible, self-describing bundles that the
//! formats' own schemas accept; refusal on a dataset with errors; field-level changes.

mod common;

use std::fs;
use std::path::Path;

use common::{PE_RECORD, Scratch, read_tree, sourcebook, stderr, stdout};
use serde_json::Value;
use sourcebook::release::csv::{COLUMNS, restore};

fn build(dataset: &Path, out: &Path, env: &[(&str, &str)]) -> std::process::Output {
    sourcebook(
        &[
            "release",
            "--dataset",
            dataset.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        env,
    )
}

/// Hashed here with sha2 directly, not with the function the release wrote them with.
fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn two_builds_are_byte_identical() {
    let s = Scratch::peru();
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let env = [("SOURCE_DATE_EPOCH", "1764320000")];
    assert_eq!(build(s.root(), a.path(), &env).status.code(), Some(0));
    assert_eq!(build(s.root(), b.path(), &env).status.code(), Some(0));
    let (ta, tb) = (
        read_tree(&a.path().join("sourcebook-0.1.0")),
        read_tree(&b.path().join("sourcebook-0.1.0")),
    );
    assert_eq!(ta.len(), 10);
    assert_eq!(ta, tb);
    let dp: Value =
        serde_json::from_slice(&ta.iter().find(|(p, _)| p == "datapackage.json").unwrap().1)
            .unwrap();
    assert_eq!(dp["created"], "2025-11-28T08:53:20Z");
}

#[test]
fn the_bundle_describes_itself_truthfully() {
    let s = Scratch::peru();
    let out = tempfile::tempdir().unwrap();
    assert_eq!(build(s.root(), out.path(), &[]).status.code(), Some(0));
    let dir = out.path().join("sourcebook-0.1.0");
    let files = read_tree(&dir);
    let get = |p: &str| {
        files
            .iter()
            .find(|(q, _)| q == p)
            .map(|(_, b)| b.clone())
            .unwrap_or_else(|| panic!("{p} missing"))
    };

    // SHA256SUMS: "<hex>  <path>", sorted by path, every other file, each hash right.
    let sums = String::from_utf8(get("SHA256SUMS")).unwrap();
    let listed: Vec<(&str, &str)> = sums.lines().map(|l| l.split_once("  ").unwrap()).collect();
    let paths: Vec<&str> = listed.iter().map(|(_, p)| *p).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(paths.len(), files.len() - 1);
    for (hash, path) in &listed {
        assert_eq!(*hash, sha256(&get(path)), "{path}");
    }

    // datapackage.json: every file but itself and SHA256SUMS, with its size and hash.
    let dp: Value = serde_json::from_slice(&get("datapackage.json")).unwrap();
    let resources = dp["resources"].as_array().unwrap();
    assert_eq!(resources.len(), files.len() - 2);
    for r in resources {
        let bytes = get(r["path"].as_str().unwrap());
        assert_eq!(r["bytes"], bytes.len());
        assert_eq!(r["hash"], format!("sha256:{}", sha256(&bytes)));
    }
    assert_eq!(dp["version"], "0.1.0");
    assert_eq!(dp["licenses"][0]["name"], "CC-BY-4.0");
    assert!(
        dp.get("created").is_none(),
        "no clock: without SOURCE_DATE_EPOCH or git there is no time"
    );
    let csv_res = resources
        .iter()
        .find(|r| r["path"] == "records.csv")
        .unwrap();
    let fields: Vec<&str> = csv_res["schema"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(fields, COLUMNS.iter().map(|c| c.name).collect::<Vec<_>>());

    // The release document and NDJSON hold the 11 records, sorted by id, as in the dataset.
    let doc: Value = serde_json::from_slice(&get("sourcebook-0.1.0.json")).unwrap();
    assert_eq!(doc["schema_version"], 1);
    let ids: Vec<&str> = doc["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let mut sorted_ids = ids.clone();
    sorted_ids.sort();
    assert_eq!(ids, sorted_ids);
    let nd = String::from_utf8(get("records.ndjson")).unwrap();
    assert_eq!(nd.lines().count(), 11);
    let first: Value = serde_json::from_str(nd.lines().next().unwrap()).unwrap();
    let on_disk: Value =
        serde_json::from_str(&s.read(&format!("pe/records/{}.json", ids[0]))).unwrap();
    assert_eq!(first, on_disk);

    // The schemas the release was validated against ship with it.
    assert_eq!(
        get("schema/record.schema.json"),
        fs::read("schema/record.schema.json").unwrap()
    );
}

#[test]
fn csl_json_validates_against_the_csl_schema() {
    let s = Scratch::peru();
    let out = tempfile::tempdir().unwrap();
    build(s.root(), out.path(), &[]);
    let csl: Value = serde_json::from_slice(
        &fs::read(out.path().join("sourcebook-0.1.0/records.csl.json")).unwrap(),
    )
    .unwrap();
    let schema: Value =
        serde_json::from_str(&fs::read_to_string("tests/fixtures/schemas/csl-data.json").unwrap())
            .unwrap();
    let v = jsonschema::options().offline().build(&schema).unwrap();
    let errors: Vec<String> = v
        .iter_errors(&csl)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let items = csl.as_array().unwrap();
    assert_eq!(items.len(), 11);
    let five = items
        .iter()
        .find(|i| i["id"] == "pe-2001-five-years-after-stockholm")
        .unwrap();
    assert_eq!(
        five["issued"]["date-parts"],
        serde_json::json!([[2001, 11]])
    );
    assert_eq!(
        five["accessed"]["date-parts"],
        serde_json::json!([[2011, 9, 13]])
    );
    assert_eq!(five["publisher"], "ECPAT International");
    assert_eq!(
        five["title"],
        "Five Years After Stockholm: ECPAT: Fifth Report on implementation of the Agenda for Action"
    );
    let undated = items
        .iter()
        .find(|i| i["id"] == "pe-nd-child-labor-peru")
        .unwrap();
    assert!(undated.get("issued").is_none(), "no date is invented");
    let efe = items
        .iter()
        .find(|i| i["id"] == "pe-2004-four-child-prostitution-rings-identified")
        .unwrap();
    assert_eq!(efe["type"], "article-newspaper");
}

#[test]
fn csv_cells_never_start_a_formula_and_round_trip() {
    let s = Scratch::peru();
    s.replace(
        PE_RECORD,
        "\"Four Child Prostitution Rings Identified In Peru\"",
        "\"=HYPERLINK(\\\"http://x\\\")\"",
    );
    let out = tempfile::tempdir().unwrap();
    let o = build(s.root(), out.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bytes = fs::read(out.path().join("sourcebook-0.1.0/records.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, COLUMNS.iter().map(|c| c.name).collect::<Vec<_>>());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 11);
    for row in &rows {
        for cell in row.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']),
                "formula cell {cell:?}"
            );
        }
    }
    let title = header.iter().position(|h| h == "title").unwrap();
    let efe = rows
        .iter()
        .find(|r| &r[0] == "pe-2004-four-child-prostitution-rings-identified")
        .unwrap();
    assert_eq!(&efe[title], "'=HYPERLINK(\"http://x\")");
    assert_eq!(restore(&efe[title]), "=HYPERLINK(\"http://x\")");
    let helplines = header.iter().position(|h| h == "helplines").unwrap();
    assert_eq!(&efe[helplines], "Ministry of Interior <tel:+5115180000>");
}

#[test]
fn a_dataset_with_errors_is_refused_and_the_last_release_survives() {
    let s = Scratch::peru();
    let out = tempfile::tempdir().unwrap();
    assert_eq!(build(s.root(), out.path(), &[]).status.code(), Some(0));
    let before = read_tree(&out.path().join("sourcebook-0.1.0"));
    s.replace(PE_RECORD, "\"2004-03-16\"", "\"2004-13-16\"");
    let o = build(s.root(), out.path(), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("error[SB205]"), "{}", stderr(&o));
    assert!(stderr(&o).contains("no release built"));
    assert_eq!(read_tree(&out.path().join("sourcebook-0.1.0")), before);
    let bad_epoch = build(
        Path::new("dataset"),
        out.path(),
        &[("SOURCE_DATE_EPOCH", "yesterday")],
    );
    assert_eq!(bad_epoch.status.code(), Some(2));
}

#[test]
fn diff_reports_records_field_by_field_and_ships_with_a_release() {
    let old = Scratch::peru();
    let new = Scratch::peru();
    new.replace(PE_RECORD, "\"2011-09-17\"", "\"2011-09-18\"");
    new.remove("pe/records/pe-nd-child-labor-peru.json");
    let text = new
        .read("pe/records/pe-2001-five-years-after-stockholm.json")
        .replace(
            "pe-2001-five-years-after-stockholm",
            "pe-2001-five-years-after-stockholm-ecpat",
        );
    new.write(
        "pe/records/pe-2001-five-years-after-stockholm-ecpat.json",
        text,
    );
    new.replace("dataset.json", "\"0.1.0\"", "\"0.2.0\"");

    let md = sourcebook(
        &[
            "diff",
            old.root().to_str().unwrap(),
            new.root().to_str().unwrap(),
        ],
        &[],
    );
    let md = stdout(&md);
    assert!(md.starts_with("## Changes from 0.1.0 to 0.2.0"), "{md}");
    assert!(md.contains("### Records added (1)\n\n- `pe-2001-five-years-after-stockholm-ecpat` Five Years After Stockholm"), "{md}");
    assert!(
        md.contains("### Records removed (1)\n\n- `pe-nd-child-labor-peru` Child Labor in Peru"),
        "{md}"
    );
    assert!(
        md.contains("  - `accessed[0]`: `\"2011-09-17\"` → `\"2011-09-18\"`"),
        "{md}"
    );

    let js = sourcebook(
        &[
            "diff",
            "--format",
            "json",
            old.root().to_str().unwrap(),
            new.root().to_str().unwrap(),
        ],
        &[],
    );
    let js: Value = serde_json::from_str(&stdout(&js)).unwrap();
    assert_eq!(
        js["records_changed"][0]["changes"][0]["field"],
        "accessed[0]"
    );
    assert_eq!(js["records_changed"][0]["changes"][0]["new"], "2011-09-18");

    // Releases compare too, and a release built with --previous ships the delta.
    let out = tempfile::tempdir().unwrap();
    build(old.root(), out.path(), &[]);
    let prev = out.path().join("sourcebook-0.1.0");
    let o = sourcebook(
        &[
            "release",
            "--dataset",
            new.root().to_str().unwrap(),
            "--out",
            out.path().to_str().unwrap(),
            "--previous",
            prev.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let shipped = fs::read_to_string(out.path().join("sourcebook-0.2.0/CHANGES.md")).unwrap();
    assert_eq!(shipped, md);
    assert!(out.path().join("sourcebook-0.2.0/changes.json").exists());
    let same = sourcebook(
        &[
            "diff",
            "--exit-code",
            prev.to_str().unwrap(),
            old.root().to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(same.status.code(), Some(0), "{}", stdout(&same));
    let differs = sourcebook(
        &[
            "diff",
            "--exit-code",
            prev.to_str().unwrap(),
            new.root().to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(differs.status.code(), Some(1));
}
