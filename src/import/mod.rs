//! `sourcebook import`: turn a compiled country page, as plain text or as HTML, into a country
//! file and one record per source, in canonical form, losing nothing: every line of the page
//! lands in a field, or is reported with its number, and every guess is reported too. The
//! page is read into lines (`lines`, or `html` for HTML, which keeps each link on its line),
//! the lines into the page's parts (`page`), each source into a record (`record`), the
//! page's country parts into the country file (`country`); the files are then reconciled with
//! what is on disk and written ([`write()`]).

mod blocks;
pub mod byline;
mod classify;
mod country;
pub mod excerpt;
#[cfg(feature = "html")]
mod html;
mod lines;
mod notices;
mod outcome;
pub mod page;
mod preamble;
mod reader;
mod reconcile;
mod record;
pub mod rights;
mod topics;
mod write;

/// The largest page read: the site's pages are tens of kilobytes; anything near this is not a
/// page (and `/dev/zero` would otherwise be read until memory runs out).
pub const MAX_PAGE_BYTES: u64 = 16 * 1024 * 1024;

use std::collections::BTreeSet;

use crate::error::Error;
use crate::model::{Dataset, Section};
use crate::reference::countries;

pub use lines::{Line, Link};
pub use outcome::{Guess, Imported, Needs, Output, Unplaced};
pub use reconcile::{Change, Gone};
pub use record::{edition, title_and_markers};
pub use write::{Plan, Written, metadata, write};

/// How a page is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
}

impl Format {
    /// The format of a page named `name` holding `bytes`: HTML by its extension, or by a
    /// document that opens with a doctype or an `<html>` tag; text otherwise.
    pub fn detect(name: &str, bytes: &[u8]) -> Format {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".htm") || lower.ends_with(".html") {
            return Format::Html;
        }
        let head: String = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)])
            .trim_start_matches('\u{feff}')
            .trim_start()
            .chars()
            .take(15)
            .collect::<String>()
            .to_ascii_lowercase();
        if head.starts_with("<!doctype html") || head.starts_with("<html") {
            Format::Html
        } else {
            Format::Text
        }
    }
}

/// The page's text from its bytes: UTF-8, or for HTML the Windows-1252 or Latin-1 its
/// `<meta charset>` declares. Bytes that are neither are an error naming the line, never
/// replaced quietly.
pub fn decode(bytes: &[u8], format: Format) -> Result<String, Error> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            #[cfg(feature = "html")]
            if format == Format::Html
                && let Some(s) = html::decode_declared(bytes)
            {
                return Ok(s);
            }
            let _ = format;
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(Error::NotUtf8 { line })
        }
    }
}

/// The lines of a page in `format`.
pub fn read_lines(text: &str, format: Format) -> Result<Vec<Line>, Error> {
    match format {
        Format::Text => Ok(lines::from_text(text)),
        #[cfg(feature = "html")]
        Format::Html => Ok(html::lines(text)),
        #[cfg(not(feature = "html"))]
        Format::Html => Err(Error::NoHtml),
    }
}

/// Read a plain-text page and build its files; see [`import_lines`].
pub fn import(
    text: &str,
    country: &str,
    topic: Option<&str>,
    dataset: Option<&Dataset>,
) -> Result<Imported, Error> {
    import_lines(&lines::from_text(text), country, topic, dataset)
}

/// Build a page's files from its lines. `dataset` gives the topic vocabulary and the notices
/// the page's boilerplate is compared with.
pub fn import_lines(
    lines: &[Line],
    country: &str,
    topic: Option<&str>,
    dataset: Option<&Dataset>,
) -> Result<Imported, Error> {
    let code = country.to_ascii_uppercase();
    if countries::alpha3(&code).is_none() {
        return Err(Error::UnknownCountry(code));
    }
    let vocabulary = dataset.map_or(&[][..], |d| &d.topics[..]);
    let p = page::parse(lines, vocabulary);
    // The topic: as asked, else the heading's, else the page title's first part.
    let from_title = p
        .title()
        .and_then(|t| t.split(" - ").next().map(str::to_string))
        .and_then(|h| topics::of(&h, vocabulary).map(|(t, _)| t.id.clone()));
    let topic = match (topic, dataset) {
        (Some(t), Some(d)) if !d.has_topic(t) => {
            return Err(Error::unknown_topic(t, &d.topic_names()));
        }
        (Some(t), _) => t.to_string(),
        (None, _) => p
            .preamble
            .topic
            .clone()
            .or(from_title)
            .ok_or(Error::NoTopic)?,
    };
    let mut imported = Imported {
        topic: topic.clone(),
        unplaced: p.unplaced.clone(),
        guesses: p.guesses.clone(),
        ..Imported::default()
    };
    let name = p.country_name();
    if let Some(d) = dataset {
        let country_name = name.clone().unwrap_or_else(|| code.clone());
        notices::compare(&p, d, &topic, &country_name, &mut imported);
    }
    let country_out = country::country_file(&p, &code, &topic, &mut imported);
    imported.files.push(country_out);
    let mut taken = BTreeSet::new();
    let name = name
        .or_else(|| countries::name(&code).map(str::to_string))
        .unwrap_or_default();
    for (section, position, b) in &p.blocks {
        match section {
            Section::Featured => imported.featured += 1,
            Section::Archive => imported.archived += 1,
        }
        let out = record::record(
            (*section, *position, b),
            &code,
            &name,
            &topic,
            &mut taken,
            &mut imported,
        );
        imported.files.push(out);
    }
    imported.unplaced.sort_by_key(|u| u.line);
    imported.guesses.sort_by_key(|g| g.line);
    Ok(imported)
}
