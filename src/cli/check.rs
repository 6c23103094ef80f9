//! `sourcebook check`: run the engine and render its report in the chosen format.

use std::io::Write;
use std::path::PathBuf;

use sourcebook::Error;
use sourcebook::engine::{self, Options};
use sourcebook::report::{self, Format};

use super::args::CheckArgs;
use super::exit;

pub fn run(args: CheckArgs) -> Result<u8, Error> {
    let mut opts = Options::new(&args.dataset);
    opts.paths = args.paths;
    opts.today = args.today;
    opts.threads = args.threads.map(usize::from);
    opts.max_per_rule = args.max_per_rule;
    let in_actions = std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true");
    let format = args.format.map(Format::from).unwrap_or(if in_actions {
        Format::Github
    } else {
        Format::Human
    });
    // Only the human format shows the lines findings point at.
    opts.source_lines = format == Format::Human;
    // A bar on a terminal for a long check; it is gone before the report is written.
    let report = engine::check_with(&opts, &super::progress::Bar::for_stderr())?;
    let ctx = report::Context {
        color: args.color.resolve(),
        step_summary: std::env::var_os("GITHUB_STEP_SUMMARY")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from),
    };
    let mut out = std::io::stdout().lock();
    // What a person reads names commands as they can run them; machine formats stay as they are.
    if matches!(format, Format::Human | Format::Short) {
        let mut out = super::invocation::Suggesting::new(&mut out);
        report::render(&report, format, &ctx, &mut out)?;
        out.flush()?;
    } else {
        report::render(&report, format, &ctx, &mut out)?;
    }
    out.flush()?;
    let fail = report.has_errors() || (args.deny_warnings && report.summary.warnings > 0);
    Ok(if fail { exit::FINDINGS } else { exit::CLEAN })
}
