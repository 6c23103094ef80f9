//! `feed.xml`: an Atom feed (RFC 4287) of the sources a release added, newest works first, so
//! a reader can follow what each release brings. Entry ids are `urn:sourcebook:record:<id>`:
//! a record's id never changes, so neither does its entry's, wherever the site is served.

use std::fmt::Write;

use super::html::escape;
use crate::diag::plural;
use crate::model::{Dataset, PartialDate};

/// At most this many entries: a feed is read for what is new, not as the catalogue.
pub const LIMIT: usize = 500;

/// A source the release added.
#[derive(Clone, Debug)]
pub struct Added {
    pub id: String,
    pub title: String,
    /// The page and anchor, from the site's root.
    pub url: String,
    /// Publisher, date and country, one line.
    pub summary: String,
    pub published: Option<PartialDate>,
    pub topics: Vec<(String, String)>,
}

fn newest_first(a: &Added, b: &Added) -> std::cmp::Ordering {
    let key = |x: &Added| {
        x.published
            .map(|d| (d.year, d.month.unwrap_or(0), d.day.unwrap_or(0)))
    };
    key(b).cmp(&key(a)).then_with(|| a.id.cmp(&b.id))
}

/// The entries kept as sources stream past: the newest [`LIMIT`], and how many there were.
#[derive(Default)]
pub struct Feed {
    entries: Vec<Added>,
    pub added: usize,
}

impl Feed {
    pub fn push(&mut self, a: Added) {
        self.added += 1;
        self.entries.push(a);
        if self.entries.len() >= 2 * LIMIT {
            self.entries.sort_by(newest_first);
            self.entries.truncate(LIMIT);
        }
    }

    /// The feed's XML. `updated` is the release time (RFC 3339); `base` the site's address,
    /// when known, for absolute links (relative ones resolve against the feed's own address).
    pub fn xml(mut self, ds: &Dataset, updated: &str, base: Option<&str>) -> String {
        self.entries.sort_by(newest_first);
        self.entries.truncate(LIMIT);
        let base = base.unwrap_or("");
        let mut s = String::from(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
        );
        let _ = writeln!(s, "  <id>urn:{}:added</id>", escape(&ds.name));
        let _ = writeln!(
            s,
            "  <title>{}: sources added in version {}</title>",
            escape(&ds.title),
            escape(&ds.version)
        );
        let shown = if self.added > self.entries.len() {
            format!(", the {} newest works shown here", self.entries.len())
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "  <subtitle>Version {} added {} source record{}{shown}.</subtitle>",
            escape(&ds.version),
            self.added,
            plural(self.added)
        );
        let _ = writeln!(s, "  <updated>{updated}</updated>");
        for m in &ds.maintainers {
            let _ = writeln!(s, "  <author><name>{}</name></author>", escape(&m.name));
        }
        let _ = writeln!(
            s,
            "  <link rel=\"alternate\" type=\"text/html\" href=\"{}index.html\"/>",
            escape(base)
        );
        if !base.is_empty() {
            let _ = writeln!(
                s,
                "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}feed.xml\"/>",
                escape(base)
            );
        }
        let _ = writeln!(
            s,
            "  <rights>The compilation: {}. Quoted excerpts remain their holders'.</rights>",
            escape(&ds.licence)
        );
        for e in &self.entries {
            s.push_str("  <entry>\n");
            let _ = writeln!(s, "    <id>urn:sourcebook:record:{}</id>", escape(&e.id));
            let _ = writeln!(s, "    <title>{}</title>", escape(&e.title));
            let _ = writeln!(
                s,
                "    <link rel=\"alternate\" type=\"text/html\" href=\"{}{}\"/>",
                escape(base),
                escape(&e.url)
            );
            let _ = writeln!(s, "    <updated>{updated}</updated>");
            for (id, name) in &e.topics {
                let _ = writeln!(
                    s,
                    "    <category term=\"{}\" label=\"{}\"/>",
                    escape(id),
                    escape(name)
                );
            }
            let _ = writeln!(s, "    <summary>{}</summary>", escape(&e.summary));
            s.push_str("  </entry>\n");
        }
        s.push_str("</feed>\n");
        s
    }
}
