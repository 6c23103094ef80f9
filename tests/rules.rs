//! Rules from the command line: warnings and `--deny-warnings`, per-rule severity from
//! `dataset.json`, a pinned `--today`, and every rule file carrying its own tests.

mod common;

use common::{PE_RECORD, Scratch, sourcebook, stdout};

fn check(s: &Scratch, extra: &[&str]) -> (i32, String) {
    check_on(s, "2026-01-15", extra)
}

fn check_on(s: &Scratch, today: &str, extra: &[&str]) -> (i32, String) {
    let mut args = vec![
        "check",
        "--dataset",
        s.root().to_str().unwrap(),
        "--format",
        "short",
        "--today",
        today,
    ];
    args.extend_from_slice(extra);
    let out = sourcebook(&args, &[]);
    (out.status.code().unwrap(), stdout(&out))
}

/// A Peru copy with one warning: an address over plain http.
fn with_warning() -> Scratch {
    let s = Scratch::peru();
    s.replace(
        "pe/records/pe-2014-ecpat-country-monitoring-report.json",
        "\"https://www.ecpat.org/",
        "\"http://www.ecpat.org/",
    );
    s
}

#[test]
fn warnings_pass_unless_denied() {
    let s = with_warning();
    let (code, out) = check(&s, &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("warning[SB603]"), "{out}");
    assert!(out.contains("0 errors, 1 warning"), "{out}");
    assert_eq!(check(&s, &["--deny-warnings"]).0, 1);
}

#[test]
fn dataset_json_raises_lowers_and_allows_rules() {
    let s = with_warning();
    s.replace(
        "dataset.json",
        "\"policy\": {",
        "\"rules\": {\n    \"SB603\": \"error\"\n  },\n  \"policy\": {",
    );
    let (code, out) = check(&s, &[]);
    assert_eq!(code, 1);
    assert!(out.contains("error[SB603]"), "{out}");

    s.replace(
        "dataset.json",
        "\"SB603\": \"error\"",
        "\"SB603\": \"allow\"",
    );
    let (code, out) = check(&s, &[]);
    assert_eq!(code, 0);
    assert!(!out.contains("SB603"), "{out}");

    // An error lowered to a warning no longer fails the check.
    s.replace(
        "dataset.json",
        "\"SB603\": \"allow\"",
        "\"SB302\": \"warning\"",
    );
    s.replace(PE_RECORD, "\"2011-09-17\"", "\"2003-09-17\"");
    let (code, out) = check(&s, &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("warning[SB302]"), "{out}");

    // A code that is no rule is itself reported.
    s.replace(
        "dataset.json",
        "\"SB302\": \"warning\"",
        "\"SB999\": \"warning\"",
    );
    let (code, out) = check(&s, &[]);
    assert_eq!(code, 1);
    assert!(out.contains("error[SB509]"), "{out}");
}

#[test]
fn today_is_pinned_from_the_command_line() {
    let s = Scratch::peru();
    s.replace(PE_RECORD, "\"2011-09-17\"", "\"2026-01-16\"");
    let (code, out) = check(&s, &[]);
    assert_eq!(code, 1);
    assert!(
        out.contains("error[SB303]: accessed 2026-01-16 is in the future (today is 2026-01-15)"),
        "{out}"
    );
    let (code, _) = check_on(&s, "2026-01-16", &[]);
    assert_eq!(code, 0);
    let bad = sourcebook(&["check", "--today", "2026-02-30"], &[]);
    assert_eq!(bad.status.code(), Some(2));
}

/// The code a rule file declares.
fn code_of(text: &str) -> String {
    let at = text.find("code: \"").expect("a rule declares its code") + "code: \"".len();
    text[at..at + 5].to_string()
}

#[test]
fn every_rule_file_tests_its_rule() {
    let mut files = 0;
    for entry in walkdir::WalkDir::new("src/rules").sort_by_file_name() {
        let entry = entry.unwrap();
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        if !text.contains("pub static RULE: Rule") {
            continue;
        }
        files += 1;
        let name = entry.path().display();
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            text.starts_with("//! SB"),
            "{name} does not open with its code"
        );
        assert!(text.contains("#[cfg(test)]"), "{name} has no tests");
        assert!(
            compact.contains("fires(&super::RULE")
                || compact.contains("fires_at(&super::RULE")
                || (compact.contains(".run()")
                    && compact.contains(&format!("\"{}\"", code_of(&text)))),
            "{name} has no failing fixture"
        );
        assert!(
            compact.contains("clean(&super::RULE"),
            "{name} has no passing fixture"
        );
    }
    assert_eq!(files, sourcebook::rules::RULES.len());
}
