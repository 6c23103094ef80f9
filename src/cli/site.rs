//! `sourcebook site`: build the static site, or show why the dataset was refused. Without the
//! `site` feature the command is there only to say how to get it.

use std::io::Write;

use sourcebook::Error;

use super::args::SiteArgs;
use super::exit;

#[cfg(feature = "site")]
pub fn run(args: SiteArgs) -> Result<u8, Error> {
    use sourcebook::diag::plural;
    use sourcebook::site::{self, Outcome};

    let built = site::build(&site::Options {
        dataset: args.dataset,
        out: args.out,
        previous: args.previous,
        epoch: super::release::epoch_from_env()?,
        base_url: args.base_url,
        release_url: args.release_url,
        threads: args.threads.map(usize::from),
    })?;
    let s = match built {
        Outcome::Refused(report) => return super::release::refused(&report, "site"),
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
