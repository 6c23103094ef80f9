//! The numbers and how they are counted, one record at a time.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::model::{Precision, Record, RightsStatus, wire_name};
use crate::progress::Progress;
use crate::snapshot::{Pass, Snapshot, Stream, threads};

/// How many records have each value of a field, and how many have none.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub values: BTreeMap<String, u64>,
    /// Records without the field.
    pub absent: u64,
}

impl Tally {
    fn add(&mut self, value: Option<&str>) {
        match value {
            Some(v) => match self.values.get_mut(v) {
                Some(n) => *n += 1,
                None => {
                    self.values.insert(v.to_string(), 1);
                }
            },
            None => self.absent += 1,
        }
    }

    /// Values with their counts, the most frequent first (ties by value), for people.
    pub fn ranked(&self) -> Vec<(&str, u64)> {
        let mut v: Vec<(&str, u64)> = self.values.iter().map(|(k, n)| (k.as_str(), *n)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v
    }
}

/// One country's numbers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryStats {
    pub name: String,
    pub records: u64,
    pub excerpts: u64,
    pub quoted_words: u64,
}

/// How the records cover the dataset's period, countries and optional facts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// The period the dataset covers (`coverage` in dataset.json): its first and last year.
    pub period_start: i32,
    pub period_end: i32,
    pub published_in_period: u64,
    pub published_before: u64,
    pub published_after: u64,
    pub undated: u64,
    /// Publication dates known to the day, to the month, to the year only.
    pub dated_to_the_day: u64,
    pub dated_to_the_month: u64,
    pub dated_to_the_year: u64,
    /// Years of the period with no record published in them.
    pub years_without_records: Vec<i32>,
    /// Countries of the dataset with no record.
    pub countries_without_records: Vec<String>,
    pub with_authors: u64,
    pub with_url: u64,
    pub with_archived_url: u64,
    pub with_excerpts: u64,
    pub with_accessed_date: u64,
}

/// The dataset in numbers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    pub name: String,
    pub version: String,
    pub records: u64,
    /// Country files in the dataset.
    pub countries: u64,
    pub countries_with_records: u64,
    pub excerpts: u64,
    /// Words the excerpts quote, headings and texts, as `quoted_words` counts them.
    pub quoted_words: u64,
    pub by_country: BTreeMap<String, CountryStats>,
    pub by_topic: Tally,
    pub by_year: Tally,
    pub by_publisher: Tally,
    pub by_format: Tally,
    pub by_language: Tally,
    pub by_rights_status: Tally,
    pub coverage: Coverage,
}

impl Stats {
    /// Nothing counted yet, for the dataset described by `head` (its records are not read).
    pub fn new(head: &Snapshot) -> Stats {
        let mut s = Stats {
            name: head.name.clone(),
            version: head.version.clone(),
            countries: head.countries.len() as u64,
            ..Stats::default()
        };
        s.coverage.period_start = head.dataset.coverage.start;
        s.coverage.period_end = head.dataset.coverage.end;
        for c in &head.countries {
            s.by_country.insert(
                c.code.clone(),
                CountryStats {
                    name: c.name.clone(),
                    ..CountryStats::default()
                },
            );
        }
        // Every status is listed, even at zero, so an unknown status is never silent.
        for status in [
            RightsStatus::PublicDomain,
            RightsStatus::Copyrighted,
            RightsStatus::Licensed,
            RightsStatus::Unknown,
        ] {
            s.by_rights_status.values.insert(wire_name(&status), 0);
        }
        s
    }

    /// Count one record.
    pub fn add(&mut self, r: &Record) {
        self.add_counted(r, r.quoted_words());
    }

    /// Count one record whose excerpts' words are already counted.
    pub fn add_counted(&mut self, r: &Record, words: u64) {
        let excerpts = r.excerpts().len() as u64;
        self.records += 1;
        self.excerpts += excerpts;
        self.quoted_words += words;
        let c = self.by_country.entry(r.country.clone()).or_default();
        c.records += 1;
        c.excerpts += excerpts;
        c.quoted_words += words;
        for t in &r.topics {
            self.by_topic.add(Some(t));
        }
        let year = r.published.as_ref().map(|p| p.date.year.to_string());
        self.by_year.add(year.as_deref());
        self.by_publisher
            .add(r.publisher.as_ref().map(|p| p.name.as_str()));
        self.by_format.add(r.format.as_deref());
        self.by_language.add(r.language.as_deref());
        self.by_rights_status
            .add(Some(&wire_name(&r.rights.status)));

        let cov = &mut self.coverage;
        match &r.published {
            None => cov.undated += 1,
            Some(p) => {
                let y = i32::from(p.date.year);
                if y < cov.period_start {
                    cov.published_before += 1;
                } else if y > cov.period_end {
                    cov.published_after += 1;
                } else {
                    cov.published_in_period += 1;
                }
                match p.date.precision() {
                    Precision::Day => cov.dated_to_the_day += 1,
                    Precision::Month => cov.dated_to_the_month += 1,
                    Precision::Year => cov.dated_to_the_year += 1,
                }
            }
        }
        cov.with_authors += u64::from(!r.authors().is_empty());
        let urls = r.urls.as_ref();
        cov.with_url += u64::from(urls.is_some_and(|u| u.original.is_some()));
        cov.with_archived_url += u64::from(urls.is_some_and(|u| u.archived.is_some()));
        cov.with_excerpts += u64::from(excerpts > 0);
        cov.with_accessed_date += u64::from(!r.accessed().is_empty());
    }

    /// Work out what depends on every record having been counted.
    pub fn finish(&mut self) {
        self.countries_with_records =
            self.by_country.values().filter(|c| c.records > 0).count() as u64;
        self.coverage.countries_without_records = self
            .by_country
            .iter()
            .filter(|(_, c)| c.records == 0)
            .map(|(k, _)| k.clone())
            .collect();
        let (start, end) = (self.coverage.period_start, self.coverage.period_end);
        self.coverage.years_without_records = (start..=end)
            .filter(|y| !self.by_year.values.contains_key(&y.to_string()))
            .collect();
    }

    /// As `stats.json` holds them: pretty-printed, with a final newline.
    pub fn to_json(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(self).expect("numbers serialise");
        out.push(b'\n');
        out
    }
}

/// Read a dataset directory one record at a time and count it.
pub fn read(root: &Path, progress: &dyn Progress) -> Result<Stats, Error> {
    let mut stream = Stream::open(root)?;
    loop {
        let mut stats = Stats::new(stream.head());
        let pass = stream.each(
            threads(),
            progress,
            |_| (),
            |r, ()| {
                stats.add(&r);
                Ok(())
            },
        )?;
        if pass == Pass::Done {
            stats.finish();
            return Ok(stats);
        }
    }
}
