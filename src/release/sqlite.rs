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
use rusqlite::types::{Null, ToSqlOutput, ValueRef};
use rusqlite::{Connection, OpenFlags, Statement};

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

/// Text bound as it is: SQLite takes its own copy of bound text (`SQLITE_TRANSIENT`), so the
/// bytes need live only until the cell is bound.
struct Text<'a>(&'a [u8]);

impl ToSql for Text<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(ValueRef::Text(self.0)))
    }
}

/// Bind a cell as SQLite stores it to parameter `i` (from 1): lists as JSON arrays, dates as
/// YYYY-MM-DD text. A list or a date is written into `scratch`, which the writer keeps from
/// cell to cell and row to row: binding a row allocates nothing of its own (a `String` per list
/// and date before, made and freed on the thread every other part of the release waits for).
fn bind(
    statement: &mut Statement<'_>,
    i: usize,
    cell: &Cell<'_>,
    scratch: &mut Vec<u8>,
) -> rusqlite::Result<()> {
    match cell {
        Cell::Text(Some(s)) => statement.raw_bind_parameter(i, Text(s.as_bytes())),
        Cell::Integer(Some(n)) => statement.raw_bind_parameter(i, n),
        Cell::List(Some(v)) => statement.raw_bind_parameter(i, Text(json(scratch, v))),
        Cell::Date(Some(d)) => {
            scratch.clear();
            d.append_to(scratch);
            statement.raw_bind_parameter(i, Text(scratch))
        }
        Cell::Dates(Some(v)) => statement.raw_bind_parameter(i, Text(json(scratch, v))),
        Cell::Text(None)
        | Cell::List(None)
        | Cell::Integer(None)
        | Cell::Date(None)
        | Cell::Dates(None) => statement.raw_bind_parameter(i, Null),
    }
}

/// A list written into `scratch` as compact JSON (dates as their text).
fn json<'s, T: serde::Serialize>(scratch: &'s mut Vec<u8>, list: &T) -> &'s [u8] {
    scratch.clear();
    crate::json::write::write_compact(scratch, list).expect("lists of strings and dates serialise");
    scratch
}

/// Bind `cells` to `statement`'s parameters in order and run it.
fn insert<'a>(
    statement: &mut Statement<'_>,
    cells: impl Iterator<Item = Cell<'a>>,
    scratch: &mut Vec<u8>,
) -> rusqlite::Result<()> {
    let mut bound = 0;
    for cell in cells {
        bound += 1;
        bind(statement, bound, &cell, scratch)?;
    }
    // Every parameter is bound afresh for each row: none may keep the last row's value.
    let expected = statement.parameter_count();
    if bound != expected {
        return Err(rusqlite::Error::InvalidParameterCount(bound, expected));
    }
    statement.raw_execute()?;
    Ok(())
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
            write_rows(&conn, &head, rx, &p).and_then(|()| {
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

/// The size of the database's pages: 16 KiB, not SQLite's default of 4 KiB. SQLite reads and
/// writes the file a page a call, and the full-text indexes read back the segments they merge:
/// on 100,000 copies of the shipped records that was 57,800 `pwrite64` and 62,300 `pread64`
/// calls at 4 KiB, and 13,900 and 14,300 at 16 KiB, for the same bytes. Written to a disk
/// rather than to memory, each call costs the kernel more: `release` took 2.98 s against
/// 3.17 s (medians of eight runs each, in turn), the file is 3% smaller, and the same queries
/// are as fast. The page cache keeps its size in bytes, yet peak memory rose from 99 to
/// 105 MiB; with 64 KiB pages it was 130-139 MiB.
pub const PAGE_SIZE: u32 = 16_384;

/// Settings for a file built once by one writer and never by halves (the build is staged and
/// thrown away if it fails): no journal, no syncs, one lock. Then the tables and the rows that
/// come from the dataset's metadata and countries.
///
/// SQLite does not enforce the foreign keys while the rows go in: the writer checks the
/// references a record can get wrong ([`dangling`]) before its rows are written, with a lookup
/// it has in hand. On 10,000 copies of the shipped records (callgrind), SQLite's check of each
/// row cost 74 M instructions on the thread every other part of the release waits for, and its
/// check of every row at the end (`pragma foreign_key_check`, done after the inserts before)
/// 86 M, on one core while the other idled. The tests and CI still run SQLite's check on the
/// databases built.
fn begin(conn: &Connection, head: &Snapshot) -> rusqlite::Result<()> {
    conn.execute_batch(&format!(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE; \
         PRAGMA page_size = {PAGE_SIZE}; PRAGMA foreign_keys = OFF; BEGIN;"
    ))?;
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

/// Insert a row with `cells`, then its entry in the table's full-text index: the row's id and
/// `indexed`, the row's own values of the indexed columns, as an external-content index must be
/// given them (its snippets and highlights are read from the row).
fn insert_indexed<'a>(
    conn: &Connection,
    (table, index): (&mut Statement<'_>, &mut Statement<'_>),
    cells: impl Iterator<Item = Cell<'a>>,
    indexed: [Cell<'a>; 2],
    scratch: &mut Vec<u8>,
) -> rusqlite::Result<()> {
    insert(table, cells, scratch)?;
    let rowid = Cell::Integer(Some(conn.last_insert_rowid()));
    insert(index, std::iter::once(rowid).chain(indexed), scratch)
}

/// A row that would refer to a country or topic the database does not have. SQLite does not
/// look for these itself (see [`begin`]): they are the only references a row of the dataset's
/// can get wrong, the others being made by the writer (an excerpt's or a topic's row names the
/// record just written).
fn dangling(row: &Row<'_>, head: &Snapshot, path: &Path) -> Result<(), Error> {
    let r = row.record;
    let refused = |what: String| Error::Invalid {
        path: path.to_path_buf(),
        message: format!(
            "record `{}` has {what}, which the dataset does not have: the database's rows may \
             only refer to its countries and topics",
            r.id
        ),
    };
    if row.country.is_none() {
        return Err(refused(format!("country `{}`", r.country)));
    }
    match r.topics.iter().find(|t| !head.dataset.has_topic(t)) {
        Some(t) => Err(refused(format!("topic `{t}`"))),
        None => Ok(()),
    }
}

/// Insert every record that comes, with its topics and excerpts.
fn write_rows(
    conn: &Connection,
    head: &Snapshot,
    rx: Receiver<Arc<Counted>>,
    path: &Path,
) -> Result<(), Error> {
    let sql = sql_error(path);
    let prepare = |text: &str| conn.prepare(text).map_err(&sql);
    let n = table_columns().count();
    let mut record = prepare(&format!("INSERT INTO records VALUES ({})", placeholders(n)))?;
    let mut topic = prepare("INSERT INTO record_topics VALUES (?1, ?2)")?;
    let mut excerpt = prepare(&format!(
        "INSERT INTO excerpts VALUES ({})",
        placeholders(EXCERPT_COLUMNS.len())
    ))?;
    let mut record_fts =
        prepare("INSERT INTO records_fts(rowid, title, subtitle) VALUES (?1, ?2, ?3)")?;
    let mut excerpt_fts =
        prepare("INSERT INTO excerpts_fts(rowid, heading, text) VALUES (?1, ?2, ?3)")?;
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
    let mut scratch = Vec::new();
    for counted in rx {
        let (r, words) = (&counted.record, &counted.words);
        let row = Row {
            record: r,
            country: head.country(&r.country),
        };
        dangling(&row, head, path)?;
        insert_indexed(
            conn,
            (&mut record, &mut record_fts),
            table_columns().map(|c| (c.cell)(&row)),
            [(title.cell)(&row), (subtitle.cell)(&row)],
            &mut scratch,
        )
        .map_err(&sql)?;
        for t in &r.topics {
            topic.execute((&r.id, t)).map_err(&sql)?;
        }
        for x in rows(r, words) {
            insert_indexed(
                conn,
                (&mut excerpt, &mut excerpt_fts),
                EXCERPT_COLUMNS.iter().map(|c| (c.cell)(&x)),
                [(heading.cell)(&x), (text.cell)(&x)],
                &mut scratch,
            )
            .map_err(&sql)?;
        }
    }
    Ok(())
}

/// Indexes, and the file closed.
fn close(conn: Connection, path: &Path) -> Result<(), Error> {
    conn.execute_batch(FINISH_SQL).map_err(sql_error(path))?;
    conn.execute_batch("COMMIT;").map_err(sql_error(path))?;
    conn.close().map_err(|(_, e)| sql_error(path)(e))
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::model::PartialDate;

    /// A database in memory with a table `t` of these columns.
    fn table(columns: &str) -> Connection {
        let conn = Connection::open_in_memory().expect("a database");
        conn.execute_batch(&format!("CREATE TABLE t ({columns})"))
            .expect("a table");
        conn
    }

    fn date(s: &str) -> PartialDate {
        s.parse().expect("a date")
    }

    /// Two rows of every kind of cell, through one scratch buffer, read back as SQLite stores
    /// them: the JSON of a list is serde_json's, and no cell keeps another's bytes.
    #[test]
    fn cells_are_bound_as_sqlite_stores_them() {
        let conn = table("a, b, c, d, e, f, g");
        let mut statement = conn
            .prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
            .expect("a statement");
        let list = vec![
            Cow::Borrowed("Fundación \"Mundo\""),
            Cow::Borrowed("a\\b\n"),
        ];
        let dates = vec![date("2019-11-02"), date("2020"), date("2021-03")];
        let rows = [
            vec![
                Cell::Text(Some(Cow::Borrowed("Labor’s \"report\""))),
                Cell::List(Some(list.clone())),
                Cell::Integer(Some(-7)),
                Cell::Date(Some(date("2019-11-02"))),
                Cell::Dates(Some(dates.clone())),
                Cell::List(Some(vec![])),
                Cell::Text(None),
            ],
            vec![
                Cell::Text(None),
                Cell::List(None),
                Cell::Integer(None),
                Cell::Date(None),
                Cell::Dates(None),
                Cell::List(Some(vec![Cow::Borrowed("x")])),
                Cell::Date(Some(date("2001"))),
            ],
        ];
        let mut scratch = Vec::new();
        for row in rows {
            insert(&mut statement, row.into_iter(), &mut scratch).expect("inserted");
        }
        let read: Vec<Vec<rusqlite::types::Value>> = conn
            .prepare("SELECT a, b, c, d, e, f, g FROM t ORDER BY rowid")
            .expect("a query")
            .query_map([], |r| (0..7).map(|i| r.get(i)).collect())
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("values");
        use rusqlite::types::Value::{Integer, Null, Text};
        let text = |s: &str| Text(s.to_string());
        let dates_json =
            serde_json::to_string(&dates.iter().map(ToString::to_string).collect::<Vec<_>>())
                .expect("JSON");
        assert_eq!(
            read,
            [
                vec![
                    text("Labor’s \"report\""),
                    Text(serde_json::to_string(&list).expect("JSON")),
                    Integer(-7),
                    text("2019-11-02"),
                    Text(dates_json),
                    text("[]"),
                    Null,
                ],
                vec![Null, Null, Null, Null, Null, text(r#"["x"]"#), text("2001")],
            ]
        );
    }

    /// A row of more or fewer cells than the statement has parameters is refused, not run with
    /// some parameter left from the row before.
    #[test]
    fn a_row_must_bind_every_parameter() {
        let conn = table("a, b");
        let mut statement = conn
            .prepare("INSERT INTO t VALUES (?1, ?2)")
            .expect("a statement");
        let mut scratch = Vec::new();
        let two = || [Cell::Integer(Some(1)), Cell::Integer(Some(2))].into_iter();
        insert(&mut statement, two(), &mut scratch).expect("two cells for two parameters");
        let one = insert(
            &mut statement,
            [Cell::Integer(Some(3))].into_iter(),
            &mut scratch,
        );
        assert!(
            matches!(one, Err(rusqlite::Error::InvalidParameterCount(1, 2))),
            "{one:?}"
        );
        let three = insert(
            &mut statement,
            two().chain([Cell::Integer(Some(4))]),
            &mut scratch,
        );
        assert!(three.is_err(), "{three:?}");
        let rows: i64 = conn
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .expect("a count");
        assert_eq!(rows, 1);
    }
}
