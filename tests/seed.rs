//! Provenance: the Peru data against the page it was transcribed from
//! (tests/fixtures/seed/pe-csec.txt, a copy of the seed page). Nothing in the data is absent
//! from the page (apart from the facts named below), and no line of the page is left out.

use std::collections::BTreeSet;
use std::fs;

use serde_json::Value;

const SEED: &str = include_str!("fixtures/seed/pe-csec.txt");

fn files() -> Vec<(String, Value)> {
    let mut paths = vec![
        "dataset/dataset.json".to_string(),
        "dataset/pe/country.json".to_string(),
    ];
    let mut recs: Vec<_> = fs::read_dir("dataset/pe/records")
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .collect();
    recs.sort();
    paths.extend(recs);
    paths
        .into_iter()
        .map(|p| {
            let v = serde_json::from_str(&fs::read_to_string(&p).unwrap()).unwrap();
            (p, v)
        })
        .collect()
}

/// Every string value with its JSON pointer.
fn strings<'a>(v: &'a Value, at: String, out: &mut Vec<(String, &'a str)>) {
    match v {
        Value::String(s) => out.push((at, s)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| strings(x, format!("{at}/{i}"), out)),
        Value::Object(o) => o
            .iter()
            .for_each(|(k, x)| strings(x, format!("{at}/{k}"), out)),
        _ => {}
    }
}

/// Fields that are not transcriptions: identifiers, vocabulary, normalised dates, notes by the
/// maintainers, and the two facts the foundation issue allows from the stored copy of the page.
fn not_transcribed(file: &str, pointer: &str, value: &str) -> bool {
    let last = pointer.rsplit('/').next().unwrap_or_default();
    let parent = pointer.rsplit('/').nth(1).unwrap_or_default();
    matches!(
        last,
        "id" | "country" | "section" | "status" | "basis" | "kind" | "format" | "language" | "calling_code" | "e164" | "code" | "alpha3" | "date" | "topic"
    ) || parent == "topics" && !file.ends_with("dataset.json")
        || parent == "accessed"
        || pointer.starts_with("/maintainer_notes")
        || pointer == "/urls/original" && value.starts_with("https://www.ecpat.org/")
        // The United Nations holds the copyright of UN documents (foundation issue); the page prints "UN".
        || pointer == "/rights/holder" && value == "United Nations"
        // The dataset's own metadata, written for it.
        || file.ends_with("dataset.json")
            && ["/name", "/version", "/title", "/description", "/licence", "/maintainers/0/name", "/topics/0/id", "/topics/1/id", "/topics/2/id"].contains(&pointer)
}

#[test]
fn nothing_in_the_data_is_absent_from_the_page() {
    let mut invented = Vec::new();
    for (file, v) in files() {
        let mut all = Vec::new();
        strings(&v, String::new(), &mut all);
        for (pointer, s) in all {
            if not_transcribed(&file, &pointer, s) {
                continue;
            }
            // Templates stand for the page's own words with a placeholder.
            let s = s
                .replace("{country}", "Peru")
                .replace("{page_title}", "Child Prostitution - Peru");
            if !SEED.contains(&s) {
                invented.push(format!("{file} {pointer}: {s:?}"));
            }
        }
    }
    assert!(invented.is_empty(), "not on the page: {invented:#?}");
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[test]
fn no_line_of_the_page_is_left_out() {
    let mut known = BTreeSet::new();
    let mut accessed = BTreeSet::new();
    for (_, v) in files() {
        let mut all = Vec::new();
        strings(&v, String::new(), &mut all);
        for (pointer, s) in all {
            known.extend(words(s));
            if pointer.starts_with("/accessed/") {
                accessed.insert(s.to_string());
            }
        }
    }
    // Page furniture the layout itself stands for: the menu, section labels, markers.
    let furniture = [
        "main", "menu", "help", "for", "victims", "archives", "caution", "country", "code", "note",
        "pdf", "doc", "cite", "this", "webpage", "as",
    ];
    let mut missing = Vec::new();
    for (n, line) in SEED.lines().enumerate() {
        let line = line.trim_matches(|c: char| c.is_whitespace());
        if let Some(date) = line
            .strip_prefix("[accessed ")
            .and_then(|l| l.strip_suffix(']'))
        {
            let [d, m, y] = date.split(' ').collect::<Vec<_>>()[..] else {
                panic!("line {}: {line}", n + 1)
            };
            let month = MONTHS.iter().position(|x| *x == m).unwrap() + 1;
            let iso = format!("{y}-{month:02}-{:02}", d.parse::<u8>().unwrap());
            if !accessed.contains(&iso) {
                missing.push(format!("line {}: accessed {iso}", n + 1));
            }
            continue;
        }
        for w in words(line) {
            if !known.contains(&w) && !furniture.contains(&w.as_str()) {
                missing.push(format!("line {}: {w:?}", n + 1));
            }
        }
    }
    assert!(missing.is_empty(), "left out: {missing:#?}");
}
