//! `sourcebook new`: skeleton record and country files at the right path, with a fresh id and
//! a `TODO` placeholder (rule SB706) for every value a person must fill in.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::diag::Diagnostic;
use crate::error::Error;
use crate::fmt;
use crate::fsutil::{self, Existing};
use crate::layout::{self, Kind};
use crate::load::{self, Limits};
use crate::model::{Dataset, derive_id};
use crate::reference::countries;

/// What a new record starts with.
#[derive(Clone, Debug, Default)]
pub struct RecordSeed {
    pub country: String,
    pub title: Option<String>,
    pub year: Option<i16>,
    pub publisher: Option<String>,
    pub topic: Option<String>,
}

fn check_country(code: &str) -> Result<String, Error> {
    let code = code.to_ascii_uppercase();
    if code.len() != 2 || countries::alpha3(&code).is_none() {
        return Err(Error::UnknownCountry(code));
    }
    Ok(code)
}

/// What `new` wrote, and what the loader could not read while it looked for the ids in use
/// (an id in a file it could not read may be taken again; `check` would say so).
#[derive(Debug)]
pub struct Created {
    pub path: PathBuf,
    pub faults: Vec<Diagnostic>,
}

/// What a new file is made against: the ids in use, the dataset's metadata, and the faults
/// found while reading them.
struct Survey {
    ids: BTreeSet<String>,
    meta: Option<Dataset>,
    faults: Vec<Diagnostic>,
}

/// The ids in use and the dataset's metadata, from whatever of the dataset reads.
fn survey(root: &Path) -> Result<Survey, Error> {
    let (source, mut faults) = load::scan(root)?;
    let mut ids = BTreeSet::new();
    let mut meta = None;
    for f in source.load_all(Limits::default(), &mut faults) {
        match f.place.kind() {
            Kind::Record => {
                ids.extend(f.place.stem().map(str::to_string));
                if let Some(id) = f
                    .value
                    .as_ref()
                    .and_then(|v| v.get("id"))
                    .and_then(Value::as_str)
                {
                    ids.insert(id.to_string());
                }
            }
            Kind::Dataset => {
                meta = f
                    .value
                    .as_ref()
                    .and_then(|v| serde_json::from_value(v.clone()).ok())
            }
            Kind::Country => {}
        }
    }
    Ok(Survey { ids, meta, faults })
}

fn write_new(root: &Path, path: &Path, value: &Value, kind: Kind) -> Result<(), Error> {
    let text = fmt::format_value(value, kind);
    fsutil::write_file(root, path, text.as_bytes(), Existing::Keep)
}

/// The dataset's topic ids, comma-separated, for the hint a skeleton's placeholder gives.
fn topic_list(dataset: Option<&Dataset>) -> String {
    dataset
        .map(|d| {
            d.topics
                .iter()
                .map(|t| t.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}

/// What a placeholder for the rights holder asks for (the importer leaves the same one).
pub const HOLDER_HINT: &str =
    "the copyright holder, usually the publisher (remove for public domain)";
/// What a placeholder for the basis of quoting asks for.
pub const BASIS_HINT: &str = "us_government_work, fair_use or licence";

/// The skeleton of a record, not yet written.
pub fn record_skeleton(seed: &RecordSeed, id: &str, dataset: Option<&Dataset>) -> Value {
    let topics = topic_list(dataset);
    let topic = match &seed.topic {
        Some(t) => json!(t),
        None => json!(format!(
            "TODO: the topic of the page the source is listed on, one of: {topics}"
        )),
    };
    let mut published = json!({
        "date": "TODO: the publication date as precise as printed: YYYY, YYYY-MM or YYYY-MM-DD (remove `published` if the source gives none)",
        "as_printed": "TODO: the publication date exactly as printed"
    });
    if let Some(y) = seed.year {
        published["date"] = json!(format!("{y:04}"));
    }
    json!({
        "id": id,
        "country": seed.country,
        "topics": [topic],
        "title": seed.title.clone().unwrap_or_else(|| "TODO: the title exactly as printed, without [PDF] or similar markers".into()),
        "publisher": {
            "name": seed.publisher.clone().unwrap_or_else(|| "TODO: the publishing organisation as printed (add `units` for its departments)".into())
        },
        "published": published,
        "accessed": ["TODO: the date you read the source, YYYY-MM-DD"],
        "urls": { "original": "TODO: the source's address, https://… (remove `urls` if there is none)" },
        "excerpts": [{
            "locator": "TODO: the page or paragraph, such as \"page 959\" or \"27\" (remove if none)",
            "text": "TODO: a short passage quoted exactly as printed, one paragraph per excerpt"
        }],
        "rights": {
            "status": "TODO: public_domain, copyrighted, licensed or unknown",
            "holder": format!("TODO: {HOLDER_HINT}"),
            "basis": format!("TODO: {BASIS_HINT}"),
            "quoted_words": 0
        }
    })
}

/// Write a new record skeleton.
pub fn new_record(root: &Path, seed: &RecordSeed) -> Result<Created, Error> {
    let mut seed = seed.clone();
    seed.country = check_country(&seed.country)?;
    let Survey {
        ids: taken,
        meta,
        faults,
    } = survey(root)?;
    if let (Some(t), Some(d)) = (&seed.topic, &meta)
        && !d.has_topic(t)
    {
        return Err(Error::unknown_topic(t, &d.topic_names()));
    }
    // A year outside what the dataset covers (or that no id can hold) would make a file
    // `check` refuses.
    if let Some(year) = seed.year {
        let (start, end) = meta
            .as_ref()
            .map_or((1000, 9999), |d| (d.coverage.start, d.coverage.end));
        if !(start..=end).contains(&i32::from(year)) {
            return Err(Error::YearOutside { year, start, end });
        }
    }
    let id = derive_id(
        &seed.country,
        seed.year,
        seed.publisher.as_deref(),
        seed.title.as_deref().unwrap_or("untitled"),
        &taken,
    );
    let path = root.join(layout::record_file(&seed.country, &id));
    write_new(
        root,
        &path,
        &record_skeleton(&seed, &id, meta.as_ref()),
        Kind::Record,
    )?;
    Ok(Created { path, faults })
}

/// The skeleton of a country file.
pub fn country_skeleton(code: &str, dataset: Option<&Dataset>) -> Value {
    let iso_name = countries::name(code).unwrap_or_default();
    let topics = topic_list(dataset);
    let calling = countries::calling_code(code)
        .map(|c| c.to_string())
        .unwrap_or_else(|| "TODO: the country calling code".into());
    json!({
        "code": code,
        "alpha3": countries::alpha3(code).unwrap_or_default(),
        "name": format!("TODO: the short name as the page prints it (ISO 3166-1 says \"{iso_name}\")"),
        "official_name": "TODO: the official name as printed, such as \"Republic of Peru\" (remove if the page gives none)",
        "pages": [{
            "topic": format!("TODO: the page's topic, one of: {topics}"),
            "title": "TODO: the page's title, from its \"cite this page\" line"
        }],
        "helplines": [{
            "organisation": "TODO: who answers the line, as printed",
            "number": "TODO: the number exactly as printed",
            "calling_code": calling,
            "e164": format!("TODO: the number in E.164 form, +{calling}… (remove for a short code, dialled as printed)")
        }]
    })
}

/// Write a new country skeleton.
pub fn new_country(root: &Path, code: &str) -> Result<Created, Error> {
    let code = check_country(code)?;
    let Survey { meta, faults, .. } = survey(root)?;
    let path = root.join(layout::country_file(&code));
    write_new(
        root,
        &path,
        &country_skeleton(&code, meta.as_ref()),
        Kind::Country,
    )?;
    Ok(Created { path, faults })
}
