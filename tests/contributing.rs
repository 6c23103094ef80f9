//! The contributor's path: `sourcebook new` writes skeletons whose every placeholder `check`
//! reports until it is filled, after which the file checks clean; the editor, hook and CI
//! configuration point at what exists.

mod common;

use common::{Scratch, sourcebook, stderr, stdout};
use serde_json::Value;

fn codes(s: &Scratch, path: &str) -> Vec<String> {
    let out = sourcebook(
        &[
            "check",
            "--dataset",
            s.root().to_str().unwrap(),
            "--format",
            "json",
            path,
        ],
        &[],
    );
    common::diagnostics(&out)
        .iter()
        .map(|v| v["code"].as_str().unwrap().to_string())
        .collect()
}

/// Replace every placeholder of `skeleton` with the value at the same place in `filled`, and
/// drop what `filled` does not have, as a contributor following the TODOs would.
fn fill(skeleton: &Value, filled: &Value) -> Value {
    match (skeleton, filled) {
        (Value::Object(s), Value::Object(f)) => {
            let mut out = serde_json::Map::new();
            for (k, v) in s {
                if let Some(fv) = f.get(k) {
                    out.insert(k.clone(), fill(v, fv));
                }
            }
            for (k, v) in f {
                out.entry(k.clone()).or_insert_with(|| v.clone());
            }
            Value::Object(out)
        }
        (Value::Array(s), Value::Array(f)) if s.len() == 1 => {
            Value::Array(f.iter().map(|x| fill(&s[0], x)).collect())
        }
        // A placeholder, or any other value, takes what the filled record has.
        (_, f) => f.clone(),
    }
}

fn todos(v: &Value) -> usize {
    match v {
        Value::String(s) => usize::from(s.starts_with("TODO")),
        Value::Array(a) => a.iter().map(todos).sum(),
        Value::Object(o) => o.values().map(todos).sum(),
        _ => 0,
    }
}

#[test]
fn a_new_record_reports_each_placeholder_then_checks_clean_once_filled() {
    let s = Scratch::peru();
    let root = s.root().to_str().unwrap();
    let efe_path = common::PE_RECORD;
    let efe: Value = serde_json::from_str(&s.read(efe_path)).unwrap();
    s.remove(efe_path);
    let out = sourcebook(
        &[
            "new",
            "record",
            "--dataset",
            root,
            "--country",
            "pe",
            "--title",
            "Four Child Prostitution Rings Identified In Peru",
            "--year",
            "2004",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains(efe_path), "{}", stdout(&out));
    let skeleton: Value = serde_json::from_str(&s.read(efe_path)).unwrap();
    assert_eq!(skeleton["id"], efe["id"]);

    // Written in canonical form, and every placeholder is reported, once, and nothing else.
    assert_eq!(
        sourcebook(&["fmt", "--check", "--dataset", root], &[])
            .status
            .code(),
        Some(0)
    );
    let found = codes(&s, &s.path(efe_path).to_string_lossy());
    assert_eq!(found.len(), todos(&skeleton), "{found:?}");
    assert!(found.iter().all(|c| c == "SB706"), "{found:?}");

    // Filled in from the page (the shipped record), it checks clean.
    let filled = fill(&skeleton, &efe);
    s.write(efe_path, serde_json::to_string_pretty(&filled).unwrap());
    assert_eq!(
        codes(&s, &s.path(efe_path).to_string_lossy()),
        Vec::<String>::new()
    );
}

#[test]
fn a_new_country_likewise() {
    let s = Scratch::peru();
    let root = s.root().to_str().unwrap();
    let peru: Value = serde_json::from_str(&s.read("pe/country.json")).unwrap();
    s.remove("pe/country.json");
    let out = sourcebook(
        &["new", "country", "--dataset", root, "--country", "PE"],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let skeleton: Value = serde_json::from_str(&s.read("pe/country.json")).unwrap();
    assert_eq!(
        (
            skeleton["alpha3"].as_str(),
            skeleton["helplines"][0]["calling_code"].as_str()
        ),
        (Some("PER"), Some("51"))
    );
    let found = codes(&s, &s.path("pe/country.json").to_string_lossy());
    assert_eq!(found.len(), todos(&skeleton));
    assert!(found.iter().all(|c| c == "SB706"), "{found:?}");
    s.write(
        "pe/country.json",
        serde_json::to_string_pretty(&fill(&skeleton, &peru)).unwrap(),
    );
    assert_eq!(
        codes(&s, &s.path("pe/country.json").to_string_lossy()),
        Vec::<String>::new()
    );
}

#[test]
fn new_never_overwrites_and_refuses_unknown_codes() {
    let s = Scratch::peru();
    let root = s.root().to_str().unwrap();
    // The id is taken: the worked example in CONTRIBUTING.md gets the publisher's word added.
    let out = sourcebook(
        &[
            "new",
            "record",
            "--dataset",
            root,
            "--country",
            "PE",
            "--title",
            "Five Years After Stockholm",
            "--year",
            "2001",
            "--publisher",
            "ECPAT International",
            "--topic",
            "csec",
        ],
        &[],
    );
    assert!(
        stdout(&out).contains("pe-2001-five-years-after-stockholm-ecpat.json"),
        "{}",
        stdout(&out)
    );
    let guide = std::fs::read_to_string("CONTRIBUTING.md").unwrap();
    assert!(guide.contains("pe-2001-five-years-after-stockholm-ecpat"));
    let again = sourcebook(
        &["new", "country", "--dataset", root, "--country", "PE"],
        &[],
    );
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    assert_eq!(
        sourcebook(
            &["new", "record", "--dataset", root, "--country", "ZZ"],
            &[]
        )
        .status
        .code(),
        Some(2)
    );
    assert_eq!(
        sourcebook(
            &[
                "new",
                "record",
                "--dataset",
                root,
                "--country",
                "PE",
                "--topic",
                "nope"
            ],
            &[]
        )
        .status
        .code(),
        Some(2)
    );
}

#[test]
fn shell_completions() {
    for (shell, mark) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef sourcebook"),
        ("fish", "complete -c sourcebook"),
    ] {
        let out = sourcebook(&["completions", shell], &[]);
        assert_eq!(out.status.code(), Some(0));
        assert!(stdout(&out).contains(mark), "{shell}");
        assert!(stdout(&out).contains("explain"), "{shell}");
    }
}

/// `*` matches within one path segment.
fn glob(pattern: &str, path: &str) -> bool {
    let (p, s): (Vec<&str>, Vec<&str>) = (pattern.split('/').collect(), path.split('/').collect());
    p.len() == s.len()
        && p.iter().zip(&s).all(|(p, s)| match p.split_once('*') {
            None => p == s,
            Some((a, b)) => s.starts_with(a) && s.ends_with(b) && s.len() >= a.len() + b.len(),
        })
}

#[test]
fn the_editor_maps_each_schema_onto_its_files() {
    let settings: Value =
        serde_json::from_str(&std::fs::read_to_string(".vscode/settings.json").unwrap()).unwrap();
    let maps = settings["json.schemas"].as_array().unwrap();
    let files: Vec<String> = common::read_tree(std::path::Path::new("dataset"))
        .into_iter()
        .map(|(rel, _)| format!("/dataset/{rel}"))
        .collect();
    for f in &files {
        let matching: Vec<&str> = maps
            .iter()
            .filter(|m| {
                m["fileMatch"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|p| glob(p.as_str().unwrap(), f))
            })
            .map(|m| m["url"].as_str().unwrap())
            .collect();
        assert_eq!(matching.len(), 1, "{f}: {matching:?}");
        let kind = if f.ends_with("/dataset.json") {
            "dataset"
        } else if f.ends_with("/country.json") {
            "country"
        } else {
            "record"
        };
        assert_eq!(matching[0], format!("./schema/{kind}.schema.json"));
        assert!(std::path::Path::new(matching[0]).exists());
    }
}

#[test]
fn every_action_is_pinned_to_a_commit() {
    for wf in [
        ".github/workflows/ci.yml",
        ".github/workflows/dataset.yml",
        ".github/workflows/release.yml",
        "action.yml",
        ".github/actions/rust/action.yml",
    ] {
        let text = std::fs::read_to_string(wf).unwrap();
        let uses: Vec<&str> = text
            .lines()
            .filter_map(|l| {
                l.trim()
                    .strip_prefix("- uses: ")
                    .or_else(|| l.trim().strip_prefix("uses: "))
            })
            .collect();
        assert!(!uses.is_empty() || wf == "action.yml", "{wf}");
        // This repository's own actions come with the commit being run.
        for u in uses.into_iter().filter(|u| !u.starts_with("./")) {
            let (action, rest) = u
                .split_once('@')
                .unwrap_or_else(|| panic!("{wf}: {u} has no ref"));
            let (sha, comment) = rest
                .split_once(" # ")
                .unwrap_or_else(|| panic!("{wf}: {u} has no version comment"));
            assert!(
                sha.len() == 40 && sha.bytes().all(|b| b.is_ascii_hexdigit()),
                "{wf}: {action} is not pinned to a commit"
            );
            assert!(comment.starts_with('v'), "{wf}: {u}");
        }
        assert!(
            !wf.contains("/workflows/") || text.contains("permissions:\n  contents: read"),
            "{wf}: least privilege by default"
        );
    }
}

#[test]
fn the_citation_file_names_the_current_version() {
    let cff = std::fs::read_to_string("CITATION.cff").unwrap();
    let ds: Value =
        serde_json::from_str(&std::fs::read_to_string("dataset/dataset.json").unwrap()).unwrap();
    assert!(
        cff.contains(&format!("\nversion: {}\n", ds["version"].as_str().unwrap())),
        "CITATION.cff version differs from dataset.json"
    );
}

/// A pull request that changes only records (of countries no test reads) runs no Rust build:
/// the code workflow ignores such pull requests, and the dataset workflow checks them with the
/// released binary through the action, which builds only when told to or when there is
/// nothing to download.
#[test]
fn a_pull_request_that_changes_only_records_builds_no_rust() {
    let read = |p: &str| std::fs::read_to_string(p).unwrap();
    let ci = read(".github/workflows/ci.yml");
    let pr = &ci[ci
        .find("  pull_request:")
        .expect("ci.yml runs on pull requests")..];
    let pr = &pr[..pr.find("\n\n").unwrap()];
    assert!(
        pr.contains(
            "paths:\n      - \"**\"\n      - \"!dataset/**\"\n      - \"dataset/pe/**\"\n      - \"dataset/dataset.json\""
        ),
        "ci.yml must skip dataset-only pull requests: {pr}"
    );
    let ds = read(".github/workflows/dataset.yml");
    assert!(ds.contains("on:\n  pull_request:\n    paths:\n      - \"dataset/**\"\n"));
    assert!(!ds.contains("cargo "), "dataset.yml runs no cargo command");
    assert!(!ds.contains("actions/rust"), "dataset.yml sets up no Rust");
    assert!(
        ds.contains("uses: ./\n"),
        "dataset.yml checks through the action"
    );
    assert!(!ds.contains("build-from-source: \"true\""));
    // Both workflows draw the line at the same files.
    assert!(ds.contains("grep -E '^dataset/(pe/|dataset\\.json$)'"));
    // The action downloads unless told otherwise; it builds only for "true" or a failed
    // download with "fallback".
    let action = read("action.yml");
    assert!(action.contains("install-sourcebook.sh"));
    assert!(action.contains("if [ \"$BUILD\" = \"true\" ]; then\n          build\n"));
}
