//! Every loading fault is a diagnostic with its own code, at its place, and never stops the
//! run for the other files.

mod common;

use common::{PE_RECORD, Scratch, line_col};
use sourcebook::diag::Report;
use sourcebook::engine::{self as check, Options};

fn check(s: &Scratch) -> Report {
    check::check(&Options::new(s.root())).expect("the check runs")
}

/// (code, path relative to the dataset, line and column).
type Finding = (String, String, Option<(usize, usize)>);

fn findings(s: &Scratch, r: &Report) -> Vec<Finding> {
    let root = s.root().to_string_lossy().replace('\\', "/");
    r.diagnostics
        .iter()
        .map(|d| {
            (
                d.code().to_string(),
                d.file()
                    .trim_start_matches(&root)
                    .trim_start_matches('/')
                    .to_string(),
                d.start().map(|p| (p.line as usize, p.column as usize)),
            )
        })
        .collect()
}

/// Assert the report holds exactly the given findings (the rest of the dataset is clean).
type Expected<'a> = (&'a str, &'a str, Option<(usize, usize)>);

fn assert_only(s: &Scratch, expected: &[Expected<'_>]) {
    let r = check(s);
    let got = findings(s, &r);
    let want: Vec<_> = expected
        .iter()
        .map(|(c, f, p)| (c.to_string(), f.to_string(), *p))
        .collect();
    assert_eq!(
        got,
        want,
        "{:#?}",
        r.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
}

#[test]
fn the_shipped_dataset_is_clean() {
    let s = Scratch::peru();
    let r = check(&s);
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    assert_eq!(
        (r.summary.files, r.summary.records, r.summary.countries),
        (13, 11, 1)
    );
}

#[test]
fn invalid_json_at_its_position() {
    let s = Scratch::peru();
    let at = s.replace(PE_RECORD, "\"country\": \"PE\",", "\"country\": \"PE\",,");
    let pos = line_col(&s.read(PE_RECORD), at + "\"country\": \"PE\",".len());
    assert_only(&s, &[("SB101", PE_RECORD, Some(pos))]);
}

#[test]
fn white_space_and_control_characters_json_does_not_allow() {
    // A no-break space pasted from a web page between two values, and a raw tab in a string:
    // lenient parsers take both; RFC 8259, Python's json and this check do not.
    let s = Scratch::peru();
    let at = s.replace(PE_RECORD, "  \"country\"", "\u{a0} \"country\"");
    let text = s.read(PE_RECORD);
    assert_only(&s, &[("SB101", PE_RECORD, Some(line_col(&text, at)))]);
    let s = Scratch::peru();
    let at = s.replace(PE_RECORD, "Four Child", "Four\tChild");
    let text = s.read(PE_RECORD);
    assert_only(&s, &[("SB101", PE_RECORD, Some(line_col(&text, at + 4)))]);
}

#[test]
fn duplicate_key_at_the_repeat_with_the_first_labelled() {
    let s = Scratch::peru();
    let at = s.replace(
        PE_RECORD,
        "  \"country\": \"PE\",\n",
        "  \"country\": \"PE\",\n  \"country\": \"PE\",\n",
    );
    let text = s.read(PE_RECORD);
    let repeat = text[at + 3..].find("\"country\"").unwrap() + at + 3;
    assert_only(&s, &[("SB102", PE_RECORD, Some(line_col(&text, repeat)))]);
    let r = check(&s);
    let first = r.diagnostics[0].secondary[0]
        .position
        .as_ref()
        .unwrap()
        .start;
    assert_eq!(
        (first.line as usize, first.column as usize),
        line_col(&text, at + 2)
    );
}

#[test]
fn empty_and_blank_files() {
    let s = Scratch::peru();
    s.write(PE_RECORD, "");
    s.write("pe/records/pe-2000-blank.json", " \n\t\n");
    assert_only(
        &s,
        &[
            ("SB103", "pe/records/pe-2000-blank.json", Some((1, 1))),
            ("SB103", PE_RECORD, Some((1, 1))),
        ],
    );
}

#[test]
fn byte_order_mark_is_reported_and_the_rest_still_checked() {
    let s = Scratch::peru();
    let text = s
        .read(PE_RECORD)
        .replace("\"country\": \"PE\"", "\"country\": \"pe\"");
    s.write(PE_RECORD, format!("\u{feff}{text}"));
    let full = s.read(PE_RECORD);
    let value = full.find("\"pe\"").unwrap();
    assert_only(
        &s,
        &[
            ("SB104", PE_RECORD, Some((1, 1))),
            ("SB205", PE_RECORD, Some(line_col(&full, value))),
        ],
    );
}

#[test]
fn invalid_utf8_at_the_first_bad_byte() {
    let s = Scratch::peru();
    let mut bytes = s.read(PE_RECORD).into_bytes();
    let at = String::from_utf8(bytes.clone())
        .unwrap()
        .find("In Peru")
        .unwrap()
        + 4;
    bytes[at] = 0xFA; // Latin-1 "ú" where "e" was
    let pos = line_col(std::str::from_utf8(&bytes[..at]).unwrap(), at);
    s.write(PE_RECORD, bytes);
    assert_only(&s, &[("SB105", PE_RECORD, Some(pos))]);
    assert!(check(&s).diagnostics[0].message.contains("0xFA"));
}

#[test]
fn files_that_are_not_json_or_sit_where_no_file_belongs() {
    let s = Scratch::peru();
    s.write("pe/records/notes.txt", "notes");
    s.write("pe/extra.json", "{}");
    s.write("peru/country.json", "{}");
    s.write("README.md", "# data");
    s.write("pe/records/nested/pe-1.json", "{}");
    assert_only(
        &s,
        &[
            ("SB106", "README.md", None),
            ("SB106", "pe/extra.json", None),
            ("SB106", "pe/records/nested/pe-1.json", None),
            ("SB106", "pe/records/notes.txt", None),
            ("SB106", "peru/country.json", None),
        ],
    );
}

#[cfg(unix)]
#[test]
fn symlinks_are_reported_and_not_followed() {
    let s = Scratch::peru();
    std::os::unix::fs::symlink(s.path(PE_RECORD), s.path("pe/records/pe-2004-link.json")).unwrap();
    std::os::unix::fs::symlink("/nonexistent", s.path("pe/records/pe-2004-dangling.json")).unwrap();
    std::os::unix::fs::symlink(s.path("pe"), s.path("cl")).unwrap();
    assert_only(
        &s,
        &[
            ("SB108", "cl", None),
            ("SB108", "pe/records/pe-2004-dangling.json", None),
            ("SB108", "pe/records/pe-2004-link.json", None),
        ],
    );
}

#[cfg(unix)]
#[test]
fn special_files_are_unexpected() {
    let s = Scratch::peru();
    let _sock =
        std::os::unix::net::UnixListener::bind(s.path("pe/records/pe-2004-sock.json")).unwrap();
    assert_only(&s, &[("SB106", "pe/records/pe-2004-sock.json", None)]);
}

#[test]
fn files_over_the_size_limit_are_not_read() {
    let s = Scratch::peru();
    let big = format!("{{\"notes\": [\"{}\"]}}", "x".repeat(1024 * 1024));
    s.write(PE_RECORD, big);
    assert_only(&s, &[("SB109", PE_RECORD, None)]);
    // One byte under the limit is read (and is then a record missing its fields).
    let s = Scratch::peru();
    let body = "x".repeat(1024 * 1024 - 13);
    s.write(PE_RECORD, format!("{{\"notes\": \"{body}\"}}"));
    assert_eq!(
        std::fs::metadata(s.path(PE_RECORD)).unwrap().len(),
        1024 * 1024
    );
    assert!(check(&s).diagnostics.iter().all(|d| d.code() != "SB109"));
}

#[test]
fn nesting_deeper_than_the_limit() {
    let s = Scratch::peru();
    let deep = format!("{{\"notes\": {}1{}}}", "[".repeat(40), "]".repeat(40));
    s.write(PE_RECORD, &deep);
    // The 32nd level is the first not converted: the root object is level 0.
    let at = deep.find('[').unwrap() + 31;
    assert_only(&s, &[("SB110", PE_RECORD, Some((1, at + 1)))]);
}

#[test]
fn missing_dataset_and_country_files() {
    let s = Scratch::peru();
    s.remove("dataset.json");
    s.remove("pe/country.json");
    assert_only(
        &s,
        &[
            ("SB111", "dataset.json", None),
            ("SB111", "pe/country.json", None),
        ],
    );
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let s = Scratch::peru();
    s.write(PE_RECORD, "{");
    s.replace(
        "pe/records/pe-nd-child-labor-peru.json",
        "\"PE\"",
        "\"Peru\"",
    );
    let r = check(&s);
    let codes: Vec<_> = r.diagnostics.iter().map(|d| d.code()).collect();
    assert_eq!(codes, ["SB101", "SB205"]);
}

#[test]
fn a_dataset_directory_that_does_not_exist_is_an_error_not_a_finding() {
    let s = Scratch::empty();
    let err = check::check(&Options::new(s.path("nope"))).unwrap_err();
    assert!(
        matches!(err, sourcebook::Error::DatasetUnreadable { .. }),
        "{err:?}"
    );
    s.write("file", "x");
    let err = check::check(&Options::new(s.path("file"))).unwrap_err();
    assert!(
        matches!(err, sourcebook::Error::DatasetNotADirectory(_)),
        "{err:?}"
    );
}
