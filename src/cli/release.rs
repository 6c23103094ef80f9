//! `sourcebook release`: build the bundle (and, when asked, the assets a GitHub release
//! uploads), or show why the dataset was refused.

use std::io::Write;

use sourcebook::Error;
use sourcebook::diag::Report;
use sourcebook::progress::Progress;
use sourcebook::release::{self, Outcome};
use sourcebook::report::{self, Format};

use super::args::ReleaseArgs;
use super::exit;
use super::progress::Bar;

/// The release time from `SOURCE_DATE_EPOCH`, when it is set (the site reads it the same way).
pub fn epoch_from_env() -> Result<Option<i64>, Error> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.is_empty() => release::parse_epoch(&v).map(Some),
        _ => Ok(None),
    }
}

/// A dataset with errors is a finding, not a failure to run: show them, say that no `what`
/// was built, and end with the findings' exit code.
pub fn refused(report: &Report, what: &str) -> Result<u8, Error> {
    let mut err = std::io::stderr().lock();
    report::render(report, Format::Short, &report::Context::default(), &mut err)?;
    writeln!(err, "error: no {what} built: the dataset has errors")?;
    Ok(exit::FINDINGS)
}

pub fn run(args: ReleaseArgs) -> Result<u8, Error> {
    let epoch = epoch_from_env()?;
    let mut opts = release::Options::new(args.dataset, args.out);
    opts.previous = args.previous;
    opts.epoch = epoch;
    opts.text_only = args.text_only;
    opts.partition_at = args.partition_records;
    let progress = Bar::for_stderr();
    let bundle = match release::build(&opts, &progress)? {
        Outcome::Refused(report) => return refused(&report, "release"),
        Outcome::Built(bundle) => bundle,
    };
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "built {} ({} files):",
        bundle.dir.display(),
        bundle.files.len()
    )?;
    for f in &bundle.files {
        writeln!(out, "  {}  {}", f.sha256, f.path)?;
    }
    if let Some(dir) = args.assets {
        progress.begin("archiving", 0);
        // The archives' entries carry the release time; without one, the start of 1980, the
        // earliest time a ZIP entry can hold.
        let mtime = bundle.epoch.unwrap_or(0).max(0) as u64;
        let assets = release::assets::write(&bundle.dir, &dir, mtime)?;
        progress.end();
        writeln!(
            out,
            "assets for a GitHub release in {} ({} files):",
            assets.dir.display(),
            assets.files.len()
        )?;
        for f in &assets.files {
            writeln!(out, "  {}  {}", f.sha256, f.path)?;
        }
    }
    Ok(exit::CLEAN)
}
