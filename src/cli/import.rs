//! `sourcebook import`: turn a compiled page into records, and say what was written, what a
//! person must fill in, and which lines of the page were not understood.

use std::io::Write;

use sourcebook::import::{self, Written};
use sourcebook::{Error, escape};

use super::args::ImportArgs;
use super::exit;

pub fn run(args: ImportArgs) -> Result<u8, Error> {
    let text = std::fs::read(&args.page).map_err(|source| Error::Read {
        path: args.page.clone(),
        source,
    })?;
    let text = String::from_utf8_lossy(&text);
    let (dataset, faults) = import::metadata(&args.dataset);
    for d in &faults {
        writeln!(
            std::io::stderr(),
            "warning: {}: {} [{}]; the page is imported without the dataset's topics",
            d.file(),
            d.message,
            d.code()
        )?;
    }
    let imported = import::import(
        &text,
        &args.country,
        args.topic.as_deref(),
        dataset.as_ref(),
    )?;
    let written = import::write(&imported, &args.dataset, args.dry_run, args.force)?;
    let mut out = std::io::stdout().lock();
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
            writeln!(
                out,
                "  line {}: {}: {}",
                u.line,
                u.why,
                escape::terminal(&u.text, false)
            )?;
        }
    }
    Ok(if args.strict && !imported.unplaced.is_empty() {
        exit::FINDINGS
    } else {
        exit::CLEAN
    })
}
