//! The search index the site's pages read from static files: which sources hold each word of
//! their titles, publishers and excerpts. Written in shards so a search loads only the few
//! files its words need, however large the dataset:
//!
//! - `search/meta.json`: `{"docs": N, "chunk": C}`;
//! - `search/docs/<k>.json`: sources `k*C .. (k+1)*C` as `[url, title, line, country]`;
//! - `search/terms/<shard>.json`: `{term: [doc numbers, each the difference from the one
//!   before]}` for the terms that start with the shard's two characters (their code points in
//!   hex, `63-68` for "ch").
//!
//! A word is folded as `assets/site.js` folds a query: decomposed (NFD), combining marks
//! removed, lower-cased, split at every character that is neither a letter nor a number;
//! words of one character are left out.

use std::collections::{BTreeMap, HashMap};

use serde_json::json;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::out::Output;
use crate::error::Error;

/// Sources per `docs` file.
pub const CHUNK: usize = 1000;

/// The words of a text as the index holds them.
pub fn words(text: &str) -> impl Iterator<Item = String> {
    let folded: String = text
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase();
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().nth(1).is_some())
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

/// The shard a word's postings are in.
pub fn shard(word: &str) -> String {
    word.chars()
        .take(2)
        .map(|c| format!("{:x}", u32::from(c)))
        .collect::<Vec<_>>()
        .join("-")
}

/// A source as a search result shows it.
pub struct Doc {
    /// The page and anchor, from the site's root.
    pub url: String,
    pub title: String,
    /// Publisher and date, one line.
    pub line: String,
    pub country: String,
}

/// The sources a term is in, as the gaps between their numbers in LEB128: mostly a byte a
/// source, a quarter of a `Vec<u32>`, which keeps the index's memory small at 100,000 sources.
#[derive(Default)]
struct Postings {
    last: Option<u32>,
    gaps: Vec<u8>,
}

impl Postings {
    fn push(&mut self, doc: u32) {
        if self.last == Some(doc) {
            return;
        }
        let mut gap = doc - self.last.map_or(0, |l| l);
        self.last = Some(doc);
        loop {
            let byte = (gap & 0x7f) as u8;
            gap >>= 7;
            if gap == 0 {
                self.gaps.push(byte);
                return;
            }
            self.gaps.push(byte | 0x80);
        }
    }

    /// The gaps, as numbers (the first is the first source's own number).
    fn gaps(&self) -> Vec<u32> {
        let mut out = Vec::new();
        let (mut value, mut shift) = (0u32, 0);
        for b in &self.gaps {
            value |= u32::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                out.push(value);
                (value, shift) = (0, 0);
            } else {
                shift += 7;
            }
        }
        out
    }
}

/// The index being built: postings in memory, the sources written out a chunk at a time.
#[derive(Default)]
pub struct Index {
    terms: HashMap<String, Postings>,
    chunk: Vec<serde_json::Value>,
    docs: u32,
}

impl Index {
    /// Add a source with the texts it is found by.
    pub fn add<'a>(
        &mut self,
        doc: Doc,
        texts: impl IntoIterator<Item = &'a str>,
        out: &mut Output,
    ) -> Result<(), Error> {
        let n = self.docs;
        self.docs += 1;
        for text in texts {
            for w in words(text) {
                self.terms.entry(w).or_default().push(n);
            }
        }
        self.chunk
            .push(json!([doc.url, doc.title, doc.line, doc.country]));
        if self.chunk.len() == CHUNK {
            self.flush(out)?;
        }
        Ok(())
    }

    fn flush(&mut self, out: &mut Output) -> Result<(), Error> {
        if self.chunk.is_empty() {
            return Ok(());
        }
        let k = (self.docs as usize - 1) / CHUNK;
        let bytes = serde_json::to_vec(&self.chunk).expect("JSON serialises");
        self.chunk.clear();
        out.write(&format!("search/docs/{k}.json"), &bytes)
    }

    /// Write what is left: the last sources, every shard of terms, and the counts.
    pub fn finish(mut self, out: &mut Output) -> Result<u32, Error> {
        self.flush(out)?;
        // Grouped still compressed; each shard is spelt out as numbers only while it is written.
        let mut shards: BTreeMap<String, BTreeMap<String, Postings>> = BTreeMap::new();
        for (term, postings) in self.terms.drain() {
            shards
                .entry(shard(&term))
                .or_default()
                .insert(term, postings);
        }
        for (name, terms) in shards {
            let terms: BTreeMap<String, Vec<u32>> =
                terms.into_iter().map(|(t, p)| (t, p.gaps())).collect();
            let bytes = serde_json::to_vec(&terms).expect("JSON serialises");
            out.write(&format!("search/terms/{name}.json"), &bytes)?;
        }
        let meta = json!({ "docs": self.docs, "chunk": CHUNK });
        out.write("search/meta.json", meta.to_string().as_bytes())?;
        Ok(self.docs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_keep_each_source_once_in_order() {
        let mut p = Postings::default();
        for d in [0, 0, 3, 130, 130, 20_000, 20_001] {
            p.push(d);
        }
        assert_eq!(p.gaps(), [0, 3, 127, 19_870, 1]);
        assert_eq!(p.gaps.len(), 7, "one byte a small gap, three for 19,870");
    }

    #[test]
    fn words_are_folded_and_split_as_the_page_folds_a_query() {
        let w: Vec<String> = words("Niños: PROTECCIÓN, Labor’s 2004 a—Iquitos x").collect();
        assert_eq!(w, ["ninos", "proteccion", "labor", "2004", "iquitos"]);
        assert_eq!(shard("iquitos"), "69-71");
        assert_eq!(shard("日本"), "65e5-672c");
    }
}
