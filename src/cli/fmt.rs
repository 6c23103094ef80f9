//! `sourcebook fmt`: rewrite files in canonical form, or with `--check` show how they differ.

use std::io::Write;

use sourcebook::fmt::Outcome;
use sourcebook::{Error, escape};

use super::args::FmtArgs;
use super::exit;
use super::invocation;

pub fn run(args: FmtArgs) -> Result<u8, Error> {
    let run = sourcebook::fmt::run_with(
        &args.dataset,
        &args.paths,
        args.check,
        &super::progress::Bar::for_stderr(),
    )?;
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    let (mut changed, mut broken) = (0, 0);
    for f in &run.files {
        match &f.outcome {
            Outcome::Unchanged => {}
            Outcome::Changed { before, after } => {
                changed += 1;
                if args.check {
                    write!(
                        out,
                        "{}",
                        sourcebook::fmt::unified_diff(&f.display, before, after)
                    )?;
                } else {
                    writeln!(out, "formatted {}", escape::terminal(&f.display, false))?;
                }
            }
            Outcome::Unparsable(why) => {
                broken += 1;
                writeln!(
                    err,
                    "error: {}: not formatted, it does not parse: {} (run `{} check{}`)",
                    escape::terminal(&f.display, false),
                    escape::terminal(why, false),
                    invocation::command(),
                    invocation::dataset_flag(&args.dataset),
                )?;
            }
        }
    }
    for d in &run.faults {
        writeln!(
            err,
            "note: {}: not formatted: {} [{}] (run `{} check{}`)",
            escape::terminal(d.file(), false),
            escape::terminal(&d.message, false),
            d.code(),
            invocation::command(),
            invocation::dataset_flag(&args.dataset),
        )?;
    }
    writeln!(
        out,
        "{changed} of {} files {}{}",
        run.files.len(),
        if args.check {
            "would be reformatted"
        } else {
            "reformatted"
        },
        if broken > 0 {
            format!(", {broken} could not be parsed")
        } else {
            String::new()
        }
    )?;
    // A file that could not be read or has no place is a finding, as `check` says.
    let fail = broken > 0 || !run.faults.is_empty() || (args.check && changed > 0);
    Ok(if fail { exit::FINDINGS } else { exit::CLEAN })
}
