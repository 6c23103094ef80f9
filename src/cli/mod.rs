//! The command line: argument parsing ([`args`]), one module per command that runs it through
//! the library and prints what it returns, and the exit codes: 0 clean, 1 findings, 2 could not
//! run. This is the only part of the crate that writes to the terminal.

mod args;
mod check;
mod diff;
mod exit;
mod explain;
mod fmt;
mod import;
mod invocation;
mod new;
mod progress;
mod release;
mod site;
mod stats;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use sourcebook::Error;

use args::{Cli, Command};

/// Parse the process arguments and run.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::ERROR
            } else {
                exit::CLEAN
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        // A reader that stops reading (`| head`) is not a failure: end quietly, as ripgrep
        // does.
        Err(Error::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::from(exit::CLEAN)
        }
        Err(e) => {
            let shown = format!("{:?}", miette::Report::new(e));
            let _ = writeln!(std::io::stderr(), "{}", invocation::suggest(&shown));
            ExitCode::from(exit::ERROR)
        }
    }
}

/// Run a parsed command; `Ok` carries the exit code.
fn run(cli: Cli) -> Result<u8, Error> {
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Release(args) => release::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Site(args) => site::run(args),
        Command::Explain(args) => explain::run(args),
        Command::New(cmd) => new::run(cmd),
        Command::Import(args) => import::run(args),
        Command::Completions { shell } => {
            // Written whole, so a closed pipe is an error to handle, not a panic in the
            // generator.
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "sourcebook", &mut script);
            let mut out = std::io::stdout().lock();
            out.write_all(&script)?;
            out.flush()?;
            Ok(exit::CLEAN)
        }
    }
}
