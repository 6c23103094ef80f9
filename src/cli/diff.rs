//! `sourcebook diff`: what changed between two releases or dataset directories.

use std::io::Write;

use sourcebook::Error;

use super::args::{DiffArgs, DiffFormat};
use super::exit;

pub fn run(args: DiffArgs) -> Result<u8, Error> {
    let old = sourcebook::snapshot::read_any(&args.old)?;
    let new = sourcebook::snapshot::read_any(&args.new)?;
    let changes = sourcebook::diff::diff(&old, &new);
    let mut out = std::io::stdout().lock();
    match args.format {
        DiffFormat::Markdown => out.write_all(sourcebook::diff::markdown(&changes).as_bytes())?,
        DiffFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &changes).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
    }
    Ok(if args.exit_code && !changes.is_empty() {
        exit::FINDINGS
    } else {
        exit::CLEAN
    })
}
