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
    /// Rewrite dataset files in their canonical form (keys in schema order, two-space indent).
    Fmt(FmtArgs),
    /// Build the release bundle: JSON, NDJSON, CSV, CSL-JSON, a Frictionless data package and checksums.
    Release(ReleaseArgs),
    /// Compare two releases or dataset directories.
    Diff(DiffArgs),
    /// Turn a compiled country page (plain text, in the seed page's layout) into records.
    Import(ImportArgs),
    /// Write a skeleton record or country file to fill in.
    #[command(subcommand)]
    New(NewCommand),
    /// Print a rule's documentation.
    Explain(ExplainArgs),
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The page, as plain text.
    pub page: PathBuf,
    /// The country's ISO 3166-1 alpha-2 code.
    #[arg(long, value_name = "CC")]
    pub country: String,
    /// The page's topic [default: the topic whose name the page's heading is].
    #[arg(long)]
    pub topic: Option<String>,
    /// The dataset directory.
    #[arg(long, default_value = "dataset", value_name = "DIR")]
    pub dataset: PathBuf,
    /// Write nothing: show what would be written, and how it compares with the files there.
    #[arg(long)]
    pub dry_run: bool,
    /// Overwrite files that exist and differ.
    #[arg(long)]
    pub force: bool,
    /// Exit with 1 if any line of the page was not understood.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A source record, at DATASET/CC/records/ID.json with a fresh id.
    Record(NewRecordArgs),
    /// A country, at DATASET/CC/country.json.
    Country(NewCountryArgs),
}

#[derive(Debug, Args)]
pub struct NewRecordArgs {
    /// The country's ISO 3166-1 alpha-2 code.
    #[arg(long, value_name = "CC")]
    pub country: String,
    /// The title as printed (it forms the id; without it the id says "untitled").
    #[arg(long)]
    pub title: Option<String>,
    /// The publication year, if the source gives one (it forms the id).
    #[arg(long)]
    pub year: Option<i16>,
    /// The publishing organisation as printed.
    #[arg(long)]
    pub publisher: Option<String>,
    /// The topic id.
    #[arg(long)]
    pub topic: Option<String>,
    /// The dataset directory.
    #[arg(long, default_value = "dataset", value_name = "DIR")]
    pub dataset: PathBuf,
}

#[derive(Debug, Args)]
pub struct NewCountryArgs {
    /// The country's ISO 3166-1 alpha-2 code.
    #[arg(long, value_name = "CC")]
    pub country: String,
    /// The dataset directory.
    #[arg(long, default_value = "dataset", value_name = "DIR")]
    pub dataset: PathBuf,
}

#[derive(Debug, Args)]
pub struct ReleaseArgs {
    /// The dataset directory.
    #[arg(long, default_value = "dataset", value_name = "DIR")]
    pub dataset: PathBuf,
    /// Where to put the bundle (as DIR/NAME-VERSION/).
    #[arg(long, default_value = "dist", value_name = "DIR")]
    pub out: PathBuf,
    /// An earlier release (or dataset directory) to describe the changes from, shipped as
    /// CHANGES.md and changes.json.
    #[arg(long, value_name = "OLD")]
    pub previous: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier release directory, release file or dataset directory.
    pub old: PathBuf,
    /// The later one.
    pub new: PathBuf,
    #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
    pub format: DiffFormat,
    /// Exit with 1 when there are changes.
    #[arg(long)]
    pub exit_code: bool,
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Format only these files or directories.
    pub paths: Vec<PathBuf>,
    /// The dataset directory.
    #[arg(long, default_value = "dataset", value_name = "DIR")]
    pub dataset: PathBuf,
    /// Change nothing: show the files that differ from their canonical form, with a diff, and
    /// exit with 1 if there are any.
    #[arg(long)]
    pub check: bool,
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
    /// Worker threads [default: one per core].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub threads: Option<u16>,
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
        Command::Fmt(args) => run_fmt(args),
        Command::Release(args) => run_release(args),
        Command::Diff(args) => run_diff(args),
        Command::Explain(args) => run_explain(args),
        Command::New(cmd) => run_new(cmd),
        Command::Import(args) => run_import(args),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "sourcebook", &mut std::io::stdout());
            Ok(EXIT_CLEAN)
        }
    }
}

fn run_import(args: ImportArgs) -> Result<u8, Error> {
    use crate::import::Written;
    let text = std::fs::read(&args.page).map_err(|source| Error::Read {
        path: args.page.clone(),
        source,
    })?;
    let text = String::from_utf8_lossy(&text);
    let dataset: Option<crate::model::Dataset> =
        std::fs::read_to_string(args.dataset.join("dataset.json"))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok());
    let imported = crate::import::import(
        &text,
        &args.country,
        args.topic.as_deref(),
        dataset.as_ref(),
    )?;
    let written = crate::import::write(&imported, &args.dataset, args.dry_run, args.force)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let verb = if args.dry_run { "would write" } else { "wrote" };
    writeln!(
        out,
        "{} (country {}, topic {})",
        args.page.display(),
        args.country.to_ascii_uppercase(),
        imported.topic
    )?;
    for (path, w) in &written {
        let p = path.display();
        match w {
            Written::New => writeln!(out, "  new        {p} ({verb})")?,
            Written::Unchanged => writeln!(out, "  unchanged  {p}")?,
            Written::Differs {
                fields,
                overwritten,
            } => {
                let what = if *overwritten {
                    if args.dry_run {
                        "would overwrite"
                    } else {
                        "overwritten"
                    }
                } else {
                    "left as it is; --force to overwrite"
                };
                writeln!(out, "  differs    {p} ({what}): {}", fields.join(", "))?;
            }
        }
    }
    writeln!(
        out,
        "{} source{} ({} featured, {} archived) and the country file",
        imported.featured + imported.archived,
        if imported.featured + imported.archived == 1 {
            ""
        } else {
            "s"
        },
        imported.featured,
        imported.archived
    )?;
    if !imported.needs.is_empty() {
        writeln!(
            out,
            "fields a person must fill in (left as TODO placeholders):"
        )?;
        for n in &imported.needs {
            writeln!(out, "  {}: {}: {}", n.rel, n.field, n.why)?;
        }
    }
    if imported.unplaced.is_empty() {
        writeln!(out, "every line of the page is in a field")?;
    } else {
        writeln!(out, "lines not understood ({}):", imported.unplaced.len())?;
        for u in &imported.unplaced {
            writeln!(out, "  line {}: {}: {}", u.line, u.why, u.text)?;
        }
    }
    Ok(if args.strict && !imported.unplaced.is_empty() {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

fn run_new(cmd: NewCommand) -> Result<u8, Error> {
    let (path, dataset) = match cmd {
        NewCommand::Record(a) => {
            let seed = crate::scaffold::RecordSeed {
                country: a.country,
                title: a.title,
                year: a.year,
                publisher: a.publisher,
                topic: a.topic,
            };
            let path = crate::scaffold::new_record(&a.dataset, &seed)?;
            let country = a
                .dataset
                .join(seed.country.to_ascii_lowercase())
                .join("country.json");
            if !country.exists() {
                eprintln!(
                    "note: {} does not exist yet: `sourcebook new country --country {}`",
                    country.display(),
                    seed.country.to_ascii_uppercase()
                );
            }
            (path, a.dataset)
        }
        NewCommand::Country(a) => (
            crate::scaffold::new_country(&a.dataset, &a.country)?,
            a.dataset,
        ),
    };
    println!("wrote {}", path.display());
    println!(
        "fill in every TODO, then run `sourcebook check {}` (dataset: {})",
        path.display(),
        dataset.display()
    );
    Ok(EXIT_CLEAN)
}

fn run_fmt(args: FmtArgs) -> Result<u8, Error> {
    use crate::fmt::Outcome;
    let outcomes = crate::fmt::run(&args.dataset, &args.paths, args.check)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let (mut changed, mut broken) = (0, 0);
    for f in &outcomes {
        match &f.outcome {
            Outcome::Unchanged => {}
            Outcome::Changed { before, after } => {
                changed += 1;
                if args.check {
                    write!(
                        out,
                        "{}",
                        crate::fmt::unified_diff(&f.display, before, after)
                    )?;
                } else {
                    writeln!(out, "formatted {}", f.display)?;
                }
            }
            Outcome::Unparsable(why) => {
                broken += 1;
                eprintln!(
                    "error: {}: not formatted, it does not parse: {why} (run `sourcebook check`)",
                    f.display
                );
            }
        }
    }
    writeln!(
        out,
        "{changed} of {} files {}{}",
        outcomes.len(),
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
    let fail = broken > 0 || (args.check && changed > 0);
    Ok(if fail { EXIT_FINDINGS } else { EXIT_CLEAN })
}

fn run_check(args: CheckArgs) -> Result<u8, Error> {
    let mut opts = Options::new(&args.dataset);
    opts.paths = args.paths;
    opts.today = args.today;
    opts.threads = args.threads.map(usize::from);
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

fn run_release(args: ReleaseArgs) -> Result<u8, Error> {
    let epoch = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.is_empty() => Some(v.trim().parse::<i64>().map_err(|_| {
            Error::BadEpoch(format!(
                "SOURCE_DATE_EPOCH is {v:?}, not a number of seconds"
            ))
        })?),
        _ => None,
    };
    let built = crate::release::build(&crate::release::Options {
        dataset: args.dataset,
        out: args.out,
        previous: args.previous,
        epoch,
    });
    let bundle = match built {
        // A dataset with errors is a finding, not a failure to run: show them and refuse.
        Err(Error::NotClean { report, .. }) => {
            let stderr = std::io::stderr();
            let mut err = stderr.lock();
            report::render(
                &report,
                Format::Short,
                &report::Context::default(),
                &mut err,
            )?;
            eprintln!("error: no release built: the dataset has errors");
            return Ok(EXIT_FINDINGS);
        }
        built => built?,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(
        out,
        "built {} ({} files):",
        bundle.dir.display(),
        bundle.files.len()
    )?;
    for (path, hash) in &bundle.files {
        writeln!(out, "  {hash}  {path}")?;
    }
    Ok(EXIT_CLEAN)
}

fn run_diff(args: DiffArgs) -> Result<u8, Error> {
    let old = crate::release::data::read_any(&args.old)?;
    let new = crate::release::data::read_any(&args.new)?;
    let changes = crate::diff::diff(&old, &new);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        DiffFormat::Markdown => out.write_all(crate::diff::markdown(&changes).as_bytes())?,
        DiffFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &changes).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
    }
    Ok(if args.exit_code && !changes.is_empty() {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
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
