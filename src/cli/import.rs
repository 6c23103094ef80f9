//! `sourcebook import`: turn a compiled page into records, and say what was written, what the
//! page changed in files already there, what a person must fill in, which lines were guessed
//! and which were not understood.

use std::io::Write;
use std::path::Path;

use serde_json::Value;
use sourcebook::import::{self, Format, Plan, Written};
use sourcebook::{Error, escape};

use super::args::{ImportArgs, PageFormat};
use super::exit;

/// A value as a person reads it in a change: its JSON, cut short.
fn short(v: Option<&Value>) -> String {
    let Some(v) = v else {
        return "(none)".into();
    };
    let s = v.to_string();
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(59).collect::<String>())
    } else {
        s
    }
}

fn print_plan(
    out: &mut impl Write,
    plan: &Plan,
    root: &Path,
    dry_run: bool,
) -> std::io::Result<()> {
    let verb = if dry_run { "would write" } else { "wrote" };
    for (path, w) in &plan.files {
        let p = path.display();
        match w {
            Written::New => writeln!(out, "  new        {p} ({verb})")?,
            Written::Unchanged { kept } if kept.is_empty() => writeln!(out, "  unchanged  {p}")?,
            Written::Unchanged { kept } => writeln!(
                out,
                "  unchanged  {p} (keeps what the page does not hold: {})",
                kept.join(", ")
            )?,
            Written::Differs {
                changes,
                kept,
                overwritten,
                moved,
            } => {
                let what = match (overwritten, moved, dry_run) {
                    (true, _, true) => "would update".to_string(),
                    (true, _, false) => "updated".to_string(),
                    (false, Some(_), true) => {
                        "would move it; the rest left as it is, --force to update".to_string()
                    }
                    (false, Some(_), false) => {
                        "moved; the rest left as it is, --force to update".to_string()
                    }
                    (false, None, _) => "left as it is; --force to update".to_string(),
                };
                writeln!(out, "  differs    {p} ({what}):")?;
                if let Some((from, to)) = moved {
                    writeln!(out, "               moved on the page: {from} -> {to}")?;
                }
                // A move is said once, above.
                for c in changes
                    .iter()
                    .filter(|c| moved.is_none() || !c.field.starts_with("placement"))
                {
                    writeln!(
                        out,
                        "               {}: {} -> {}",
                        c.field,
                        short(c.old.as_ref()),
                        short(c.new.as_ref())
                    )?;
                }
                if !kept.is_empty() {
                    writeln!(
                        out,
                        "               kept, not on the page: {}",
                        kept.join(", ")
                    )?;
                }
            }
        }
    }
    for g in &plan.gone {
        let done = if dry_run {
            "would be removed"
        } else {
            "removed"
        };
        writeln!(
            out,
            "  gone       {}: no longer on the page (its placement {} {done}; the record is kept)",
            root.join(&g.rel).display(),
            g.placement
        )?;
    }
    for p in &plan.unreadable {
        writeln!(
            out,
            "  unreadable {}: not JSON, so not known to be on the page or not",
            p.display()
        )?;
    }
    Ok(())
}

pub fn run(args: ImportArgs) -> Result<u8, Error> {
    let bytes = sourcebook::load::read_input(&args.page, import::MAX_PAGE_BYTES)?;
    let format = match args.format {
        Some(PageFormat::Text) => Format::Text,
        Some(PageFormat::Html) => Format::Html,
        None => Format::detect(&args.page.to_string_lossy(), &bytes),
    };
    let text = import::decode(&bytes, format)?;
    let lines = import::read_lines(&text, format)?;
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
    let imported = import::import_lines(
        &lines,
        &args.country,
        args.topic.as_deref(),
        dataset.as_ref(),
    )?;
    let plan = import::write(&imported, &args.dataset, args.dry_run, args.force)?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} (country {}, topic {})",
        args.page.display(),
        args.country.to_ascii_uppercase(),
        imported.topic
    )?;
    print_plan(&mut out, &plan, &args.dataset, args.dry_run)?;
    let sources = imported.featured + imported.archived;
    writeln!(
        out,
        "{sources} source{} ({} featured, {} archived) and the country file",
        if sources == 1 { "" } else { "s" },
        imported.featured,
        imported.archived
    )?;
    // A field the file on disk already has a person's value for needs nothing more.
    let kept = |rel: &str, field: &str| {
        plan.files.iter().any(|(path, w)| {
            let kept = match w {
                Written::Unchanged { kept } | Written::Differs { kept, .. } => kept,
                Written::New => return false,
            };
            path.ends_with(rel) && kept.iter().any(|k| k == field)
        })
    };
    let needs: Vec<_> = imported
        .needs
        .iter()
        .filter(|n| !kept(&n.rel, &n.field))
        .collect();
    if !needs.is_empty() {
        writeln!(
            out,
            "fields a person must fill in (TODO placeholders, or left out):"
        )?;
        for n in needs {
            writeln!(out, "  {}: {}: {}", n.rel, n.field, n.why)?;
        }
    }
    if !imported.guesses.is_empty() {
        writeln!(out, "guessed ({}):", imported.guesses.len())?;
        for g in &imported.guesses {
            writeln!(
                out,
                "  line {}: {}: {}",
                g.line,
                g.what,
                escape::terminal(&g.text, false)
            )?;
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
    let unsure = !imported.unplaced.is_empty() || !imported.guesses.is_empty();
    Ok(if args.strict && unsure {
        exit::FINDINGS
    } else {
        exit::CLEAN
    })
}
