//! The command line's shape: every subcommand and option, as clap reads them. Nothing here
//! runs anything.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use sourcebook::model::PartialDate;
use sourcebook::report::Format;

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
    /// Build the release bundle: JSON, NDJSON, CSV, Parquet, SQLite, CSL-JSON, statistics, a Frictionless data package and checksums.
    Release(ReleaseArgs),
    /// The dataset in numbers: records per country, topic, year, publisher, format, language and rights status, words quoted, coverage.
    Stats(StatsArgs),
    /// Compare two releases or dataset directories.
    Diff(DiffArgs),
    /// Build the static site: a page per country and topic, citations in four styles, search
    /// and a feed (needs the `site` feature: cargo run --release --features site -- site).
    Site(SiteArgs),
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
    /// The page, as plain text or HTML (told by its extension or its opening tag).
    pub page: PathBuf,
    /// Read the page as this, whatever its name.
    #[arg(long = "as", value_enum, value_name = "FORMAT")]
    pub format: Option<PageFormat>,
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
    /// Update files that exist and differ, keeping the fields a person added.
    #[arg(long)]
    pub force: bool,
    /// Exit with 1 if any line of the page was not understood or was guessed.
    #[arg(long)]
    pub strict: bool,
}

/// How a page is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PageFormat {
    Text,
    Html,
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
    // --- Releases for analysts (issue 15) ---
    /// Build the JSON, NDJSON, CSV and CSL-JSON files alone, without Parquet and SQLite (what a
    /// sourcebook built without the `analyst-formats` feature can build).
    #[arg(long)]
    pub text_only: bool,
    /// Also write the Parquet tables partitioned by country when the dataset has at least N
    /// records.
    #[arg(long, value_name = "N", default_value_t = sourcebook::release::PARTITION_AT)]
    pub partition_records: usize,
    /// Also write what a GitHub release uploads into DIR: the bundle as .tar.gz and .zip, its
    /// top-level files, and SHA256SUMS over them, in one flat directory.
    #[arg(long, value_name = "DIR")]
    pub assets: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum StatsFormat {
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The dataset directory.
    #[arg(long, default_value = "dataset", value_name = "DIR")]
    pub dataset: PathBuf,
    #[arg(long, value_enum, default_value_t = StatsFormat::Markdown)]
    pub format: StatsFormat,
}

#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The dataset directory.
    #[arg(long, default_value = "dataset", value_name = "DIR")]
    pub dataset: PathBuf,
    /// Where to write the site (replaced whole; only ever a site this command built).
    #[arg(long, default_value = "_site", value_name = "DIR")]
    pub out: PathBuf,
    /// An earlier release (or dataset directory): the feed lists the sources added since.
    #[arg(long, value_name = "OLD")]
    pub previous: Option<PathBuf>,
    /// The address the site is served from, for the feed's absolute links.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Where the release's files can be downloaded, for the index to link to.
    #[arg(long, value_name = "URL")]
    pub release_url: Option<String>,
    /// Threads to render citations on [default: one per core].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub threads: Option<u16>,
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
    pub format: Option<FormatArg>,
    /// When to colour the human format: on a terminal unless NO_COLOR is set (auto), always, or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Exit with 1 when there are warnings, not only errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Report at most N findings of one rule in one file, then say how many more (0: all).
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub max_per_rule: usize,
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

/// The output formats of `sourcebook check`, as the command line names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// Graphical reports with the source lines (the default on a terminal).
    Human,
    /// One JSON object per line, then a summary object.
    Json,
    /// GitHub Actions workflow commands (the default when GITHUB_ACTIONS=true).
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// One line per finding: `file:line:column: severity[CODE]: message`.
    Short,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Human => Format::Human,
            FormatArg::Json => Format::Json,
            FormatArg::Github => Format::Github,
            FormatArg::Sarif => Format::Sarif,
            FormatArg::Short => Format::Short,
        }
    }
}
