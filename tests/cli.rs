//! The binary's own behaviour: exit codes and a reader that stops reading.

mod common;

use std::process::{Command, Stdio};

/// Run the binary with its stdout a pipe whose reading end is already closed, so its first
/// write fails with a broken pipe, as under `| head` once `head` has exited.
fn into_closed_pipe(args: &[&str]) -> std::process::Output {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    Command::new(env!("CARGO_BIN_EXE_sourcebook"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(Stdio::from(writer))
        .stderr(Stdio::piped())
        .output()
        .expect("the binary runs")
}

#[test]
fn a_closed_pipe_ends_quietly_with_zero() {
    for args in [
        &["explain", "--list"][..],
        &["explain", "--all"],
        &["completions", "bash"],
        &["check", "--dataset", "dataset", "--format", "short"],
    ] {
        let out = into_closed_pipe(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
        assert!(out.stderr.is_empty(), "{args:?}: {}", common::stderr(&out));
    }
}

#[test]
fn exit_codes_say_clean_findings_or_could_not_run() {
    let clean = common::sourcebook(&["check"], &[]);
    assert_eq!(clean.status.code(), Some(0));
    let findings = common::sourcebook(&["check", "--dataset", "tests/fixtures/check/small"], &[]);
    assert_eq!(findings.status.code(), Some(1));
    let cannot = common::sourcebook(&["check", "--dataset", "no/such/dir"], &[]);
    assert_eq!(cannot.status.code(), Some(2));
    let unknown = common::sourcebook(&["explain", "SB999"], &[]);
    assert_eq!(unknown.status.code(), Some(2));
}
