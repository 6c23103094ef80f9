//! `sourcebook stats`: the dataset in numbers. Records per country, topic, publication year,
//! publisher, format, language and rights status; excerpts and the words they quote; and
//! coverage: how the records fall in the dataset's period, which countries and years have none,
//! and how many give each optional fact. Counted one record at a time, so memory grows with
//! the number of distinct values, never with the number of records. The release ships it as
//! `stats.json`, and its `CHANGES.md` opens with [`compare_markdown`].

mod count;
mod markdown;

pub use count::{CountryStats, Coverage, Stats, Tally, read};
pub use markdown::{compare_markdown, markdown};
