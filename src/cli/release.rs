//! `sourcebook release`: build the bundle, or show why the dataset was refused.

use std::io::Write;

use sourcebook::Error;
use sourcebook::release::{self, Outcome};
use sourcebook::report::{self, Format};

use super::args::ReleaseArgs;
use super::exit;

pub fn run(args: ReleaseArgs) -> Result<u8, Error> {
    let epoch = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.is_empty() => Some(release::parse_epoch(&v)?),
        _ => None,
    };
    let built = release::build(&release::Options {
        dataset: args.dataset,
        out: args.out,
        previous: args.previous,
        epoch,
    })?;
    let bundle = match built {
        // A dataset with errors is a finding, not a failure to run: show them and refuse.
        Outcome::Refused(report) => {
            let mut err = std::io::stderr().lock();
            report::render(
                &report,
                Format::Short,
                &report::Context::default(),
                &mut err,
            )?;
            writeln!(err, "error: no release built: the dataset has errors")?;
            return Ok(exit::FINDINGS);
        }
        Outcome::Built(bundle) => bundle,
    };
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "built {} ({} files):",
        bundle.dir.display(),
        bundle.files.len()
    )?;
    for (path, hash) in &bundle.files {
        writeln!(out, "  {hash}  {path}")?;
    }
    Ok(exit::CLEAN)
}
