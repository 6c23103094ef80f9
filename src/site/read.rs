//! Reading a checked dataset one country at a time, so the site's memory is one country's
//! records however many countries there are. The walk is sorted by path, so a country's file
//! and its records come together (`pe/country.json`, then `pe/records/...`).

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::Error;
use crate::layout::Kind;
use crate::load::{self, Limits, Source};
use crate::model::{Country, Dataset, Record};

/// A country with its records, sorted by id.
pub struct CountryData {
    pub country: Country,
    pub records: Vec<Record>,
}

/// A dataset opened for reading.
pub struct Reader {
    source: Source,
    dataset: Dataset,
    /// Each country directory's files, as ranges of the walk.
    countries: Vec<Range<usize>>,
}

fn invalid(path: PathBuf, message: String) -> Error {
    Error::Invalid { path, message }
}

impl Reader {
    /// Walk `root` and read `dataset.json`. The dataset must load without a fault (the caller
    /// has checked it).
    pub fn open(root: &Path) -> Result<Reader, Error> {
        let (source, faults) = load::scan(root)?;
        if let Some(f) = faults.first() {
            return Err(invalid(PathBuf::from(f.file()), f.message.to_string()));
        }
        let files = &source.files().files;
        let at = files
            .iter()
            .position(|f| f == "dataset.json")
            .ok_or_else(|| Error::NotReadable(root.join("dataset.json")))?;
        let dataset = Dataset::deserialize(&value(&source, at)?)
            .map_err(|e| invalid(root.join("dataset.json"), e.to_string()))?;
        let mut countries: Vec<Range<usize>> = Vec::new();
        let mut last: Option<&str> = None;
        for (i, f) in files.iter().enumerate() {
            let dir = match crate::layout::kind_of(f) {
                Some(Kind::Country | Kind::Record) => &f[..2],
                _ => continue,
            };
            match countries.last_mut() {
                Some(r) if last == Some(dir) => r.end = i + 1,
                _ => countries.push(i..i + 1),
            }
            last = Some(dir);
        }
        Ok(Reader {
            source,
            dataset,
            countries,
        })
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// How many country directories there are.
    pub fn country_count(&self) -> usize {
        self.countries.len()
    }

    /// The `n`th country, in order of its code, with its records.
    pub fn country(&self, n: usize) -> Result<CountryData, Error> {
        let mut country = None;
        let mut records = Vec::new();
        for i in self.countries[n].clone() {
            let rel = &self.source.files().files[i];
            let path = self.source.root().join(rel);
            let v = value(&self.source, i)?;
            let bad = |e: serde_json::Error| invalid(path.clone(), e.to_string());
            match crate::layout::kind_of(rel) {
                Some(Kind::Country) => country = Some(Country::deserialize(&v).map_err(bad)?),
                Some(Kind::Record) => records.push(Record::deserialize(&v).map_err(bad)?),
                _ => {}
            }
        }
        let dir = &self.source.files().files[self.countries[n].start][..2];
        let country = country
            .ok_or_else(|| Error::NotReadable(self.source.root().join(dir).join("country.json")))?;
        records.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(CountryData { country, records })
    }
}

fn value(source: &Source, i: usize) -> Result<serde_json::Value, Error> {
    let mut faults = Vec::new();
    let file = source.load(i, Limits::default(), &mut faults);
    match (file.value, faults.first()) {
        (Some(v), None) => Ok(v),
        (_, Some(f)) => Err(invalid(PathBuf::from(f.file()), f.message.to_string())),
        (None, None) => Err(Error::NotReadable(
            source.root().join(&source.files().files[i]),
        )),
    }
}
