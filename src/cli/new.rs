//! `sourcebook new`: write a skeleton record or country file and say what to do next.

use std::io::Write;

use sourcebook::Error;
use sourcebook::scaffold::{self, Created};

use super::args::NewCommand;
use super::exit;
use super::invocation;

pub fn run(cmd: NewCommand) -> Result<u8, Error> {
    let mut err = std::io::stderr().lock();
    let (created, dataset) = match cmd {
        NewCommand::Record(a) => {
            let seed = scaffold::RecordSeed {
                country: a.country,
                title: a.title,
                year: a.year,
                publisher: a.publisher,
                topic: a.topic,
            };
            let created = scaffold::new_record(&a.dataset, &seed)?;
            let country = a
                .dataset
                .join(sourcebook::layout::country_file(&seed.country));
            if !country.exists() {
                writeln!(
                    err,
                    "note: {} does not exist yet: `{} new country{} --country {}`",
                    country.display(),
                    invocation::command(),
                    invocation::dataset_flag(&a.dataset),
                    seed.country.to_ascii_uppercase()
                )?;
            }
            (created, a.dataset)
        }
        NewCommand::Country(a) => (scaffold::new_country(&a.dataset, &a.country)?, a.dataset),
    };
    let Created { path, faults } = created;
    for d in &faults {
        writeln!(
            err,
            "warning: {}: {} [{}]; an id in it may be taken again",
            d.file(),
            d.message,
            d.code()
        )?;
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "wrote {}", path.display())?;
    writeln!(
        out,
        "fill in every TODO, then run `{} check{} {}`",
        invocation::command(),
        invocation::dataset_flag(&dataset),
        invocation::shell_word(&path.to_string_lossy()),
    )?;
    Ok(exit::CLEAN)
}
