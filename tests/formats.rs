//! The four output formats on a small fixture dataset: snapshots of what people and CI read,
//! and checks that each is what its reader accepts.

mod common;

use common::{Scratch, sourcebook, stderr, stdout};
use serde_json::Value;

const SMALL: &str = "tests/fixtures/check/small";

fn run_format(format: &str) -> (i32, String) {
    let out = sourcebook(&["check", "--dataset", SMALL, "--format", format], &[]);
    (out.status.code().unwrap(), stdout(&out))
}

#[test]
fn human() {
    let (code, out) = run_format("human");
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn short() {
    let (code, out) = run_format("short");
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn json_is_one_object_per_line_then_a_summary() {
    let (code, out) = run_format("json");
    assert_eq!(code, 1);
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert!(lines.iter().all(Value::is_object));
    let (summary, diags) = lines.split_last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["errors"], diags.len());
    for d in diags {
        assert_eq!(d["type"], "diagnostic");
        for key in ["code", "name", "severity", "path", "message"] {
            assert!(d[key].is_string(), "{key} in {d}");
        }
    }
    insta::assert_snapshot!(out);
}

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema() {
    let (code, out) = run_format("sarif");
    assert_eq!(code, 1);
    let log: Value = serde_json::from_str(&out).unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string("tests/fixtures/schemas/sarif-schema-2.1.0.json").unwrap(),
    )
    .unwrap();
    let validator = jsonschema::options().offline().build(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 7);
    for r in results {
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
        let rules = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap();
        assert_eq!(
            rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"],
            r["ruleId"]
        );
    }
    // The rule table is the bulk of the log and is stable; snapshot the results.
    insta::assert_snapshot!(serde_json::to_string_pretty(&log["runs"][0]["results"]).unwrap());
}

/// A workflow command: `::error file=...,line=...::message`, with nothing unescaped.
type Command<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str);

fn parse_command(line: &str) -> Option<Command<'_>> {
    let rest = line.strip_prefix("::")?;
    let (head, message) = rest.split_once("::")?;
    let (kind, props) = head.split_once(' ').unwrap_or((head, ""));
    let props = props
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').expect("property has ="))
        .collect();
    Some((kind, props, message))
}

#[test]
fn github_annotations_are_valid_workflow_commands() {
    let summary = tempfile::NamedTempFile::new().unwrap();
    let out = sourcebook(
        &["check", "--dataset", SMALL],
        &[
            ("GITHUB_ACTIONS", "true"),
            ("GITHUB_STEP_SUMMARY", summary.path().to_str().unwrap()),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let mut annotations = 0;
    for line in text.lines().filter(|l| l.starts_with("::")) {
        let (kind, props, message) =
            parse_command(line).unwrap_or_else(|| panic!("not a command: {line}"));
        assert!(["error", "warning", "notice"].contains(&kind), "{line}");
        for (k, v) in &props {
            assert!(
                ["file", "line", "endLine", "col", "endColumn", "title"].contains(k),
                "{line}"
            );
            assert!(
                !v.contains(':') && !v.contains(','),
                "unescaped property in {line}"
            );
            if *k != "file" && *k != "title" {
                v.parse::<usize>()
                    .unwrap_or_else(|_| panic!("{k}={v} in {line}"));
            }
        }
        assert!(!message.contains('\r') && !message.contains('\n'));
        annotations += 1;
    }
    assert_eq!(annotations, 7);
    insta::assert_snapshot!("github", text);
    insta::assert_snapshot!(
        "github_step_summary",
        std::fs::read_to_string(summary.path()).unwrap()
    );
}

#[test]
fn github_annotates_ten_errors_and_lists_the_rest() {
    let s = Scratch::peru();
    for i in 0..12 {
        s.write(&format!("pe/records/pe-2000-broken-{i:02}.json"), "{");
    }
    let out = sourcebook(
        &[
            "check",
            "--dataset",
            s.root().to_str().unwrap(),
            "--format",
            "github",
        ],
        &[],
    );
    let text = stdout(&out);
    assert_eq!(
        text.lines().filter(|l| l.starts_with("::error ")).count(),
        10
    );
    let notice = text
        .lines()
        .find(|l| l.starts_with("::notice "))
        .expect("a notice");
    assert!(
        notice.contains("2 more errors and 0 more warnings"),
        "{notice}"
    );
    assert_eq!(
        text.lines().filter(|l| l.contains("error[SB101]")).count(),
        2
    );
}

#[test]
fn exit_codes() {
    assert_eq!(sourcebook(&["check"], &[]).status.code(), Some(0));
    assert_eq!(run_format("short").0, 1);
    let missing = sourcebook(&["check", "--dataset", "no/such/dir"], &[]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("cannot read the dataset directory"),
        "{}",
        stderr(&missing)
    );
    assert_eq!(
        sourcebook(&["check", "--format", "xml"], &[]).status.code(),
        Some(2)
    );
    assert_eq!(sourcebook(&["frobnicate"], &[]).status.code(), Some(2));
    assert_eq!(sourcebook(&["--version"], &[]).status.code(), Some(0));
    let outside = sourcebook(&["check", "Cargo.toml"], &[]);
    assert_eq!(outside.status.code(), Some(2), "{}", stderr(&outside));
}

#[test]
fn named_paths_limit_the_report() {
    let out = sourcebook(
        &[
            "check",
            "--dataset",
            SMALL,
            "--format",
            "short",
            &format!("{SMALL}/pe/records/pe-2002-syntax.json"),
        ],
        &[],
    );
    let text = stdout(&out);
    assert_eq!(
        text.lines().filter(|l| l.contains("error[")).count(),
        1,
        "{text}"
    );
    assert!(text.contains("SB101"));
    assert!(
        text.contains("checked 1 file (1 record, 0 countries): 1 error"),
        "{text}"
    );
    // A directory names every file under it.
    let out = sourcebook(
        &[
            "check",
            "--dataset",
            SMALL,
            "--format",
            "short",
            &format!("{SMALL}/pe/records"),
        ],
        &[],
    );
    assert_eq!(
        stdout(&out)
            .lines()
            .filter(|l| l.contains("error["))
            .count(),
        7
    );
    let clean = sourcebook(
        &[
            "check",
            "--dataset",
            SMALL,
            "--format",
            "short",
            &format!("{SMALL}/pe/country.json"),
        ],
        &[],
    );
    assert_eq!(clean.status.code(), Some(0), "{}", stdout(&clean));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let plain = run_format("human").1;
    assert!(!plain.contains('\u{1b}'), "escape codes in piped output");
    let forced = sourcebook(
        &[
            "check",
            "--dataset",
            SMALL,
            "--format",
            "human",
            "--color",
            "always",
        ],
        &[],
    );
    assert!(stdout(&forced).contains('\u{1b}'));
}

#[test]
fn explain_prints_a_rule_and_fails_on_unknown_codes() {
    let out = sourcebook(&["explain", "SB102"], &[]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.starts_with("## SB102 `duplicate-key`"), "{text}");
    assert!(text.contains("### How to fix"));
    assert_eq!(
        stdout(&sourcebook(&["explain", "duplicate-key"], &[])),
        text
    );
    let bad = sourcebook(&["explain", "SB999"], &[]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("unknown rule `SB999`"));
    let all = stdout(&sourcebook(&["explain", "--all"], &[]));
    assert_eq!(all, std::fs::read_to_string("docs/rules.md").unwrap());
}

/// A warning, and a label in a file other than the finding's, as a person reads them.
#[test]
fn human_shows_a_warning_and_a_label_in_another_file() {
    let out = sourcebook(
        &[
            "check",
            "--dataset",
            "tests/fixtures/check/cross",
            "--today",
            "2026-01-15",
        ],
        &[],
    );
    // A warning alone does not fail the check.
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("⚠"), "{text}");
    assert!(text.contains("pe-2014-ecpat-country-monitoring-report.json:7:16"));
    insta::assert_snapshot!(text);
}
