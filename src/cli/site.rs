//! `sourcebook site`: build the static site, or show why the dataset was refused. Without the
//! `site` feature the command is there only to say how to get it.

use std::io::Write;

use sourcebook::Error;

use super::args::SiteArgs;
use super::exit;

/// The release time from `SOURCE_DATE_EPOCH`, read as `release` reads it.
#[cfg(feature = "site")]
fn epoch() -> Result<Option<i64>, Error> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.is_empty() => sourcebook::release::parse_epoch(&v).map(Some),
        _ => Ok(None),
    }
}

#[cfg(feature = "site")]
pub fn run(args: SiteArgs) -> Result<u8, Error> {
    use sourcebook::diag::plural;
    use sourcebook::report::{self, Format};
    use sourcebook::site::{self, Outcome};

    let built = site::build(&site::Options {
        dataset: args.dataset,
        out: args.out,
        previous: args.previous,
        epoch: epoch()?,
        base_url: args.base_url,
        release_url: args.release_url,
        threads: args.threads.map(usize::from),
    })?;
    let s = match built {
        Outcome::Refused(report) => {
            let mut err = std::io::stderr().lock();
            report::render(
                &report,
                Format::Short,
                &report::Context::default(),
                &mut err,
            )?;
            writeln!(err, "error: no site built: the dataset has errors")?;
            return Ok(exit::FINDINGS);
        }
        Outcome::Built(s) => s,
    };
    writeln!(
        std::io::stdout().lock(),
        "built {}: {} source{} on {} page{}, {} files, {} KiB",
        s.dir.display(),
        s.records,
        plural(s.records),
        s.pages,
        plural(s.pages),
        s.files,
        s.bytes.div_ceil(1024)
    )?;
    Ok(exit::CLEAN)
}

#[cfg(not(feature = "site"))]
pub fn run(_: SiteArgs) -> Result<u8, Error> {
    writeln!(
        std::io::stderr().lock(),
        "error: this sourcebook was built without the `site` feature, which the site needs\n\
         help: cargo run --release --features site -- site"
    )?;
    Ok(exit::ERROR)
}
