//! `sourcebook import`: turn a compiled country page in the seed's plain-text layout into a
//! country file and one record per source, in canonical form, losing nothing: every line of
//! the page lands in a field, or is reported with its number. The page is read into blocks
//! ([`page`]), each block into a record (`record`), the page's parts into the country file
//! (`country`), and the files are compared with what is on disk and written ([`write()`]).

pub mod byline;
mod country;
pub mod excerpt;
mod outcome;
pub mod page;
mod record;
pub mod rights;
mod write;

use std::collections::BTreeSet;

use crate::error::Error;
use crate::model::{self, Dataset};
use crate::reference::countries;

pub use outcome::{Imported, Needs, Output, Unplaced};
pub use record::title_and_markers;
pub use write::{Written, metadata, write};

/// Compare the page's notices with the dataset's; a difference would be lost, so it is reported.
fn notices(p: &page::Page, d: &Dataset, country: &str, imported: &mut Imported) {
    let mut expect =
        |line: Option<&page::Line>, found: Option<&str>, wanted: Option<String>, field: &str| {
            if let (Some(line), Some(found)) = (line, found)
                && wanted.as_deref() != Some(found)
            {
                imported.unplaced.push(Unplaced {
                    line: line.number,
                    text: line.text.clone(),
                    why: format!("differs from `{field}` in dataset.json"),
                });
            }
        };
    let caution = p.caution.as_ref().map(|l| {
        l.text
            .trim_start_matches("CAUTION:")
            .trim_start_matches(|c: char| c.is_whitespace())
    });
    expect(
        p.caution.as_ref(),
        caution,
        Some(d.notices.caution.replace("{country}", country)),
        "notices.caution",
    );
    for (i, l) in p.term_paper.iter().enumerate() {
        expect(
            Some(l),
            Some(&l.text),
            d.notices
                .term_paper
                .as_ref()
                .and_then(|t| t.get(i).cloned()),
            "notices.term_paper",
        );
    }
    expect(
        p.fair_use.as_ref(),
        p.fair_use.as_ref().map(|l| l.text.as_str()),
        Some(d.notices.fair_use.clone()),
        "notices.fair_use",
    );
    let template = p
        .title()
        .zip(p.cite.as_ref())
        .map(|(t, c)| c.text.replacen(&format!("\"{t}\""), "\"{page_title}\"", 1));
    expect(
        p.cite.as_ref(),
        template.as_deref(),
        Some(d.citation.page_template.clone()),
        "citation.page_template",
    );
}

/// Read a page and build its files. `dataset` gives the topic vocabulary and the notices the
/// page's boilerplate is compared with.
pub fn import(
    text: &str,
    country: &str,
    topic: Option<&str>,
    dataset: Option<&Dataset>,
) -> Result<Imported, Error> {
    let code = country.to_ascii_uppercase();
    if countries::alpha3(&code).is_none() {
        return Err(Error::UnknownCountry(code));
    }
    let topic_names: Vec<String> = dataset
        .map(|d| d.topics.iter().map(|t| t.name.clone()).collect())
        .unwrap_or_default();
    let p = page::parse(text, &topic_names);
    let topic = match (topic, &p.topic_heading, dataset) {
        (Some(t), _, Some(d)) if !d.has_topic(t) => return Err(Error::UnknownTopic(t.to_string())),
        (Some(t), _, _) => t.to_string(),
        (None, Some(h), Some(d)) => d
            .topics
            .iter()
            .find(|t| &t.name == h)
            .map(|t| t.id.clone())
            .ok_or_else(|| Error::UnknownTopic(h.clone()))?,
        _ => return Err(Error::NoTopic),
    };
    let mut imported = Imported {
        topic: topic.clone(),
        ..Imported::default()
    };
    imported
        .unplaced
        .extend(p.unplaced.iter().map(|l| Unplaced {
            line: l.number,
            text: l.text.clone(),
            why: "not understood".into(),
        }));
    if let Some(d) = dataset {
        notices(
            &p,
            d,
            p.country_name().as_deref().unwrap_or(&code),
            &mut imported,
        );
        if let (Some(c), Some(want)) = (&p.coverage, &d.coverage.as_printed)
            && c.text != *want
        {
            imported.unplaced.push(Unplaced {
                line: c.number,
                text: c.text.clone(),
                why: "differs from `coverage.as_printed` in dataset.json".into(),
            });
        }
    }
    let country_out = country::country_file(&p, &code, &topic, &mut imported);
    imported.files.push(country_out);
    let mut taken = BTreeSet::new();
    let name = p
        .country_name()
        .or_else(|| countries::name(&code).map(str::to_string))
        .unwrap_or_default();
    for b in &p.blocks {
        match b.section {
            Some(model::Section::Featured) => imported.featured += 1,
            _ => imported.archived += 1,
        }
        let out = record::record(b, &code, &name, &topic, &mut taken, &mut imported);
        imported.files.push(out);
    }
    imported.unplaced.sort_by_key(|u| u.line);
    Ok(imported)
}
