//! Faults injected into a copy of the Peru dataset are all reported, each at its line and
//! column, by the binary, and the run exits 1.

mod common;

use std::collections::BTreeSet;

use common::{Scratch, line_col, sourcebook};

type Finding = (String, String, Option<usize>, Option<usize>);

fn run_json(s: &Scratch) -> (i32, BTreeSet<Finding>) {
    let root = s.root().to_str().unwrap();
    let out = sourcebook(&["check", "--dataset", root, "--format", "json"], &[]);
    let found = common::diagnostics(&out)
        .into_iter()
        .map(|v| {
            let path = v["path"]
                .as_str()
                .unwrap()
                .trim_start_matches(root)
                .trim_start_matches('/')
                .to_string();
            (
                v["code"].as_str().unwrap().to_string(),
                path,
                v["line"].as_u64().map(|n| n as usize),
                v["column"].as_u64().map(|n| n as usize),
            )
        })
        .collect();
    (out.status.code().unwrap(), found)
}

/// Injects faults and records where each must be reported.
struct Injector {
    s: Scratch,
    expected: BTreeSet<Finding>,
}

impl Injector {
    fn new() -> Self {
        Injector {
            s: Scratch::peru(),
            expected: BTreeSet::new(),
        }
    }

    /// Replace `from` with `to` in `file`; expect `code` at the start of `to` plus `shift` bytes.
    fn replace(&mut self, file: &str, from: &str, to: &str, code: &str, shift: usize) {
        let at = self.s.replace(file, from, to);
        let (l, c) = line_col(&self.s.read(file), at + shift);
        self.expected
            .insert((code.into(), file.into(), Some(l), Some(c)));
    }
}

fn rec(id: &str) -> String {
    format!("pe/records/{id}.json")
}

#[test]
fn every_injected_fault_is_reported_at_its_line_and_column() {
    let mut j = Injector::new();
    let efe = rec("pe-2004-four-child-prostitution-rings-identified");
    // A duplicate key: reported at the repeat.
    j.replace(
        &efe,
        "  \"title\":",
        "  \"title\": \"x\",\n  \"title\":",
        "SB102",
        "  \"title\": \"x\",\n  ".len(),
    );
    // A wrong type.
    let hrr = rec("pe-2020-2019-country-reports-human-rights");
    j.replace(
        &hrr,
        "\"quoted_words\": 222",
        "\"quoted_words\": \"222\"",
        "SB203",
        "\"quoted_words\": ".len(),
    );
    // An unknown field: at its key.
    let dol = rec("pe-2019-2018-findings-worst-forms-child");
    j.replace(
        &dol,
        "  \"title\":",
        "  \"tittle\": \"x\",\n  \"title\":",
        "SB201",
        2,
    );
    // A missing field: at the object that lacks it.
    let crc = rec("pe-2000-concluding-observations-committee-rights-child");
    let text = j.s.read(&crc);
    let start = text.find("  \"title\":").unwrap();
    let end = start + text[start..].find('\n').unwrap() + 1;
    j.s.write(&crc, format!("{}{}", &text[..start], &text[end..]));
    j.expected
        .insert(("SB202".into(), crc.clone(), Some(1), Some(1)));
    // A malformed date.
    let cns = rec("pe-2006-peruvian-jungle-city-church-works");
    j.replace(&cns, "\"2006-04-25\"", "\"Apr-25-2006\"", "SB205", 0);
    // Broken JSON: a missing comma, reported at the item it belongs after ("add `,` after
    // this").
    let five = rec("pe-2001-five-years-after-stockholm");
    j.replace(
        &five,
        "\"country\": \"PE\",",
        "\"country\": \"PE\"",
        "SB101",
        "\"country\": ".len(),
    );
    // A byte-order mark.
    let sr = rec("pe-2003-report-special-rapporteur");
    let text = j.s.read(&sr);
    j.s.write(&sr, format!("\u{feff}{text}"));
    j.expected.insert(("SB104".into(), sr, Some(1), Some(1)));
    // Invalid UTF-8: a Latin-1 byte for "’".
    let dol04 = rec("pe-2005-department-labors-2004-findings-worst");
    let text = j.s.read(&dol04);
    let at = text.find('’').unwrap();
    let mut bytes = text.as_bytes()[..at].to_vec();
    bytes.push(0x92);
    bytes.extend_from_slice(&text.as_bytes()[at + '’'.len_utf8()..]);
    j.s.write(&dol04, bytes);
    let (l, c) = line_col(&text, at);
    j.expected.insert(("SB105".into(), dol04, Some(l), Some(c)));

    let (code, found) = run_json(&j.s);
    assert_eq!(code, 1);
    assert_eq!(found, j.expected);
}

#[test]
fn dozens_of_faults_are_all_reported() {
    let mut j = Injector::new();
    let mut ids: Vec<String> = std::fs::read_dir(j.s.path("pe/records"))
        .unwrap()
        .map(|e| {
            e.unwrap()
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    ids.sort();
    for id in &ids {
        let f = rec(id);
        j.replace(
            &f,
            "\"country\": \"PE\"",
            "\"country\": \"Peru\"",
            "SB205",
            "\"country\": ".len(),
        );
        j.replace(
            &f,
            "\"topics\": [",
            "\"topics\": [\n    \"CSEC\",",
            "SB205",
            "\"topics\": [\n    ".len(),
        );
        j.replace(
            &f,
            "  \"rights\": {",
            "  \"sources\": 1,\n  \"rights\": {",
            "SB201",
            2,
        );
        j.replace(
            &f,
            "\"status\": \"",
            "\"status\": \"fair-",
            "SB204",
            "\"status\": ".len(),
        );
    }
    j.replace("pe/country.json", "\"PER\"", "\"Per\"", "SB205", 0);
    j.replace("dataset.json", "\"0.1.0\"", "\"0.1\"", "SB205", 0);
    j.replace(
        "dataset.json",
        "\"max_quoted_words\": 300",
        "\"max_quoted_words\": 0",
        "SB207",
        "\"max_quoted_words\": ".len(),
    );
    assert!(j.expected.len() >= 47, "{}", j.expected.len());
    let (code, found) = run_json(&j.s);
    assert_eq!(code, 1);
    assert_eq!(found, j.expected);
}
