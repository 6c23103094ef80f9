//! What the index and the topic pages show of the whole dataset, counted as countries pass:
//! records by year and by topic, each country's pages, each topic's pages.

use std::collections::BTreeMap;

use super::pages::{CountryRow, PageLink};
use super::plot::Bar;
use crate::model::{Dataset, Record};

#[derive(Default)]
pub struct Stats {
    pub records: u64,
    years: BTreeMap<i16, u64>,
    pub undated: u64,
    topics: BTreeMap<String, u64>,
    pub topic_pages: BTreeMap<String, Vec<PageLink>>,
    pub rows: Vec<CountryRow>,
}

impl Stats {
    pub fn record(&mut self, r: &Record) {
        self.records += 1;
        match &r.published {
            Some(p) => *self.years.entry(p.date.year).or_default() += 1,
            None => self.undated += 1,
        }
        for t in &r.topics {
            *self.topics.entry(t.clone()).or_default() += 1;
        }
    }

    pub fn page(&mut self, topic: &str, link: PageLink) {
        self.topic_pages
            .entry(topic.to_string())
            .or_default()
            .push(link);
    }

    pub fn country(&mut self, name: String, cells: Vec<Option<PageLink>>) {
        self.rows.push(CountryRow { name, cells });
    }

    pub fn topic_count(&self, topic: &str) -> u64 {
        self.topics.get(topic).copied().unwrap_or(0)
    }

    /// One bar a year over the coverage (widened to any year outside it), then the undated.
    pub fn year_bars(&self, ds: &Dataset) -> Vec<Bar> {
        let first = self
            .years
            .keys()
            .next()
            .map_or(ds.coverage.start, |&y| i32::from(y));
        let last = self
            .years
            .keys()
            .next_back()
            .map_or(ds.coverage.end, |&y| i32::from(y));
        let mut bars: Vec<Bar> = (first.min(ds.coverage.start)..=last.max(ds.coverage.end))
            .map(|y| Bar {
                label: y.to_string(),
                count: i16::try_from(y)
                    .ok()
                    .and_then(|y| self.years.get(&y))
                    .copied()
                    .unwrap_or(0),
            })
            .collect();
        if self.undated > 0 {
            bars.push(Bar {
                label: "n.d.".into(),
                count: self.undated,
            });
        }
        bars
    }

    /// One bar a topic, in the vocabulary's order.
    pub fn topic_bars(&self, ds: &Dataset) -> Vec<Bar> {
        ds.topics
            .iter()
            .map(|t| Bar {
                label: t.name.clone(),
                count: self.topic_count(&t.id),
            })
            .collect()
    }
}
