//! The numbers as Markdown: [`markdown`] for `sourcebook stats`, and [`compare_markdown`] for
//! the opening of a release's `CHANGES.md`.

use std::fmt::Write;

use super::count::{Stats, Tally};
use crate::escape;

/// How many values of a long tally (publishers) are listed before the rest are summed up.
const TOP: usize = 20;

/// A table row. Cells are numbers, the tool's own words, or dataset text already escaped with
/// [`escape`] (which also keeps a `|` from ending the cell).
fn row(md: &mut String, cells: &[&dyn std::fmt::Display]) {
    md.push('|');
    for c in cells {
        let _ = write!(md, " {c} |");
    }
    md.push('\n');
}

/// One tally as a table: `order` lists the values to show in their order.
fn tally(md: &mut String, heading: &str, what: &str, t: &Tally, order: Vec<(&str, u64)>) {
    let _ = write!(md, "\n## {heading}\n\n| {what} | Records |\n|---|---:|\n");
    let shown = order.len().min(TOP);
    for (value, n) in &order[..shown] {
        row(md, &[&escape::markdown_code(value), n]);
    }
    if order.len() > shown {
        let rest: u64 = order[shown..].iter().map(|(_, n)| n).sum();
        let others = order.len() - shown;
        row(md, &[&format!("{others} others"), &rest]);
    }
    if t.absent > 0 {
        row(md, &[&"(not given)", &t.absent]);
    }
}

fn list<T: std::fmt::Display>(items: &[T]) -> String {
    if items.is_empty() {
        return "none".into();
    }
    items
        .iter()
        .map(|i| escape::markdown(&i.to_string()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The numbers for people to read.
pub fn markdown(s: &Stats) -> String {
    let c = &s.coverage;
    let mut md = format!(
        "# {} {} in numbers\n\n| | |\n|---|---:|\n",
        escape::markdown(&s.name),
        escape::markdown(&s.version)
    );
    row(&mut md, &[&"Records", &s.records]);
    row(
        &mut md,
        &[
            &"Countries with records",
            &format!("{} of {}", s.countries_with_records, s.countries),
        ],
    );
    row(&mut md, &[&"Excerpts", &s.excerpts]);
    row(&mut md, &[&"Words quoted in excerpts", &s.quoted_words]);
    row(
        &mut md,
        &[
            &format!("Published in {}–{}", c.period_start, c.period_end),
            &c.published_in_period,
        ],
    );
    row(
        &mut md,
        &[&"Published before the period", &c.published_before],
    );
    row(
        &mut md,
        &[&"Published after the period", &c.published_after],
    );
    row(&mut md, &[&"Undated", &c.undated]);

    md.push_str("\n## Records per country\n\n| Country | Records | Excerpts | Words quoted |\n|---|---:|---:|---:|\n");
    for (code, cs) in &s.by_country {
        row(
            &mut md,
            &[
                &escape::markdown(&format!("{code} {}", cs.name)),
                &cs.records,
                &cs.excerpts,
                &cs.quoted_words,
            ],
        );
    }
    tally(
        &mut md,
        "Records per topic",
        "Topic",
        &s.by_topic,
        s.by_topic.ranked(),
    );
    // Years read best in order.
    let years: Vec<(&str, u64)> = s
        .by_year
        .values
        .iter()
        .map(|(k, n)| (k.as_str(), *n))
        .collect();
    tally(
        &mut md,
        "Records per year of publication",
        "Year",
        &s.by_year,
        years,
    );
    tally(
        &mut md,
        "Records per publisher",
        "Publisher",
        &s.by_publisher,
        s.by_publisher.ranked(),
    );
    tally(
        &mut md,
        "Records per format",
        "Format",
        &s.by_format,
        s.by_format.ranked(),
    );
    tally(
        &mut md,
        "Records per language",
        "Language",
        &s.by_language,
        s.by_language.ranked(),
    );
    tally(
        &mut md,
        "Records per rights status",
        "Status",
        &s.by_rights_status,
        s.by_rights_status.ranked(),
    );

    md.push_str("\n## Coverage\n\n");
    let _ = writeln!(
        md,
        "- Publication dates: {} to the day, {} to the month, {} to the year only, {} undated.",
        c.dated_to_the_day, c.dated_to_the_month, c.dated_to_the_year, c.undated
    );
    let _ = writeln!(
        md,
        "- Of {} records: {} name authors, {} give the publisher's address, {} an archived copy, {} quote excerpts, {} give the date they were accessed.",
        s.records,
        c.with_authors,
        c.with_url,
        c.with_archived_url,
        c.with_excerpts,
        c.with_accessed_date
    );
    let _ = writeln!(
        md,
        "- Years of {}–{} without records: {}.",
        c.period_start,
        c.period_end,
        list(&c.years_without_records)
    );
    let _ = writeln!(
        md,
        "- Countries without records: {}.",
        list(&c.countries_without_records)
    );
    md
}

fn change(old: u64, new: u64) -> String {
    match new.cmp(&old) {
        std::cmp::Ordering::Greater => format!("+{}", new - old),
        std::cmp::Ordering::Less => format!("−{}", old - new),
        std::cmp::Ordering::Equal => "0".into(),
    }
}

/// How the numbers changed from `old` to `new`: the totals, and each country whose counts
/// changed.
pub fn compare_markdown(old: &Stats, new: &Stats) -> String {
    let mut md = format!(
        "\n### In numbers\n\n| | {} | {} | Change |\n|---|---:|---:|---:|\n",
        escape::markdown(&old.version),
        escape::markdown(&new.version)
    );
    for (what, a, b) in [
        ("Records", old.records, new.records),
        (
            "Countries with records",
            old.countries_with_records,
            new.countries_with_records,
        ),
        ("Excerpts", old.excerpts, new.excerpts),
        (
            "Words quoted in excerpts",
            old.quoted_words,
            new.quoted_words,
        ),
        (
            "Undated records",
            old.coverage.undated,
            new.coverage.undated,
        ),
    ] {
        row(&mut md, &[&what, &a, &b, &change(a, b)]);
    }
    let codes: std::collections::BTreeSet<&String> =
        old.by_country.keys().chain(new.by_country.keys()).collect();
    let mut countries = String::new();
    for code in codes {
        let a = old.by_country.get(code).map_or(0, |c| c.records);
        let b = new.by_country.get(code).map_or(0, |c| c.records);
        if a != b {
            let name = new
                .by_country
                .get(code)
                .or(old.by_country.get(code))
                .map_or("", |c| c.name.as_str());
            row(
                &mut countries,
                &[
                    &escape::markdown(&format!("{code} {name}")),
                    &a,
                    &b,
                    &change(a, b),
                ],
            );
        }
    }
    if !countries.is_empty() {
        let _ = write!(
            md,
            "\nRecords per country, where they changed:\n\n| Country | {} | {} | Change |\n|---|---:|---:|---:|\n{countries}",
            escape::markdown(&old.version),
            escape::markdown(&new.version)
        );
    }
    md
}
