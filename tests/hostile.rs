//! Hostile input and faults, as a pull request's author or a careless contributor could make
//! them, each on a small tree made at test time: the exit code, what the tool says, what it
//! must never print (a forged workflow command, a raw terminal escape, a panic) and the files
//! that must be left as they were.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{PE_RECORD, Scratch, read_tree, sourcebook, stderr, stdout};

/// One hostile case.
struct Case {
    name: &'static str,
    /// Make the tree hostile; returns a directory outside the dataset that must not change.
    setup: fn(&Scratch) -> Option<PathBuf>,
    /// The command line; `{root}` is the dataset's directory.
    args: &'static [&'static str],
    env: &'static [(&'static str, &'static str)],
    code: i32,
    /// What the output must say.
    says: &'static [&'static str],
    /// What the output must never say.
    never: &'static [&'static str],
    /// Whether the dataset must be left byte for byte as it was.
    unchanged: bool,
}

fn run(s: &Scratch, c: &Case) -> Output {
    let root = s.root().to_str().unwrap();
    let args: Vec<String> = c.args.iter().map(|a| a.replace("{root}", root)).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    sourcebook(&args, c.env)
}

/// What no output may ever hold: a workflow command of someone else's, a raw escape or bell,
/// a panic.
fn assert_safe(name: &str, out: &Output) {
    let (o, e) = (stdout(out), stderr(out));
    for text in [&o, &e] {
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{name}: a raw control character reached the output:\n{text}"
        );
        assert!(!text.contains("panicked"), "{name}: {text}");
    }
    for line in o.lines() {
        if let Some(rest) = line.strip_prefix("::") {
            let kind = rest.split([' ', ':']).next().unwrap_or_default();
            assert!(
                ["error", "warning", "notice"].contains(&kind),
                "{name}: a workflow command that is not the tool's: {line}"
            );
            assert!(!line.contains("FORGED"), "{name}: {line}");
        }
    }
}

fn twelve_errors(s: &Scratch) {
    // More errors than GitHub annotates (10), so later ones are listed, not annotated.
    for i in 0..12 {
        s.write(&format!("pe/records/pe-2000-broken-{i:02}.json"), "{");
    }
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "a key forging workflow commands after the annotations run out",
            setup: |s| {
                twelve_errors(s);
                s.replace(
                    PE_RECORD,
                    "\"title\"",
                    "\"x\\n::error file=README.md,line=1::FORGED\": 1, \"title\"",
                );
                None
            },
            args: &["check", "--dataset", "{root}", "--format", "github"],
            env: &[],
            code: 1,
            says: &["unknown field `x␊::error file=README.md,line=1::FORGED`"],
            never: &["\n::error file=README.md"],
            unchanged: true,
        },
        Case {
            name: "a placeholder forging ::stop-commands::",
            setup: |s| {
                twelve_errors(s);
                s.replace(
                    PE_RECORD,
                    "\"byline\": \"EFE News Service, 16 March 2004\"",
                    "\"byline\": \"TODO: x\\n::stop-commands::pwn\"",
                );
                None
            },
            args: &["check", "--dataset", "{root}", "--format", "github"],
            env: &[],
            code: 1,
            says: &["TODO: x␊::stop-commands::pwn"],
            never: &["\n::stop-commands::"],
            unchanged: true,
        },
        Case {
            name: "a file name holding a line break and a command",
            setup: |s| {
                twelve_errors(s);
                s.write("pe/records/a\n::add-mask::x.json", "{}");
                None
            },
            args: &["check", "--dataset", "{root}", "--format", "github"],
            env: &[],
            code: 1,
            says: &["a␊::add-mask::x.json"],
            never: &["\n::add-mask::"],
            unchanged: true,
        },
        Case {
            name: "a raw line break in the short format",
            setup: |s| {
                s.replace(
                    PE_RECORD,
                    "\"title\"",
                    "\"a\\nb: forged line\": 1, \"title\"",
                );
                None
            },
            args: &["check", "--dataset", "{root}", "--format", "short"],
            env: &[],
            code: 1,
            says: &["`a␊b: forged line`"],
            never: &["\nb: forged line"],
            unchanged: true,
        },
        Case {
            name: "escape and bell characters from a file and its name",
            setup: |s| {
                // Decoded into a message (an unknown key), raw in a file's text (which is then
                // not JSON, and is shown), and in a file's name.
                s.replace(
                    PE_RECORD,
                    "\"title\"",
                    "\"\\u001b[31mred\\u0007\": 1, \"title\"",
                );
                s.write(
                    "pe/records/pe-2000-raw.json",
                    "{\"a\": \"\u{1b}[5mblink\u{7}\"}",
                );
                s.write("pe/records/\u{1b}[2Jx.json", "{}");
                None
            },
            args: &["check", "--dataset", "{root}", "--format", "human"],
            env: &[],
            code: 1,
            says: &["`␛[31mred␇`", "␛[5mblink␇", "␛[2Jx.json"],
            never: &[],
            unchanged: true,
        },
        Case {
            name: "import echoing a page's escape characters",
            setup: |s| {
                let page = std::fs::read_to_string("tests/fixtures/seed/pe-csec.txt").unwrap();
                s.write("page.txt", format!("\u{1b}]0;owned\u{7}\n{page}"));
                None
            },
            args: &[
                "import",
                "{root}/page.txt",
                "--country",
                "PE",
                "--dataset",
                "{root}",
                "--dry-run",
            ],
            env: &[],
            code: 0,
            says: &["␛]0;owned␇"],
            never: &[],
            unchanged: true,
        },
        Case {
            name: "new writing through a records directory that links outside",
            setup: |s| {
                let outside = s.path("outside");
                std::fs::create_dir_all(&outside).unwrap();
                std::fs::create_dir_all(s.path("cl")).unwrap();
                std::os::unix::fs::symlink(&outside, s.path("cl/records")).unwrap();
                Some(outside)
            },
            args: &[
                "new",
                "record",
                "--country",
                "CL",
                "--title",
                "x",
                "--dataset",
                "{root}",
            ],
            env: &[],
            code: 2,
            says: &["is a symbolic link"],
            never: &[],
            unchanged: true,
        },
        Case {
            name: "fmt over a read-only file",
            setup: |s| {
                use std::os::unix::fs::PermissionsExt;
                s.replace(PE_RECORD, "\"title\": ", "\"title\":   ");
                std::fs::set_permissions(s.path(PE_RECORD), std::fs::Permissions::from_mode(0o444))
                    .unwrap();
                None
            },
            args: &["fmt", "--dataset", "{root}"],
            env: &[],
            code: 2,
            says: &["is read-only"],
            never: &[],
            unchanged: true,
        },
        Case {
            name: "a regular file where the release bundle goes",
            setup: |s| {
                let dist = PathBuf::from(format!("{}-dist", s.root().display()));
                std::fs::create_dir_all(&dist).unwrap();
                std::fs::write(dist.join("sourcebook-0.1.0"), "the user's own file").unwrap();
                Some(dist)
            },
            args: &[
                "release",
                "--text-only",
                "--dataset",
                "{root}",
                "--out",
                "{root}-dist",
            ],
            env: &[("SOURCE_DATE_EPOCH", "0")],
            code: 2,
            says: &["exists and is not a directory"],
            never: &[],
            unchanged: true,
        },
        Case {
            name: "a temporary left by an interrupted run",
            setup: |s| {
                s.write("pe/records/.x.json.sourcebook-tmp-4294967295-0-0", "{");
                None
            },
            args: &["check", "--dataset", "{root}", "--format", "short"],
            env: &[],
            code: 1,
            says: &["a temporary file left by a sourcebook run"],
            never: &[],
            unchanged: true,
        },
        Case {
            name: "a schema fault does not hide the other rules",
            setup: |s| {
                s.replace(PE_RECORD, "\"byline\"", "\"bylin\"");
                s.replace(PE_RECORD, "\"2011-09-17\"", "\"2003-01-01\"");
                None
            },
            args: &["check", "--dataset", "{root}", "--format", "short"],
            env: &[],
            code: 1,
            says: &["error[SB201]", "error[SB302]"],
            never: &[],
            unchanged: true,
        },
        Case {
            name: "half a million wrong items are reported in a page",
            setup: |s| {
                let zeros = vec!["0"; 20_000].join(",");
                s.replace(
                    PE_RECORD,
                    "\"topics\": [\n    \"csec\"\n  ]",
                    &format!("\"topics\": [{zeros}]"),
                );
                None
            },
            args: &["check", "--dataset", "{root}", "--format", "short"],
            env: &[],
            code: 1,
            says: &["more SB203 findings in this file are not shown; the first 100 are"],
            never: &[],
            unchanged: true,
        },
        Case {
            name: "fmt on a path outside the dataset",
            setup: |_| None,
            args: &["fmt", "--dataset", "{root}", "Cargo.toml"],
            env: &[],
            code: 2,
            says: &["is not inside the dataset"],
            never: &[],
            unchanged: true,
        },
        Case {
            name: "fmt on a missing path",
            setup: |_| None,
            args: &["fmt", "--dataset", "{root}", "{root}/pe/records/nope.json"],
            env: &[],
            code: 2,
            says: &["no such file"],
            never: &[],
            unchanged: true,
        },
        Case {
            name: "fmt --check on a file over the size limit",
            setup: |s| {
                s.write("pe/records/pe-2000-huge.json", vec![b' '; 1024 * 1024 + 1]);
                None
            },
            args: &["fmt", "--check", "--dataset", "{root}"],
            env: &[],
            code: 1,
            says: &["file is larger than the limit"],
            never: &[],
            unchanged: true,
        },
        Case {
            name: "a name that is not UTF-8",
            setup: |s| {
                use std::os::unix::ffi::OsStrExt;
                let name = std::ffi::OsStr::from_bytes(b"pe-2000-\xff.json");
                std::fs::write(s.path("pe/records").join(name), "{}").unwrap();
                None
            },
            args: &["check", "--dataset", "{root}", "--format", "short"],
            env: &[],
            code: 1,
            says: &["its name `pe/records/pe-2000-\\xFF.json` is not valid UTF-8"],
            never: &["No such file"],
            unchanged: true,
        },
        Case {
            name: "a directory named like a record",
            setup: |s| {
                std::fs::create_dir_all(s.path("pe/records/pe-2000-x.json")).unwrap();
                None
            },
            args: &["check", "--dataset", "{root}", "--format", "short"],
            env: &[],
            code: 1,
            says: &["unexpected directory: its name is a file's"],
            never: &[],
            unchanged: true,
        },
        Case {
            name: "a dataset root that is a link",
            setup: |s| {
                let real = s.path("real");
                std::fs::create_dir(&real).unwrap();
                for e in std::fs::read_dir(s.root()).unwrap() {
                    let e = e.unwrap();
                    if e.file_name() != "real" {
                        std::fs::rename(e.path(), real.join(e.file_name())).unwrap();
                    }
                }
                std::os::unix::fs::symlink(&real, s.path("linked")).unwrap();
                None
            },
            args: &["check", "--dataset", "{root}/linked", "--format", "short"],
            env: &[],
            code: 0,
            says: &["0 errors, 0 warnings"],
            never: &["SB108"],
            unchanged: true,
        },
        Case {
            name: "import of a page that never ends",
            setup: |_| None,
            args: &[
                "import",
                "/dev/zero",
                "--country",
                "PE",
                "--dataset",
                "{root}",
            ],
            env: &[],
            code: 2,
            says: &["not a regular file"],
            never: &[],
            unchanged: true,
        },
        Case {
            name: "import of a named pipe",
            setup: |s| {
                let fifo = s.path("page.fifo");
                let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
                assert!(made.success());
                None
            },
            args: &[
                "import",
                "{root}/page.fifo",
                "--country",
                "PE",
                "--dataset",
                "{root}",
            ],
            env: &[],
            code: 2,
            says: &["not a regular file"],
            never: &[],
            unchanged: true,
        },
        Case {
            name: "an earlier release larger than any release",
            setup: |s| {
                // Sparse: the size is there, the disk is not used.
                let f = std::fs::File::create(s.path("huge.json")).unwrap();
                f.set_len(600 * 1024 * 1024).unwrap();
                None
            },
            args: &["diff", "{root}/huge.json", "{root}"],
            env: &[],
            code: 2,
            says: &["it is not read"],
            never: &[],
            unchanged: true,
        },
        Case {
            name: "SOURCE_DATE_EPOCH past the year 9999",
            setup: |_| None,
            args: &[
                "release",
                "--text-only",
                "--dataset",
                "{root}",
                "--out",
                "{root}-never",
            ],
            env: &[("SOURCE_DATE_EPOCH", "1000000000000")],
            code: 2,
            says: &["SOURCE_DATE_EPOCH is 1000000000000, outside"],
            never: &["-31878"],
            unchanged: true,
        },
        Case {
            name: "new with a year no id can hold",
            setup: |_| None,
            args: &[
                "new",
                "record",
                "--country",
                "PE",
                "--title",
                "x",
                "--year=-5",
                "--dataset",
                "{root}",
            ],
            env: &[],
            code: 2,
            says: &["-5 is outside the years the dataset covers"],
            never: &[],
            unchanged: true,
        },
    ]
}

#[test]
fn every_hostile_case_is_handled() {
    for c in cases() {
        let s = Scratch::peru();
        let outside = (c.setup)(&s);
        let before = read_tree(s.root());
        let outside_before = outside.as_deref().map(read_tree);
        let out = run(&s, &c);
        let said = format!("{}{}", stdout(&out), stderr(&out));
        assert_eq!(out.status.code(), Some(c.code), "{}: {said}", c.name);
        for want in c.says {
            assert!(
                said.contains(want),
                "{}: does not say {want:?}:\n{said}",
                c.name
            );
        }
        for not in c.never {
            assert!(!said.contains(not), "{}: says {not:?}:\n{said}", c.name);
        }
        assert_safe(c.name, &out);
        if c.unchanged {
            assert!(
                read_tree(s.root()) == before,
                "{}: the dataset changed",
                c.name
            );
        }
        if let (Some(dir), Some(was)) = (outside.as_deref(), outside_before) {
            assert!(read_tree(dir) == was, "{}: a file outside changed", c.name);
            if !dir.starts_with(s.root()) {
                std::fs::remove_dir_all(dir).unwrap();
            }
        }
    }
}

/// GitHub reads a column only within one line: an annotation on a label over several lines
/// has none.
#[test]
fn annotations_over_several_lines_have_no_columns() {
    let s = Scratch::peru();
    s.replace(
        "pe/records/pe-nd-child-labor-peru.json",
        "\"position\": 4",
        "\"position\": 1",
    );
    let root = s.root().to_str().unwrap();
    let out = sourcebook(&["check", "--dataset", root, "--format", "github"], &[]);
    let text = stdout(&out);
    let line = text
        .lines()
        .find(|l| l.contains("SB508"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        line.contains("line=") && line.contains("endLine="),
        "{line}"
    );
    assert!(!line.contains("col="), "{line}");
}

/// Writing to a full disk is an error the tool reports, not a panic.
#[test]
fn a_full_disk_is_reported_not_a_panic() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_sourcebook"))
        .args(["completions", "bash"])
        .stdout(Stdio::from(full))
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(stderr(&out).contains("cannot write"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"));
}

/// The job summary shows a title's markup as typed.
#[test]
fn the_step_summary_shows_markup_as_text() {
    let s = Scratch::peru();
    s.replace(PE_RECORD, "\"title\"", "\"<b>x</b>\": 1, \"title\"");
    let summary = s.path("summary.md");
    let root = s.root().to_str().unwrap();
    sourcebook(
        &["check", "--dataset", root],
        &[
            ("GITHUB_ACTIONS", "true"),
            ("GITHUB_STEP_SUMMARY", summary.to_str().unwrap()),
        ],
    );
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.contains("\\<b\\>x\\</b\\>"), "{md}");
    assert!(!md.contains("<b>x</b>"), "{md}");
    let _ = Path::new(root);
}

/// A finding far along a very long line (a minified file) is shown in a window around it, at
/// the line and column the other formats give, and not by printing the whole line: miette
/// itself panics on a column past 65,535.
#[test]
fn a_finding_far_along_a_long_line_is_shown_in_a_window() {
    let s = Scratch::peru();
    let pad = "x".repeat(70_000);
    s.replace(
        PE_RECORD,
        "\"title\"",
        &format!("\"pad\": \"{pad}\", \"zz\": 1, \"title\""),
    );
    let root = s.root().to_str().unwrap();
    let human = sourcebook(&["check", "--dataset", root, "--format", "human"], &[]);
    let short = sourcebook(&["check", "--dataset", root, "--format", "short"], &[]);
    assert_safe("long line", &human);
    assert_eq!(human.status.code(), Some(1), "{}", stderr(&human));
    let (h, sh) = (stdout(&human), stdout(&short));
    // short: `FILE:LINE:COL: error[SB201]: unknown field `zz` in the record`
    let place = sh
        .lines()
        .find(|l| l.contains("unknown field `zz`"))
        .and_then(|l| l.split(": ").next())
        .unwrap_or_else(|| panic!("{sh}"))
        .to_owned();
    assert!(place.ends_with(":11:70014"), "{place}");
    assert!(h.contains(&format!("[{place}]")), "{h}");
    assert!(h.contains("unknown field `zz`"), "{h}");
    assert!(
        h.len() < 8_000,
        "the long line was printed: {} bytes",
        h.len()
    );
    assert!(h.contains('…'), "{h}");
}
