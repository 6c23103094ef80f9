//! `sourcebook stats`: the dataset in numbers, as Markdown or JSON.

use std::io::Write;

use sourcebook::Error;

use super::args::{StatsArgs, StatsFormat};
use super::exit;
use super::progress::Bar;

pub fn run(args: StatsArgs) -> Result<u8, Error> {
    let stats = sourcebook::stats::read(&args.dataset, &Bar::for_stderr())?;
    let text = match args.format {
        StatsFormat::Markdown => sourcebook::stats::markdown(&stats).into_bytes(),
        StatsFormat::Json => stats.to_json(),
    };
    let mut out = std::io::stdout().lock();
    out.write_all(&text)?;
    out.flush()?;
    Ok(exit::CLEAN)
}
