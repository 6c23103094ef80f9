//! `sourcebook release` and `sourcebook diff`: reproducible, self-describing bundles that the
//! formats' own schemas accept; refusal on a dataset with errors; field-level changes.
//!
//! Run with and without the `analyst-formats` feature: without it, builds ask for the text
//! formats alone (`--text-only`), as a build without it must.

mod common;

use std::fs;
use std::path::Path;

use common::{PE_RECORD, Scratch, read_tree, sourcebook, stderr, stdout};
use serde_json::Value;
use sourcebook::release::ANALYST_FORMATS;
use sourcebook::release::columns::RECORD_COLUMNS;
use sourcebook::release::csv::restore;
use sourcebook::release::excerpts::EXCERPT_COLUMNS;

/// `release` with whatever formats this build of the binary can write.
fn build(dataset: &Path, out: &Path, env: &[(&str, &str)]) -> std::process::Output {
    build_with(dataset, out, env, &[])
}

fn build_with(
    dataset: &Path,
    out: &Path,
    env: &[(&str, &str)],
    more: &[&str],
) -> std::process::Output {
    let mut args = vec![
        "release",
        "--dataset",
        dataset.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    if !ANALYST_FORMATS {
        args.push("--text-only");
    }
    args.extend(more);
    sourcebook(&args, env)
}

/// The files of a bundle of the Peru dataset, as this build writes them.
fn expected_files() -> Vec<&'static str> {
    let mut files = vec![
        "SHA256SUMS",
        "datapackage.json",
        "excerpts.csv",
        "records.csl.json",
        "records.csv",
        "records.ndjson",
        "schema/country.schema.json",
        "schema/dataset.schema.json",
        "schema/defs.schema.json",
        "schema/record.schema.json",
        "sourcebook-0.1.0.json",
        "stats.json",
    ];
    if ANALYST_FORMATS {
        files.extend([
            "excerpts.parquet",
            "metadata.json",
            "records.parquet",
            "sourcebook-0.1.0.sqlite",
        ]);
    }
    files.sort();
    files
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
    let first = build(s.root(), a.path(), &env);
    assert_eq!(first.status.code(), Some(0));
    // No progress bar, nor anything else, on a stderr that is not a terminal.
    assert!(first.stderr.is_empty(), "{}", stderr(&first));
    assert_eq!(build(s.root(), b.path(), &env).status.code(), Some(0));
    let (ta, tb) = (
        read_tree(&a.path().join("sourcebook-0.1.0")),
        read_tree(&b.path().join("sourcebook-0.1.0")),
    );
    let names: Vec<&str> = ta.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(names, expected_files());
    // Every file, the Parquet tables and the SQLite database included.
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
    let fields = |r: &Value| -> Vec<String> {
        r["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap().to_string())
            .collect()
    };
    let resource = |path: &str| resources.iter().find(|r| r["path"] == path).unwrap();
    assert_eq!(
        fields(csv_res),
        RECORD_COLUMNS.iter().map(|c| c.name).collect::<Vec<_>>()
    );
    assert_eq!(csv_res["encoding"], "utf-8-sig");
    assert_eq!(
        fields(resource("excerpts.csv")),
        EXCERPT_COLUMNS.iter().map(|c| c.name).collect::<Vec<_>>()
    );
    // The NDJSON is a table of every field a record can have, read by key; not of the first
    // record's fields.
    let nd_res = resource("records.ndjson");
    assert_eq!(nd_res["type"], "table");
    let nd_fields = fields(nd_res);
    assert_eq!(nd_fields.len(), 24);
    assert!(nd_fields.iter().any(|f| f == "maintainer_notes"));
    assert_eq!(
        nd_res["dialect"]["json"]["keys"],
        serde_json::json!(nd_fields)
    );
    for (path, media) in [
        ("stats.json", "application/json"),
        (
            "records.csl.json",
            "application/vnd.citationstyles.csl+json",
        ),
        ("records.csv", "text/csv"),
        ("records.ndjson", "application/x-ndjson"),
    ] {
        assert_eq!(resource(path)["mediatype"], media, "{path}");
    }

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
    let body = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .expect("the CSV starts with a byte-order mark");
    let mut reader = csv::Reader::from_reader(body);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        RECORD_COLUMNS.iter().map(|c| c.name).collect::<Vec<_>>()
    );
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
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(&efe[col("published")], "2004-03-16");
    assert_eq!(&efe[col("published_year")], "2004");
    assert_eq!(&efe[col("published_month")], "3");
    assert_eq!(&efe[col("published_day")], "16");
    // Text is quoted, numbers and full dates are not: a spreadsheet that takes quoted cells
    // as text keeps a partial date a date as written.
    let text = String::from_utf8(body.to_vec()).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("\"pe-2001-five-years-after-stockholm\""))
        .unwrap();
    assert!(line.contains(",\"2001-11\",2001,11,,"), "{line}");
}

#[test]
fn excerpts_csv_has_a_row_per_excerpt_adding_up_to_each_record() {
    let s = Scratch::peru();
    let out = tempfile::tempdir().unwrap();
    assert_eq!(build(s.root(), out.path(), &[]).status.code(), Some(0));
    let dir = out.path().join("sourcebook-0.1.0");
    let read = |name: &str| {
        let bytes = fs::read(dir.join(name)).unwrap();
        let body = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap().to_vec();
        let mut r = csv::Reader::from_reader(body.as_slice());
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        let rows: Vec<Vec<String>> = r
            .records()
            .map(|x| x.unwrap().iter().map(String::from).collect())
            .collect();
        (header, rows)
    };
    let (rh, records) = read("records.csv");
    let (xh, excerpts) = read("excerpts.csv");
    assert_eq!(
        xh,
        EXCERPT_COLUMNS.iter().map(|c| c.name).collect::<Vec<_>>()
    );
    let at = |h: &[String], n: &str| h.iter().position(|x| x == n).unwrap();
    let total: usize = records
        .iter()
        .map(|r| r[at(&rh, "excerpt_count")].parse::<usize>().unwrap())
        .sum();
    assert_eq!(excerpts.len(), total);
    assert_eq!(total, 15);
    for r in &records {
        let id = &r[at(&rh, "id")];
        let mine: Vec<&Vec<String>> = excerpts.iter().filter(|x| &x[0] == id).collect();
        let words: u64 = mine
            .iter()
            .map(|x| x[at(&xh, "words")].parse::<u64>().unwrap())
            .sum();
        assert_eq!(words.to_string(), r[at(&rh, "quoted_words")], "{id}");
        let numbers: Vec<String> = mine.iter().map(|x| x[at(&xh, "number")].clone()).collect();
        let expected: Vec<String> = (1..=mine.len()).map(|n| n.to_string()).collect();
        assert_eq!(numbers, expected, "{id}");
    }
    // Locators and headings have columns of their own.
    let rights = excerpts
        .iter()
        .find(|x| x[0] == "pe-2000-concluding-observations-committee-rights-child")
        .unwrap();
    assert_eq!(rights[at(&xh, "locator")], "27");
    assert!(rights[at(&xh, "text")].starts_with("With regard to the sexual exploitation"));
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
    // The bundle begun while the dataset was checked is gone, not left beside the last one.
    let left: Vec<_> = fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["sourcebook-0.1.0"]);
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
    let o = build_with(
        new.root(),
        out.path(),
        &[],
        &["--previous", prev.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let shipped = fs::read_to_string(out.path().join("sourcebook-0.2.0/CHANGES.md")).unwrap();
    // The diff, with the numbers after its heading.
    let (heading, rest) = md.split_once('\n').unwrap();
    let numbers = shipped
        .strip_prefix(&format!("{heading}\n"))
        .and_then(|s| s.strip_suffix(rest))
        .unwrap_or_else(|| panic!("{shipped}"));
    for line in [
        "| | 0.1.0 | 0.2.0 | Change |",
        "| Records | 11 | 11 | 0 |",
        "| Countries with records | 1 | 1 | 0 |",
        "| Excerpts | 15 | 15 | 0 |",
        "| Undated records | 1 | 0 | −1 |",
        "- Records added: 1, removed: 1, changed: 1.",
    ] {
        assert!(
            numbers.lines().any(|l| l == line),
            "{line:?} not in\n{numbers}"
        );
    }
    assert!(
        numbers.contains("| Words quoted in excerpts | 1098 | "),
        "{numbers}"
    );
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

#[test]
fn a_broken_earlier_release_is_an_error_not_a_panic() {
    let s = Scratch::peru();
    let out = tempfile::tempdir().unwrap();
    let bad = out.path().join("sourcebook-0.0.1.json");
    for text in [
        "{\"schema_version\": 1, \"records\": [",
        "[]",
        "{\"records\": [], \"name\": \"x\"}",
    ] {
        fs::write(&bad, text).unwrap();
        let o = build_with(
            s.root(),
            out.path(),
            &[],
            &["--previous", bad.to_str().unwrap()],
        );
        assert_eq!(o.status.code(), Some(2), "{text}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("sourcebook-0.0.1.json"),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn stats_count_the_dataset_and_ship_with_the_release() {
    let s = Scratch::peru();
    let js = sourcebook(
        &[
            "stats",
            "--format",
            "json",
            "--dataset",
            s.root().to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(js.status.code(), Some(0), "{}", stderr(&js));
    let v: Value = serde_json::from_str(&stdout(&js)).unwrap();
    assert_eq!(v["records"], 11);
    assert_eq!(v["excerpts"], 15);
    assert_eq!(v["quoted_words"], 1098);
    assert_eq!(v["countries_with_records"], 1);
    assert_eq!(v["by_country"]["PE"]["records"], 11);
    assert_eq!(v["by_year"]["values"]["2006"], 2);
    assert_eq!(v["by_year"]["absent"], 1);
    assert_eq!(v["by_format"]["values"]["pdf"], 2);
    assert_eq!(v["by_language"]["values"]["es"], 1);
    assert_eq!(v["by_rights_status"]["values"]["public_domain"], 5);
    assert_eq!(v["by_rights_status"]["values"]["licensed"], 0);
    assert_eq!(v["by_publisher"]["values"]["ECPAT International"], 2);
    assert_eq!(v["coverage"]["undated"], 1);
    assert_eq!(v["coverage"]["published_in_period"], 10);
    assert_eq!(v["coverage"]["dated_to_the_day"], 6);
    assert_eq!(v["coverage"]["dated_to_the_month"], 1);
    assert_eq!(v["coverage"]["dated_to_the_year"], 3);
    let years: Vec<i64> = v["coverage"]["years_without_records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y.as_i64().unwrap())
        .collect();
    assert!(years.contains(&2002) && !years.contains(&2001), "{years:?}");
    assert_eq!(years.len(), 26 - 9, "{years:?}");

    // The release ships exactly what the command prints.
    let out = tempfile::tempdir().unwrap();
    assert_eq!(build(s.root(), out.path(), &[]).status.code(), Some(0));
    let shipped = fs::read(out.path().join("sourcebook-0.1.0/stats.json")).unwrap();
    assert_eq!(shipped, js.stdout);

    let md = stdout(&sourcebook(
        &["stats", "--dataset", s.root().to_str().unwrap()],
        &[],
    ));
    assert!(md.starts_with("# sourcebook 0.1.0 in numbers\n"), "{md}");
    assert!(md.contains("\n| Records | 11 |\n"), "{md}");
    assert!(md.contains("\n| PE Peru | 11 | 15 | 1098 |\n"), "{md}");
    assert!(md.contains("\n| (not given) | 1 |\n"), "{md}");
}

#[test]
fn stats_of_a_broken_dataset_say_what_is_wrong() {
    let s = Scratch::peru();
    s.write(PE_RECORD, "{\"id\": ");
    let o = sourcebook(&["stats", "--dataset", s.root().to_str().unwrap()], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("pe-2004-four-child-prostitution-rings"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("sourcebook check"), "{}", stderr(&o));
}

#[test]
fn records_are_sorted_by_id_even_when_ids_are_not_file_names() {
    let s = Scratch::peru();
    let out = tempfile::tempdir().unwrap();
    assert_eq!(build(s.root(), out.path(), &[]).status.code(), Some(0));
    let sorted = read_tree(&out.path().join("sourcebook-0.1.0"));
    // With SB502 turned off, a record may sit in a file named otherwise: here one that sorts
    // last, so reading by file name gives the wrong order.
    s.replace(
        "dataset.json",
        "\"policy\"",
        "\"rules\": { \"SB502\": \"allow\" },\n  \"policy\"",
    );
    let text = s.read(PE_RECORD);
    s.remove(PE_RECORD);
    s.write("pe/records/pe-zzzz.json", text);
    let check = sourcebook(&["check", "--dataset", s.root().to_str().unwrap()], &[]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    let out2 = tempfile::tempdir().unwrap();
    let o = build(s.root(), out2.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let reordered = read_tree(&out2.path().join("sourcebook-0.1.0"));
    let get =
        |tree: &[(String, Vec<u8>)], p: &str| tree.iter().find(|(q, _)| q == p).unwrap().1.clone();
    for file in [
        "records.ndjson",
        "records.csv",
        "excerpts.csv",
        "records.csl.json",
    ] {
        assert_eq!(get(&reordered, file), get(&sorted, file), "{file}");
    }
}

#[test]
fn without_the_binary_formats_a_release_is_refused_or_asked_for() {
    let s = Scratch::peru();
    let out = tempfile::tempdir().unwrap();
    let full = sourcebook(
        &[
            "release",
            "--dataset",
            s.root().to_str().unwrap(),
            "--out",
            out.path().to_str().unwrap(),
        ],
        &[],
    );
    if ANALYST_FORMATS {
        assert_eq!(full.status.code(), Some(0), "{}", stderr(&full));
    } else {
        assert_eq!(full.status.code(), Some(2));
        assert!(
            stderr(&full).contains("`analyst-formats` feature"),
            "{}",
            stderr(&full)
        );
        assert!(stderr(&full).contains("--text-only"), "{}", stderr(&full));
        assert!(
            !out.path().join("sourcebook-0.1.0").exists(),
            "nothing built"
        );
    }
    let text = sourcebook(
        &[
            "release",
            "--text-only",
            "--dataset",
            s.root().to_str().unwrap(),
            "--out",
            out.path().to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(text.status.code(), Some(0), "{}", stderr(&text));
    let files: Vec<String> = read_tree(&out.path().join("sourcebook-0.1.0"))
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    assert!(
        files
            .iter()
            .all(|f| !f.ends_with(".parquet") && !f.ends_with(".sqlite")),
        "{files:?}"
    );
    assert!(files.iter().any(|f| f == "excerpts.csv"), "{files:?}");
}

/// The stages a build went through, as it told its progress.
#[derive(Default)]
struct Stages(std::sync::Mutex<Vec<String>>);

impl sourcebook::progress::Progress for Stages {
    fn begin(&self, what: &str, _: u64) {
        self.0.lock().unwrap().push(what.to_string());
    }
}

/// Build through the library, as the binary does, with the shipped dataset as the earlier
/// version (so CHANGES.md is written too); the bundle's files and the stages passed.
fn build_stages(dataset: &Path) -> (Vec<(String, Vec<u8>)>, Vec<String>) {
    let out = tempfile::tempdir().unwrap();
    let mut opts = sourcebook::release::Options::new(dataset, out.path());
    opts.epoch = Some(1_764_288_000);
    opts.text_only = !ANALYST_FORMATS;
    opts.previous = Some(Path::new("dataset").to_path_buf());
    let stages = Stages::default();
    let built = sourcebook::release::build(&opts, &stages).unwrap();
    assert!(
        matches!(built, sourcebook::release::Outcome::Built(_)),
        "{built:?}"
    );
    let tree = read_tree(&out.path().join("sourcebook-0.1.0"));
    assert!(tree.iter().any(|(p, _)| p == "CHANGES.md"));
    (tree, stages.0.into_inner().unwrap())
}

/// `check` on the scratch dataset ends with `summary`.
fn assert_check_says(s: &Scratch, summary: &str) {
    let check = sourcebook(&["check", "--dataset", s.root().to_str().unwrap()], &[]);
    assert!(stdout(&check).contains(summary), "{}", stdout(&check));
}

/// Set one rule's level in the dataset's `rules`.
fn set_rule(s: &Scratch, code: &str, level: &str) {
    s.replace(
        "dataset.json",
        "\"policy\"",
        &format!("\"rules\": {{ \"{code}\": \"{level}\" }},\n  \"policy\""),
    );
}

fn assert_same_tree(one: &[(String, Vec<u8>)], two: &[(String, Vec<u8>)]) {
    assert_eq!(
        one.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        two.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for ((path, a), (_, b)) in one.iter().zip(two) {
        assert!(a == b, "{path} differs");
    }
}

/// A clean dataset is checked and written in one pass over its files. Where ids are not their
/// file names (SB502 turned off), the order of the files is not the ids' and the build reads
/// the records again, sorted by id. Both ways give the same bundle, byte for byte.
#[test]
fn one_pass_and_a_second_reading_write_the_same_bundle() {
    let s = Scratch::peru();
    set_rule(&s, "SB502", "allow");
    let (one, stages) = build_stages(s.root());
    assert_eq!(stages, ["checking", "finishing"]);
    // The record sits in a file that sorts last, so it comes last in the one pass.
    let text = s.read(PE_RECORD);
    s.remove(PE_RECORD);
    s.write("pe/records/pe-zzzz.json", text);
    let (two, stages) = build_stages(s.root());
    // The second reading goes by file name first too, then by the ids it read.
    assert_eq!(
        stages,
        ["checking", "records", "reading ids", "records", "finishing"]
    );
    assert_same_tree(&one, &two);
}

/// A record with a finding is not taken from the check's reading (which passes over what it
/// reported) but read from its file, as the second reading would, still in the one pass: here
/// a byte-order mark, which the dataset makes a warning.
#[test]
fn a_record_with_a_finding_is_read_from_its_file_in_the_one_pass() {
    let s = Scratch::peru();
    set_rule(&s, "SB104", "warning");
    let (clean, _) = build_stages(s.root());
    let text = s.read(PE_RECORD);
    s.write(PE_RECORD, format!("\u{feff}{text}"));
    assert_check_says(&s, "0 errors, 1 warning");
    let (marked, stages) = build_stages(s.root());
    assert_eq!(stages, ["checking", "finishing"]);
    assert_same_tree(&clean, &marked);
}

/// The bundle's directory is named from `dataset.json` before the check has read it. A name
/// that would lead out of `--out` is refused with the check's findings, and nothing is
/// written anywhere, not even `--out`; nor is anything left by a dataset refused later.
#[test]
fn a_name_that_leads_elsewhere_is_refused_before_anything_is_written() {
    let s = Scratch::peru();
    // (`replace` fails the test when the text is not there.)
    s.replace(
        "dataset.json",
        "\"name\": \"sourcebook\"",
        "\"name\": \"../escaped\"",
    );
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("dist");
    let mut opts = sourcebook::release::Options::new(s.root(), &out);
    opts.text_only = !ANALYST_FORMATS;
    let built = sourcebook::release::build(&opts, &Stages::default()).unwrap();
    let sourcebook::release::Outcome::Refused(report) = built else {
        panic!("{built:?}");
    };
    assert!(report.has_errors());
    let left: Vec<_> = fs::read_dir(root.path()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
    // Refused in the one pass, once the bundle was begun: that `--out` goes too.
    s.replace(
        "dataset.json",
        "\"name\": \"../escaped\"",
        "\"name\": \"sourcebook\"",
    );
    s.replace(PE_RECORD, "\"2004-03-16\"", "\"2004-13-16\"");
    let built = sourcebook::release::build(&opts, &Stages::default()).unwrap();
    assert!(
        matches!(built, sourcebook::release::Outcome::Refused(_)),
        "{built:?}"
    );
    let left: Vec<_> = fs::read_dir(root.path()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

/// One id can begin another (`x` and `x-un-1`), and then its file walks after the other's
/// (`x-un-1.json` before `x.json`). The one pass still takes the records in id order.
#[test]
fn ids_that_begin_others_are_still_written_in_id_order_in_one_pass() {
    let s = Scratch::peru();
    let original: Value = serde_json::from_str(&s.read(PE_RECORD)).unwrap();
    let mut copy = original.clone();
    let title = format!("{} (copy 1)", original["title"].as_str().unwrap());
    let taken = std::collections::BTreeSet::from([original["id"].as_str().unwrap().to_string()]);
    let id = sourcebook::model::derive_id(
        "PE",
        Some(2004),
        original["publisher"]["name"].as_str(),
        &title,
        &taken,
    );
    let prefix = format!("{}-", original["id"].as_str().unwrap());
    assert!(id.starts_with(&prefix), "{id} should begin with {prefix}");
    copy["id"] = Value::from(id.clone());
    copy["title"] = Value::from(title);
    copy.as_object_mut().unwrap().remove("placement");
    // Another address, so the duplicate-source rule sees another source.
    let urls = copy.get_mut("urls").and_then(Value::as_object_mut);
    for v in urls.into_iter().flat_map(|u| u.values_mut()) {
        let u = format!("{}?copy=1", v.as_str().unwrap());
        *v = Value::from(u);
    }
    s.write(
        &format!("pe/records/{id}.json"),
        sourcebook::fmt::format_value(&copy, sourcebook::layout::Kind::Record),
    );
    assert_check_says(&s, "0 errors, 0 warnings");
    let (tree, stages) = build_stages(s.root());
    assert_eq!(stages, ["checking", "finishing"]);
    let ndjson = &tree.iter().find(|(p, _)| p == "records.ndjson").unwrap().1;
    let ids: Vec<String> = std::str::from_utf8(ndjson)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids.len(), 12);
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    let at = ids.iter().position(|i| i == &id).unwrap();
    assert_eq!(ids[at - 1], original["id"].as_str().unwrap());
}

/// With the rules that would refuse them turned off, a record may name a topic or a country
/// the dataset does not have. The text formats can hold it; the database, whose rows may only
/// refer to its own countries and topics, cannot, and the writer refuses it before SQLite is
/// asked (SQLite does not enforce the foreign keys while the rows go in): no bundle is left.
#[test]
fn a_reference_the_database_cannot_hold_refuses_the_release() {
    let topic = Scratch::peru();
    set_rule(&topic, "SB506", "allow");
    topic.replace(PE_RECORD, "\"topics\": [", "\"topics\": [\n    \"zzz\",");
    let country = Scratch::peru();
    country.replace(
        "dataset.json",
        "\"policy\"",
        "\"rules\": { \"SB501\": \"allow\", \"SB503\": \"allow\" },\n  \"policy\"",
    );
    country.replace(PE_RECORD, "\"country\": \"PE\"", "\"country\": \"XK\"");
    for (s, what) in [(&topic, "topic `zzz`"), (&country, "country `XK`")] {
        let check = sourcebook(&["check", "--dataset", s.root().to_str().unwrap()], &[]);
        assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
        let out = tempfile::tempdir().unwrap();
        let o = build(s.root(), out.path(), &[]);
        if !ANALYST_FORMATS {
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            continue;
        }
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        // The message is wrapped to the terminal's width: read it without the wrapping.
        let err = stderr(&o);
        let unwrapped: String = err
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '│')
            .collect();
        for part in [what, "pe-2004-four-child-prostitution-rings-identified"] {
            let part: String = part.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(unwrapped.contains(&part), "{err}");
        }
        assert_eq!(fs::read_dir(out.path()).unwrap().count(), 0, "{err}");
    }
}

/// Each record's text is made in a buffer the writer hands back for the next record
/// (`bundle::Buffers`), which only happens once more records are read than the workers run
/// ahead. With hundreds of records, every line of the NDJSON file is one whole record, the same
/// as the document's, and every CSV row and CSL item is there: nothing of a buffer's earlier
/// record is left in it.
#[test]
fn hundreds_of_records_each_come_out_whole() {
    let s = Scratch::peru();
    let dir = s.path("pe/records");
    let originals: Vec<(String, String)> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let id = p.file_stem().unwrap().to_str().unwrap().to_string();
            (id, fs::read_to_string(&p).unwrap())
        })
        .collect();
    let copies = 60;
    for (id, text) in &originals {
        for k in 1..=copies {
            let new = format!("{id}-copy-{k}");
            let text = text
                .replacen(
                    &format!("\"id\": \"{id}\""),
                    &format!("\"id\": \"{new}\""),
                    1,
                )
                .replacen("\"title\": \"", &format!("\"title\": \"Copy {k}: "), 1);
            s.write(&format!("pe/records/{new}.json"), text);
        }
    }
    let n = originals.len() * (copies + 1);
    // The copies keep their originals' places on the site's pages.
    set_rule(&s, "SB508", "allow");
    assert_check_says(&s, "0 errors, 0 warnings");

    let (tree, stages) = build_stages(s.root());
    assert_eq!(stages, ["checking", "finishing"], "one pass");
    let read = |rel: &str| {
        let (_, bytes) = tree.iter().find(|(p, _)| p == rel).unwrap();
        String::from_utf8(bytes.clone()).unwrap()
    };
    let document: Value = serde_json::from_str(&read("sourcebook-0.1.0.json")).unwrap();
    let records = document["records"].as_array().unwrap();
    assert_eq!(records.len(), n);
    let lines: Vec<Value> = read("records.ndjson")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(&lines, records);
    let csl: Vec<Value> = serde_json::from_str(&read("records.csl.json")).unwrap();
    assert_eq!(csl.len(), n);
    let csv = read("records.csv");
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let ids: Vec<String> = rows.records().map(|r| r.unwrap()[0].to_string()).collect();
    let want: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, want);
}
