//! `<name>-<version>.sqlite`: the release as a SQLite database (tables `records`, `excerpts`,
//! `countries`, `helplines`, `topics` and `record_topics`, with foreign keys, indexes, and
//! full-text indexes over titles and excerpts), written by the bundled SQLite on a thread of
//! its own, fed one record at a time. The same operations in the same order give the same
//! bytes, so two builds are identical.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use rusqlite::ToSql;
use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{Connection, OpenFlags, params_from_iter};

use super::columns::{Cell, Row, Type, table_columns, tel};
use super::excerpts::Counted;
use super::excerpts::{EXCERPT_COLUMNS, rows};
use super::output::{Written, describe};
use crate::error::Error;
use crate::fsutil::StagedDir;
use crate::snapshot::Snapshot;

/// Records queued for the writer thread.
const QUEUE: usize = 256;

/// The SQL type of a column.
pub fn sql_type(kind: Type) -> &'static str {
    match kind {
        Type::Integer => "INTEGER",
        Type::Text | Type::List(_) | Type::Date | Type::Dates => "TEXT",
    }
}

/// A cell as SQLite stores it: lists as JSON arrays, dates as YYYY-MM-DD text. Text is bound
/// as it is, without a copy of its own.
struct Sql<'a>(Cell<'a>);

impl ToSql for Sql<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match &self.0 {
            Cell::Text(Some(s)) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            Cell::List(Some(v)) => ToSqlOutput::Owned(Value::Text(
                serde_json::to_string(v).expect("strings serialise"),
            )),
            Cell::Integer(Some(n)) => ToSqlOutput::Owned(Value::Integer(*n)),
            Cell::Date(Some(d)) => ToSqlOutput::Owned(Value::Text(d.to_string())),
            Cell::Dates(Some(v)) => {
                let v: Vec<String> = v.iter().map(ToString::to_string).collect();
                ToSqlOutput::Owned(Value::Text(
                    serde_json::to_string(&v).expect("strings serialise"),
                ))
            }
            Cell::Text(None)
            | Cell::List(None)
            | Cell::Integer(None)
            | Cell::Date(None)
            | Cell::Dates(None) => ToSqlOutput::Owned(Value::Null),
        })
    }
}

/// The tables, written before any row.
pub fn schema_sql() -> String {
    let mut records = String::from(
        "CREATE TABLE records (\n  id TEXT PRIMARY KEY NOT NULL,\n  country TEXT NOT NULL REFERENCES countries(code)",
    );
    for c in table_columns().filter(|c| !matches!(c.name, "id" | "country")) {
        records.push_str(&format!(",\n  {} {}", c.name, sql_type(c.kind)));
    }
    records.push_str("\n);\n");
    let mut excerpts =
        String::from("CREATE TABLE excerpts (\n  record_id TEXT NOT NULL REFERENCES records(id)");
    for c in EXCERPT_COLUMNS.iter().filter(|c| c.name != "record_id") {
        let not_null = if matches!(c.name, "number" | "text" | "country") {
            " NOT NULL"
        } else {
            ""
        };
        excerpts.push_str(&format!(",\n  {} {}{not_null}", c.name, sql_type(c.kind)));
    }
    excerpts.push_str(",\n  PRIMARY KEY (record_id, number)\n);\n");
    format!(
        "CREATE TABLE countries (\n  code TEXT PRIMARY KEY NOT NULL,\n  alpha3 TEXT NOT NULL,\n  name TEXT NOT NULL,\n  official_name TEXT\n);\n\
         CREATE TABLE helplines (\n  country TEXT NOT NULL REFERENCES countries(code),\n  number INTEGER NOT NULL,\n  organisation TEXT NOT NULL,\n  dial TEXT NOT NULL,\n  calling_code TEXT NOT NULL,\n  e164 TEXT,\n  tel TEXT NOT NULL,\n  PRIMARY KEY (country, number)\n);\n\
         CREATE TABLE topics (\n  id TEXT PRIMARY KEY NOT NULL,\n  name TEXT NOT NULL\n);\n\
         {records}\
         CREATE TABLE record_topics (\n  record_id TEXT NOT NULL REFERENCES records(id),\n  topic TEXT NOT NULL REFERENCES topics(id),\n  PRIMARY KEY (record_id, topic)\n) WITHOUT ROWID;\n\
         {excerpts}"
    )
}

/// The full-text indexes, made with the tables and kept up as each row goes in, from the values
/// bound to that row: the writer thread has them in hand, so nothing is read back, and the work
/// is done while the other core is busy with the rest of the release instead of after it.
/// Built once the last row was in (FTS5's `rebuild`), they were most of the time the release
/// spent on one core at its end: 0.85 s of 1.25 s on 100,000 copies (bench/NOTES.md).
///
/// An index gathers terms in memory up to its `hashsize` before it writes them out as a
/// segment, and merges segments as they pile up. At FTS5's default of 1 MiB, the excerpts of
/// 100,000 records make many small segments, and merging them is about half that index's time;
/// at 8 MiB it was built in 0.66-0.82 s instead of 1.13-1.26 s (after the last row, in Python's
/// SQLite, before it was fed row by row), and queries are as fast (bench/NOTES.md). The
/// titles' index keeps the default: at 8 MiB too, the release's peak memory rose from 96 to
/// 113 MiB for no time saved. The setting is kept in the index's `_config` table, where it
/// governs later writes too.
const FTS_SQL: &str = "
CREATE VIRTUAL TABLE records_fts USING fts5(
  title, subtitle, content='records', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE excerpts_fts USING fts5(
  heading, text, content='excerpts', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO excerpts_fts(excerpts_fts, rank) VALUES ('hashsize', 8388608);
";

/// Indexes, built once the rows are in (faster, and more compact, than keeping them up to
/// date row by row).
const FINISH_SQL: &str = "
CREATE INDEX records_by_country ON records(country);
CREATE INDEX records_by_year ON records(published_year);
CREATE INDEX excerpts_by_country ON excerpts(country);
CREATE INDEX record_topics_by_topic ON record_topics(topic);
";

fn sql_error(path: &Path) -> impl Fn(rusqlite::Error) -> Error + '_ {
    move |e| Error::Write {
        path: path.to_path_buf(),
        source: std::io::Error::other(e),
    }
}

/// The database being written, on its own thread.
pub struct Database {
    /// Set when the build is given up: the writer then closes the file without building its
    /// indexes, which nobody will read.
    abandoned: Arc<AtomicBool>,
    path: PathBuf,
    queue: Option<SyncSender<Arc<Counted>>>,
    writer: Option<JoinHandle<Result<(), Error>>>,
    dir: PathBuf,
    rel: String,
}

impl Database {
    /// Start `<name>-<version>.sqlite` in `dir` with the tables, countries, helplines and topics.
    pub fn start(dir: &StagedDir, head: &Snapshot) -> Result<Database, Error> {
        let rel = format!("{}-{}.sqlite", head.name, head.version);
        let path = dir.path().join(&rel);
        // Created empty and exclusively like every file of the bundle, then opened by SQLite
        // without leave to create it: SQLite writes into the file the build made, nowhere else
        // (with the journal off it makes no file of its own).
        drop(dir.create(&rel)?);
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sql_error(&path))?;
        begin(&conn, head).map_err(sql_error(&path))?;
        let (queue, rx) = sync_channel(QUEUE);
        let p = path.clone();
        let head = head.clone();
        let abandoned = Arc::new(AtomicBool::new(false));
        let given_up = abandoned.clone();
        let writer = std::thread::spawn(move || {
            write_rows(&conn, &head, rx)
                .map_err(sql_error(&p))
                .and_then(|()| {
                    if given_up.load(Ordering::SeqCst) {
                        return Ok(());
                    }
                    close(conn, &p)
                })
        });
        Ok(Database {
            abandoned,
            path,
            queue: Some(queue),
            writer: Some(writer),
            dir: dir.path().to_path_buf(),
            rel,
        })
    }

    /// Queue a record.
    pub fn add(&mut self, r: Arc<Counted>) -> Result<(), Error> {
        let sent = self.queue.as_ref().is_some_and(|q| q.send(r).is_ok());
        if sent {
            return Ok(());
        }
        // The writer stopped: its error says why.
        self.join()?;
        Err(self.stopped())
    }

    fn stopped(&self) -> Error {
        Error::Write {
            path: self.path.clone(),
            source: std::io::Error::other("the SQLite writer stopped"),
        }
    }

    fn join(&mut self) -> Result<(), Error> {
        self.queue = None;
        match self.writer.take().map(JoinHandle::join) {
            None | Some(Ok(Ok(()))) => Ok(()),
            Some(Ok(Err(e))) => Err(e),
            Some(Err(_)) => Err(self.stopped()),
        }
    }

    /// Build the indexes, close the database and describe the file.
    pub fn finish(mut self) -> Result<Written, Error> {
        self.join()?;
        describe(&self.dir, &self.rel)
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        // A build that failed or was refused elsewhere (after `finish`, the writer has ended):
        // let the writer end, without its indexes, before its directory goes.
        self.abandoned.store(true, Ordering::SeqCst);
        let _ = self.join();
    }
}

/// Settings for a file built once by one writer and never by halves (the build is staged and
/// thrown away if it fails): no journal, no syncs, one lock. Then the tables and the rows that
/// come from the dataset's metadata and countries.
fn begin(conn: &Connection, head: &Snapshot) -> rusqlite::Result<()> {
    conn.execute_batch(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE; \
         PRAGMA page_size = 4096; BEGIN;",
    )?;
    conn.execute_batch(&schema_sql())?;
    conn.execute_batch(FTS_SQL)?;
    let mut country = conn.prepare("INSERT INTO countries VALUES (?1, ?2, ?3, ?4)")?;
    let mut helpline = conn.prepare("INSERT INTO helplines VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;
    for c in &head.countries {
        country.execute((&c.code, &c.alpha3, &c.name, &c.official_name))?;
        for (i, h) in c.helplines.iter().flatten().enumerate() {
            helpline.execute((
                &c.code,
                i as i64 + 1,
                &h.organisation,
                &h.number,
                &h.calling_code,
                &h.e164,
                tel(h),
            ))?;
        }
    }
    let mut topic = conn.prepare("INSERT INTO topics VALUES (?1, ?2)")?;
    for t in &head.dataset.topics {
        topic.execute((&t.id, &t.name))?;
    }
    Ok(())
}

fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Insert every record that comes, with its topics and excerpts.
fn write_rows(
    conn: &Connection,
    head: &Snapshot,
    rx: Receiver<Arc<Counted>>,
) -> rusqlite::Result<()> {
    let n = table_columns().count();
    let mut record = conn.prepare(&format!("INSERT INTO records VALUES ({})", placeholders(n)))?;
    let mut topic = conn.prepare("INSERT INTO record_topics VALUES (?1, ?2)")?;
    let mut excerpt = conn.prepare(&format!(
        "INSERT INTO excerpts VALUES ({})",
        placeholders(EXCERPT_COLUMNS.len())
    ))?;
    let mut record_fts =
        conn.prepare("INSERT INTO records_fts(rowid, title, subtitle) VALUES (?1, ?2, ?3)")?;
    let mut excerpt_fts =
        conn.prepare("INSERT INTO excerpts_fts(rowid, heading, text) VALUES (?1, ?2, ?3)")?;
    let column = |name: &str| table_columns().find(|c| c.name == name);
    let excerpt_column = |name: &str| EXCERPT_COLUMNS.iter().find(|c| c.name == name);
    let (Some(title), Some(subtitle), Some(heading), Some(text)) = (
        column("title"),
        column("subtitle"),
        excerpt_column("heading"),
        excerpt_column("text"),
    ) else {
        unreachable!("the records have titles and subtitles, the excerpts headings and texts");
    };
    for counted in rx {
        let (r, words) = (&counted.record, &counted.words);
        let row = Row {
            record: r,
            country: head.country(&r.country),
        };
        record.execute(params_from_iter(
            table_columns().map(|c| Sql((c.cell)(&row))),
        ))?;
        // The index is given the row's own values, by the columns' own cells, as an
        // external-content index must be: its snippets and highlights are read from the row.
        let rowid = conn.last_insert_rowid();
        record_fts.execute((rowid, Sql((title.cell)(&row)), Sql((subtitle.cell)(&row))))?;
        for t in &r.topics {
            topic.execute((&r.id, t))?;
        }
        for x in rows(r, words) {
            excerpt.execute(params_from_iter(
                EXCERPT_COLUMNS.iter().map(|c| Sql((c.cell)(&x))),
            ))?;
            let rowid = conn.last_insert_rowid();
            excerpt_fts.execute((rowid, Sql((heading.cell)(&x)), Sql((text.cell)(&x))))?;
        }
    }
    Ok(())
}

/// Indexes, a check of the foreign keys, and the file closed.
fn close(conn: Connection, path: &Path) -> Result<(), Error> {
    conn.execute_batch(FINISH_SQL).map_err(sql_error(path))?;
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .map_err(sql_error(path))?;
    if broken > 0 {
        return Err(Error::Invalid {
            path: path.to_path_buf(),
            message: format!(
                "{broken} rows refer to a country, record or topic the dataset does not have"
            ),
        });
    }
    conn.execute_batch("COMMIT;").map_err(sql_error(path))?;
    conn.close().map_err(|(_, e)| sql_error(path)(e))
}
