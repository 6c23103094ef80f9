//! `docs/release.md`: every file of a release and every column of its tables, generated from
//! the column tables so the reference cannot drift from what is written.

use std::fmt::Write;

use super::assets;
use super::build::PARTITION_AT;
use super::columns::{PARAGRAPHS, RECORD_COLUMNS, Scope, Type};
use super::excerpts::EXCERPT_COLUMNS;

const FILES: &str = "\
| File | What it holds |
|---|---|
| `<name>-<version>.json` | One document: `schema_version`, `name`, `version`, `created` (when known), the dataset metadata (`dataset`), the countries sorted by code and the records sorted by id. |
| `records.ndjson` | One record per line, exactly as in the dataset (DuckDB, pandas, Spark and BigQuery read it directly). |
| `records.csv` | One row per record in the flat columns below. |
| `excerpts.csv` | One row per excerpt, with its record's id, in the columns below. |
| `records.parquet` | The records in the columns below, typed: integers as INT64, full dates as DATE, lists as LIST. For datasets of fewer than PARTITION_AT records. |
| `excerpts.parquet` | The excerpts in the columns below, typed. For datasets of fewer than PARTITION_AT records. |
| `parquet/records/country=<CC>/part-<n>.parquet`, `parquet/excerpts/country=<CC>/part-<n>.parquet` | For datasets of PARTITION_AT records or more, instead of the two files above: the same tables partitioned by country in Hive's layout, which Spark, BigQuery and DuckDB read in place (the `country` column is in the directory names, not in the files); `--partition-records N` moves the threshold. |
| `<name>-<version>.sqlite` | A SQLite database: tables `records`, `excerpts`, `countries`, `helplines`, `topics` and `record_topics` with foreign keys and indexes, and full-text indexes (FTS5) over titles and excerpts. |
| `metadata.json` | Datasette's metadata for the database: title, licence, source, and a description of every table and column. |
| `records.csl.json` | CSL-JSON for citation managers (Zotero, citeproc-js, pandoc, hayagriva), mapped for what styles print: a news agency's or newspaper's name as the periodical (`container-title`), an edition only when the title does not already print it (a year never as \"2005th ed.\"), a meeting session with its body in `publisher`; dates as `date-parts` at their precision, the latest accessed date, the address; the rest in `custom` and a one-line `note`. The site renders its citations from the same fields. |
| `stats.json` | The dataset in numbers, as `sourcebook stats --format json` prints them (below). |
| `datapackage.json` | A Frictionless Data Package: every file with its size, `sha256:` hash and media type, the licence, and a Table Schema for each table (`records.csv`, `excerpts.csv`, and `records.ndjson` read as a table of every record field). |
| `schema/*.schema.json` | The JSON Schemas the release was validated against. |
| `CHANGES.md`, `changes.json` | With `--previous OLD`: what changed since that release, opening with the numbers (records, countries, excerpts, words quoted, and each country whose count moved). |
| `SHA256SUMS` | `<sha256>  <path>` for every other file, sorted by path (`sha256sum -c SHA256SUMS`). |
";

const READING: &str = "\
## Reading a release

```sql
-- DuckDB, over the published file itself (no download step; DuckDB fetches what the query needs)
INSTALL httpfs; LOAD httpfs;
SELECT r.published_year, count(DISTINCT r.id) AS sources
FROM 'https://github.com/<owner>/<repository>/releases/download/v<version>/excerpts.parquet' AS e
JOIN 'https://github.com/<owner>/<repository>/releases/download/v<version>/records.parquet' AS r
  ON r.id = e.record_id
WHERE regexp_matches(e.text, '\\bbrothels?\\b', 'i')
GROUP BY ALL ORDER BY 1;

-- DuckDB, over a large release's partitioned tables (unpacked from the archive, or copied to object storage)
SELECT country, count(*) FROM read_parquet('parquet/records/*/*.parquet', hive_partitioning = true) GROUP BY ALL;
```

```python
# Spark: the partitioned tables, read in place; `country` comes from the directory names
records = spark.read.parquet(\"s3://bucket/sourcebook-<version>/parquet/records\")
records.where(\"country = 'PE'\").groupBy(\"published_year\").count().show()
```

```sh
sqlite3 sourcebook-<version>.sqlite \"SELECT record_id, snippet(excerpts_fts, 1, '[', ']', '…', 8) FROM excerpts_fts JOIN excerpts ON excerpts.rowid = excerpts_fts.rowid WHERE excerpts_fts MATCH 'brothel'\"
datasette sourcebook-<version>.sqlite -m metadata.json   # a browsable, searchable copy on localhost
```

The Parquet and SQLite files are written only by a `sourcebook` built with the `analyst-formats`
feature (`cargo run --release --features analyst-formats -- release`), which the release
workflow uses. Without it `release` stops with exit code 2 rather than build a bundle that
silently lacks them; `release --text-only` builds the other files alone, on purpose.
";

const SPREADSHEETS: &str = "\
## Spreadsheets

`records.csv` and `excerpts.csv` are UTF-8 with a byte-order mark, so Excel opens them as
UTF-8 when double-clicked and LibreOffice proposes UTF-8 in its import dialog (the mark is part
of the encoding: Python reads it with `encoding=\"utf-8-sig\"`, pandas and DuckDB skip it). The
separator is a comma, lines end with LF, and the first row names the columns.

Every text cell is quoted and numbers and full dates are not, so an import that formats quoted
fields as text keeps ids, partial dates such as `2001` or `2001-11`, and values such as `1E5`
or `007` exactly as written: in LibreOffice tick *Format quoted field as text* (and keep
*Evaluate formulas* off); in Excel use *Data > From Text/CSV* and set those columns to Text.
A plain double-click in Excel converts what looks like a number or date whatever the quotes
say; the parts of the publication date are therefore also given as numbers
(`published_year`, `published_month`, `published_day`). A cell that a spreadsheet would run as
a formula (it starts with `=`, `+`, `-`, `@`, a tab or a line break) is prefixed with an
apostrophe; strip one leading apostrophe from such cells to get the data exactly.

Lists are joined in one cell with `\"; \"`; excerpts, notes and cross-references, which have
semicolons of their own, with a blank line. In Parquet lists are LIST columns; in SQLite they
are JSON arrays (`json_each` reads them).
";

fn kinds(kind: Type) -> String {
    let (csv, parquet, sqlite) = kind.names();
    let csv = match kind {
        Type::List(PARAGRAPHS) => format!("{csv} by a blank line"),
        Type::List(_) | Type::Dates => format!("{csv} by `\"; \"`"),
        _ => csv.to_string(),
    };
    format!("{csv} | {parquet} | {sqlite}")
}

fn esc(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// `docs/release.md`.
pub fn reference_markdown() -> String {
    let mut s = String::from(
        "# Release files\n\n<!-- Generated from src/release; do not edit by hand. -->\n\n\
         `sourcebook release` writes `dist/<name>-<version>/`:\n\n",
    );
    s.push_str(&FILES.replace("PARTITION_AT", &PARTITION_AT.to_string()));
    s.push_str(
        "\nTwo builds of the same commit are byte-identical, the Parquet and SQLite files included: \
         `created` comes from `SOURCE_DATE_EPOCH`, or the time of the last commit, never the clock. \
         Records are read, converted and written one at a time, so memory stays flat however many \
         there are.\n\n",
    );
    s.push_str(READING);
    s.push('\n');
    s.push_str(SPREADSHEETS);
    s.push_str(
        "\n## Columns of the records table\n\n`records.csv`, `records.parquet` and the SQLite \
         `records` table. An absent value is an empty cell in CSV and null in Parquet and SQLite.\n\n\
         | Column | CSV | Parquet | SQLite | Description |\n|---|---|---|---|---|\n",
    );
    for c in RECORD_COLUMNS {
        let only = if c.scope == Scope::FlatOnly {
            " CSV only."
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "| `{}` | {} | {}{only} |",
            c.name,
            kinds(c.kind),
            esc(c.description)
        );
    }
    s.push_str(
        "\n## Columns of the excerpts table\n\n`excerpts.csv`, `excerpts.parquet` and the SQLite \
         `excerpts` table: one row per excerpt, in record and printed order.\n\n\
         | Column | CSV | Parquet | SQLite | Description |\n|---|---|---|---|---|\n",
    );
    for c in EXCERPT_COLUMNS {
        let _ = writeln!(
            s,
            "| `{}` | {} | {} |",
            c.name,
            kinds(c.kind),
            esc(c.description)
        );
    }
    s.push_str(SQLITE);
    s.push_str(STATS);
    s.push_str(
        &PUBLISHING.replace(
            "ARCHIVED_ONLY",
            &assets::ARCHIVED_ONLY
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(" and "),
        ),
    );
    s
}

const SQLITE: &str = "
## The SQLite database

| Table | Rows |
|---|---|
| `records` | One per record, in the columns above (`id` the primary key, `country` a foreign key to `countries`). |
| `excerpts` | One per excerpt, in the columns above; primary key (`record_id`, `number`), `record_id` a foreign key to `records`. |
| `countries` | One per country: `code`, `alpha3`, `name`, `official_name`. |
| `helplines` | Each country's helplines for victims: `country`, `number` (its place in the list, from 1), `organisation`, `dial` (as dialled), `calling_code`, `e164`, `tel` (a `tel:` URI). |
| `topics` | The dataset's topics: `id`, `name`. |
| `record_topics` | Which record is listed under which topic: `record_id`, `topic`. |
| `records_fts` | Full-text index (FTS5, diacritics folded) over `records.title` and `records.subtitle`; its `rowid` is the record's. |
| `excerpts_fts` | Full-text index over `excerpts.heading` and `excerpts.text`; its `rowid` is the excerpt's. It is built gathering up to 8 MiB of terms in memory before each write (FTS5's `hashsize`, kept in `excerpts_fts_config`, where it also applies to rows you add later). Both are external-content indexes: rows you add to `records` or `excerpts` must be added to them too. |

Indexes: records by country and by publication year, excerpts by country, record topics by topic.
";

const STATS: &str = "
## stats.json

`sourcebook stats --format json` over the same dataset: `records`, `countries` (country files),
`countries_with_records`, `excerpts`, `quoted_words` (words in the excerpts' headings and
texts); `by_country` (each country's name, records, excerpts and words quoted); `by_topic`,
`by_year` (of publication), `by_publisher`, `by_format`, `by_language`, `by_rights_status`,
each `{ \"values\": { value: records }, \"absent\": records without one }`; and `coverage`:
the dataset's period (`period_start`, `period_end`), records published in it, before it, after it
and undated, dates known to the day, month or year, the years of the period and the countries
without records, and how many records name authors, give an address, an archived copy,
excerpts and an accessed date.
";

const PUBLISHING: &str = "
## As published on GitHub

A GitHub release names its assets by file name only, so a bundle's directories cannot be
uploaded as they are. `sourcebook release --assets DIR` writes what the release workflow
uploads, all in one flat directory: the whole bundle as `<name>-<version>.tar.gz` and
`<name>-<version>.zip` (one directory inside, `<name>-<version>/`), every top-level file of
the bundle under its own name except ARCHIVED_ONLY (they describe the bundle's layout, so they
are read inside an archive), and a `SHA256SUMS` covering exactly these files
(`sha256sum -c SHA256SUMS` in the download directory). The archives are reproducible too: entries
in path order, the release time as every entry's time, no owner names.

The release workflow adds the `sourcebook` binaries it built for each platform,
`sourcebook-cli-<target>.tar.gz` (`.zip` for Windows) holding `sourcebook-cli-<target>/` with
the binary, README and licences, and writes `SHA256SUMS` again over everything it uploads, so
one file verifies the bundle and the binaries alike.
";

#[cfg(test)]
mod tests {
    #[test]
    fn every_column_is_documented() {
        let doc = super::reference_markdown();
        for c in super::RECORD_COLUMNS {
            assert!(doc.contains(&format!("| `{}` |", c.name)), "{}", c.name);
        }
        for c in super::EXCERPT_COLUMNS {
            assert!(doc.contains(&format!("| `{}` |", c.name)), "{}", c.name);
        }
    }
}
