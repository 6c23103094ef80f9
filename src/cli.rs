//! Command-line interface: argument parsing and dispatch to the library; exit codes.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::check::{self, Options};
use crate::error::Error;
use crate::model::PartialDate;
use crate::report::{self, Format};
use crate::rules;

/// Exit codes: 0 clean, 1 findings, 2 could not run.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "sourcebook",
    version,
    about = "Check and release the Sourcebook dataset",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the dataset: every file, every rule, every problem at once.
    Check(CheckArgs),
    /// Print a rule's documentation.
    Explain(ExplainArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Report only on these files or directories (cross-file facts still come from the whole dataset).
    pub paths: Vec<PathBuf>,
    /// The dataset directory.
    #[arg(long, default_value = "dataset", value_name = "DIR")]
    pub dataset: PathBuf,
    /// Output format [default: github when GITHUB_ACTIONS=true, else human].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// When to colour the human format: on a terminal unless NO_COLOR is set (auto), always, or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Exit with 1 when there are warnings, not only errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// The date to take as today when checking for dates in the future [default: the system date, UTC].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    pub today: Option<PartialDate>,
}

fn parse_today(s: &str) -> Result<PartialDate, String> {
    PartialDate::parse_full(s).map_err(|e| format!("expected a date YYYY-MM-DD: {e}"))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour output to stdout, given the environment.
    pub fn resolve(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        }
    }
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule code (SB101) or name (invalid-json).
    #[arg(required_unless_present_any = ["list", "all"])]
    pub rule: Option<String>,
    /// List every rule with its summary.
    #[arg(long, conflicts_with = "all")]
    pub list: bool,
    /// Print the whole rule reference (the text of docs/rules.md).
    #[arg(long)]
    pub all: bool,
}

/// Parse the process arguments and run.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("{:?}", miette::Report::new(e));
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Run a parsed command; `Ok` carries the exit code.
pub fn run(cli: Cli) -> Result<u8, Error> {
    match cli.command {
        Command::Check(args) => run_check(args),
        Command::Explain(args) => run_explain(args),
    }
}

fn run_check(args: CheckArgs) -> Result<u8, Error> {
    let mut opts = Options::new(&args.dataset);
    opts.paths = args.paths;
    opts.today = args.today;
    let report = check::check(&opts)?;
    let in_actions = std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true");
    let format = args.format.unwrap_or(if in_actions {
        Format::Github
    } else {
        Format::Human
    });
    let ctx = report::Context {
        color: args.color.resolve(),
        step_summary: std::env::var_os("GITHUB_STEP_SUMMARY")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    report::render(&report, format, &ctx, &mut out)?;
    out.flush()?;
    let fail = report.has_errors() || (args.deny_warnings && report.summary.warnings > 0);
    Ok(if fail { EXIT_FINDINGS } else { EXIT_CLEAN })
}

fn run_explain(args: ExplainArgs) -> Result<u8, Error> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.all {
        out.write_all(rules::reference_markdown().as_bytes())?;
    } else if args.list {
        for r in rules::RULES {
            writeln!(
                out,
                "{}  {:<26} {:<8} {}",
                r.code, r.name, r.severity, r.summary
            )?;
        }
    } else {
        let key = args.rule.unwrap_or_default();
        let rule = rules::find(&key).ok_or(Error::UnknownRule(key))?;
        out.write_all(rule.markdown().as_bytes())?;
    }
    Ok(EXIT_CLEAN)
}
