//! `records.parquet` and `excerpts.parquet`: the record and excerpt tables with their types
//! (integers as INT64, full dates as DATE, lists as LIST), written a batch at a time with the
//! `parquet` crate's Arrow writer, and row groups closed at a few megabytes so memory stays flat.
//! Large datasets are written partitioned by country instead, in Hive's layout
//! (`parquet/records/country=PE/part-0.parquet`), which Spark, BigQuery and DuckDB read in
//! place with the country taken from the path.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{ArrayBuilder, Date32Builder, Int64Builder, ListBuilder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_writer::ArrowWriterOptions;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use super::columns::{Cell, Row, Type, table_columns};
use super::excerpts::{EXCERPT_COLUMNS, rows};
use super::output::{Output, Written};
use crate::error::Error;
use crate::fsutil::StagedDir;
use crate::model::{Country, PartialDate, Record};

/// Rows gathered before they are handed to the writer as one batch.
const BATCH: usize = 1024;
/// A row group is closed when its encoded size passes this, so no more is held in memory.
const ROW_GROUP_BYTES: usize = 8 * 1024 * 1024;

/// Days from 1970-01-01 to a full date (Howard Hinnant's `days_from_civil`), Parquet's DATE.
pub fn unix_days(d: &PartialDate) -> i32 {
    let (y, m, day) = (
        i64::from(d.year),
        i64::from(d.month.unwrap_or(1)),
        i64::from(d.day.unwrap_or(1)),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) as i32
}

fn element(kind: DataType) -> Arc<Field> {
    Arc::new(Field::new("element", kind, false))
}

/// The builder of a list column over `items`, with room for `rows` lists, its items named as
/// the column's type ([`data_type`]) names them.
fn list_of<B: ArrayBuilder>(items: B, rows: usize, kind: DataType) -> ListBuilder<B> {
    ListBuilder::with_capacity(items, rows).with_field(element(kind))
}

/// The Arrow type of a column.
pub fn data_type(kind: Type) -> DataType {
    match kind {
        Type::Text => DataType::Utf8,
        Type::List(_) => DataType::List(element(DataType::Utf8)),
        Type::Integer => DataType::Int64,
        Type::Date => DataType::Date32,
        Type::Dates => DataType::List(element(DataType::Date32)),
    }
}

/// A column being gathered.
enum Builder {
    Text(StringBuilder),
    List(ListBuilder<StringBuilder>),
    Integer(Int64Builder),
    Date(Date32Builder),
    Dates(ListBuilder<Date32Builder>),
}

impl Builder {
    fn new(kind: Type) -> Builder {
        match kind {
            Type::Text => Builder::Text(StringBuilder::new()),
            Type::List(_) => Builder::List(list_of(StringBuilder::new(), BATCH, DataType::Utf8)),
            Type::Integer => Builder::Integer(Int64Builder::new()),
            Type::Date => Builder::Date(Date32Builder::new()),
            Type::Dates => Builder::Dates(list_of(Date32Builder::new(), BATCH, DataType::Date32)),
        }
    }

    fn append(&mut self, cell: &Cell<'_>) {
        match (self, cell) {
            (Builder::Text(b), Cell::Text(v)) => b.append_option(v.as_deref()),
            (Builder::List(b), Cell::List(v)) => {
                for s in v.iter().flatten() {
                    b.values().append_value(s);
                }
                b.append(v.is_some());
            }
            (Builder::Integer(b), Cell::Integer(v)) => b.append_option(*v),
            (Builder::Date(b), Cell::Date(v)) => b.append_option(v.as_ref().map(unix_days)),
            (Builder::Dates(b), Cell::Dates(v)) => {
                for d in v.iter().flatten() {
                    b.values().append_value(unix_days(d));
                }
                b.append(v.is_some());
            }
            _ => unreachable!("a column's cells are of its type (the column tables are tested)"),
        }
    }

    /// The column gathered so far, as an array; the builder starts again, with room for as
    /// much as it held.
    ///
    /// Arrow's builders hand their buffers over and start again with none. Grown from nothing
    /// by doubling, every batch copied each column's bytes over and over into fresh memory:
    /// on 100,000 copies of the shipped records that was a fifth of the release's page faults
    /// and a tenth of the writing thread's time. The next batch is much like the last, so the
    /// new builder is made at the size this one reached.
    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Text(b) => {
                let a = b.finish();
                *b = StringBuilder::with_capacity(a.len(), a.value_data().len());
                Arc::new(a)
            }
            Builder::List(b) => {
                let a = b.finish();
                let values = a.values().as_string::<i32>();
                let items = StringBuilder::with_capacity(values.len(), values.value_data().len());
                *b = list_of(items, a.len(), DataType::Utf8);
                Arc::new(a)
            }
            Builder::Integer(b) => {
                let a = b.finish();
                *b = Int64Builder::with_capacity(a.len());
                Arc::new(a)
            }
            Builder::Date(b) => {
                let a = b.finish();
                *b = Date32Builder::with_capacity(a.len());
                Arc::new(a)
            }
            Builder::Dates(b) => {
                let a = b.finish();
                let items = Date32Builder::with_capacity(a.values().len());
                *b = list_of(items, a.len(), DataType::Date32);
                Arc::new(a)
            }
        }
    }
}

fn parquet_error(path: &Path) -> impl Fn(parquet::errors::ParquetError) -> Error + '_ {
    move |e| Error::Write {
        path: path.to_path_buf(),
        source: std::io::Error::other(e),
    }
}

/// One Parquet file being written.
pub struct Table {
    path: PathBuf,
    schema: Arc<Schema>,
    builders: Vec<Builder>,
    rows: usize,
    writer: ArrowWriter<Output>,
}

impl Table {
    fn create(dir: &StagedDir, rel: &str, columns: &[(&str, Type)]) -> Result<Table, Error> {
        let path = dir.path().join(rel);
        let schema = Arc::new(Schema::new(
            columns
                .iter()
                .map(|(name, kind)| Field::new(*name, data_type(*kind), true))
                .collect::<Vec<_>>(),
        ));
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_bytes(Some(ROW_GROUP_BYTES))
            .build();
        let writer = ArrowWriter::try_new_with_options(
            Output::create(dir, rel)?,
            schema.clone(),
            ArrowWriterOptions::new().with_properties(props),
        )
        .map_err(parquet_error(&path))?;
        Ok(Table {
            path,
            builders: columns.iter().map(|(_, k)| Builder::new(*k)).collect(),
            schema,
            rows: 0,
            writer,
        })
    }

    /// Add a row: one cell per column, in order.
    fn push<'a>(&mut self, cells: impl Iterator<Item = Cell<'a>>) -> Result<(), Error> {
        for (b, c) in self.builders.iter_mut().zip(cells) {
            b.append(&c);
        }
        self.rows += 1;
        if self.rows == BATCH {
            self.write_batch()?;
        }
        Ok(())
    }

    fn write_batch(&mut self) -> Result<(), Error> {
        if self.rows == 0 {
            return Ok(());
        }
        let columns: Vec<ArrayRef> = self.builders.iter_mut().map(Builder::finish).collect();
        let batch = RecordBatch::try_new(self.schema.clone(), columns)
            .map_err(|e| parquet_error(&self.path)(e.into()))?;
        self.writer
            .write(&batch)
            .map_err(parquet_error(&self.path))?;
        self.rows = 0;
        Ok(())
    }

    fn finish(mut self) -> Result<Written, Error> {
        self.write_batch()?;
        self.writer
            .into_inner()
            .map_err(parquet_error(&self.path))?
            .finish()
    }
}

/// A table split into files by country, opened as each country's rows arrive. Records come in
/// id order, which groups them by country; a country that comes back (ids that do not start
/// with their country's code) gets a further part.
pub struct Partitioned {
    base: &'static str,
    columns: Vec<(&'static str, Type)>,
    current: Option<(String, Table)>,
    parts: BTreeMap<String, usize>,
    done: Vec<Written>,
}

impl Partitioned {
    fn new(base: &'static str, columns: Vec<(&'static str, Type)>) -> Partitioned {
        Partitioned {
            base,
            columns,
            current: None,
            parts: BTreeMap::new(),
            done: Vec::new(),
        }
    }

    fn table(&mut self, dir: &StagedDir, country: &str) -> Result<&mut Table, Error> {
        if self.current.as_ref().is_none_or(|(c, _)| c != country) {
            if let Some((_, t)) = self.current.take() {
                self.done.push(t.finish()?);
            }
            let part = self.parts.entry(country.to_string()).or_insert(0);
            let rel = format!("{}/country={country}/part-{part}.parquet", self.base);
            *part += 1;
            self.current = Some((
                country.to_string(),
                Table::create(dir, &rel, &self.columns)?,
            ));
        }
        Ok(&mut self.current.as_mut().expect("just opened").1)
    }

    fn finish(mut self) -> Result<Vec<Written>, Error> {
        if let Some((_, t)) = self.current.take() {
            self.done.push(t.finish()?);
        }
        Ok(self.done)
    }
}

/// The Parquet files of a release being written: one file per table, or for large datasets
/// one per table and country.
pub enum Tables {
    Whole {
        records: Box<Table>,
        excerpts: Box<Table>,
    },
    ByCountry {
        records: Box<Partitioned>,
        excerpts: Box<Partitioned>,
    },
}

fn record_columns() -> Vec<(&'static str, Type)> {
    table_columns().map(|c| (c.name, c.kind)).collect()
}

fn excerpt_columns() -> Vec<(&'static str, Type)> {
    EXCERPT_COLUMNS.iter().map(|c| (c.name, c.kind)).collect()
}

/// Leave out the partition column: its value is in the path.
fn without_country(columns: Vec<(&'static str, Type)>) -> Vec<(&'static str, Type)> {
    columns
        .into_iter()
        .filter(|(n, _)| *n != "country")
        .collect()
}

impl Tables {
    /// Start `records.parquet` and `excerpts.parquet` in `dir`; with `partition`, the tables
    /// partitioned by country under `parquet/` instead.
    pub fn create(dir: &StagedDir, partition: bool) -> Result<Tables, Error> {
        Ok(if partition {
            Tables::ByCountry {
                records: Box::new(Partitioned::new(
                    "parquet/records",
                    without_country(record_columns()),
                )),
                excerpts: Box::new(Partitioned::new(
                    "parquet/excerpts",
                    without_country(excerpt_columns()),
                )),
            }
        } else {
            Tables::Whole {
                records: Box::new(Table::create(dir, "records.parquet", &record_columns())?),
                excerpts: Box::new(Table::create(dir, "excerpts.parquet", &excerpt_columns())?),
            }
        })
    }

    /// Add a record and its excerpts, with the words of each.
    pub fn add(
        &mut self,
        dir: &StagedDir,
        record: &Record,
        country: Option<&Country>,
        words: &[u64],
    ) -> Result<(), Error> {
        let row = Row { record, country };
        match self {
            Tables::Whole { records, excerpts } => {
                records.push(table_columns().map(|c| (c.cell)(&row)))?;
                for x in rows(record, words) {
                    excerpts.push(EXCERPT_COLUMNS.iter().map(|c| (c.cell)(&x)))?;
                }
            }
            Tables::ByCountry { records, excerpts } => {
                let cells = table_columns()
                    .filter(|c| c.name != "country")
                    .map(|c| (c.cell)(&row));
                records.table(dir, &record.country)?.push(cells)?;
                for x in rows(record, words) {
                    let cells = EXCERPT_COLUMNS
                        .iter()
                        .filter(|c| c.name != "country")
                        .map(|c| (c.cell)(&x));
                    excerpts.table(dir, &record.country)?.push(cells)?;
                }
            }
        }
        Ok(())
    }

    /// Close every file.
    pub fn finish(self) -> Result<Vec<Written>, Error> {
        match self {
            Tables::Whole { records, excerpts } => Ok(vec![records.finish()?, excerpts.finish()?]),
            Tables::ByCountry {
                records, excerpts, ..
            } => {
                let mut out = records.finish()?;
                out.extend(excerpts.finish()?);
                Ok(out)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::types::{Date32Type, Int64Type};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use std::borrow::Cow;

    /// Row `i` of the test table: its cells grow in size from batch to batch and then shrink,
    /// and some are missing.
    fn cells(i: usize) -> Vec<Cell<'static>> {
        let n = if i < BATCH { i % 3 } else { 2 * (i % 5) };
        let date = |k: usize| PartialDate::from_unix_days((i * 7 + k) as i64);
        vec![
            Cell::Text((!i.is_multiple_of(11)).then(|| Cow::Owned("x".repeat(i % 97)))),
            Cell::List(
                (!i.is_multiple_of(13))
                    .then(|| (0..n).map(|k| Cow::Owned(format!("{i}-{k}"))).collect()),
            ),
            Cell::Integer((!i.is_multiple_of(17)).then_some(i as i64)),
            Cell::Date((!i.is_multiple_of(19)).then(|| date(0))),
            Cell::Dates((!i.is_multiple_of(23)).then(|| (0..n).map(date).collect())),
        ]
    }

    /// Rows past the first batch are written by builders remade at the last batch's size
    /// ([`Builder::finish`]): read back, every value of every type is the one pushed.
    #[test]
    fn every_batch_reads_back_as_written() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = StagedDir::new(&tmp.path().join("out")).unwrap();
        let columns = [
            ("text", Type::Text),
            ("list", Type::List(",")),
            ("integer", Type::Integer),
            ("date", Type::Date),
            ("dates", Type::Dates),
        ];
        let mut table = Table::create(&dir, "t.parquet", &columns).unwrap();
        let rows = BATCH * 5 / 2;
        for i in 0..rows {
            table.push(cells(i).into_iter()).unwrap();
        }
        table.finish().unwrap();
        let file = std::fs::File::open(dir.path().join("t.parquet")).unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap();
        let mut i = 0;
        for batch in reader {
            let batch = batch.unwrap();
            let text = batch.column(0).as_string::<i32>();
            let list = batch.column(1).as_list::<i32>();
            let integer = batch.column(2).as_primitive::<Int64Type>();
            let date = batch.column(3).as_primitive::<Date32Type>();
            let dates = batch.column(4).as_list::<i32>();
            for r in 0..batch.num_rows() {
                let want = cells(i);
                let strings = |a: ArrayRef| {
                    let a = a.as_string::<i32>().clone();
                    (0..a.len())
                        .map(|k| a.value(k).to_string())
                        .collect::<Vec<_>>()
                };
                let days = |a: ArrayRef| a.as_primitive::<Date32Type>().values().to_vec();
                let got = vec![
                    Cell::Text(
                        text.is_valid(r)
                            .then(|| Cow::Owned(text.value(r).to_string())),
                    ),
                    Cell::List(
                        list.is_valid(r)
                            .then(|| strings(list.value(r)).into_iter().map(Cow::Owned).collect()),
                    ),
                    Cell::Integer(integer.is_valid(r).then(|| integer.value(r))),
                    Cell::Date(
                        date.is_valid(r)
                            .then(|| PartialDate::from_unix_days(date.value(r).into())),
                    ),
                    Cell::Dates(dates.is_valid(r).then(|| {
                        days(dates.value(r))
                            .into_iter()
                            .map(|d| PartialDate::from_unix_days(d.into()))
                            .collect()
                    })),
                ];
                assert_eq!(got, want, "row {i}");
                i += 1;
            }
        }
        assert_eq!(i, rows);
    }

    #[test]
    fn dates_count_days_from_1970() {
        for days in [-719_468, -1, 0, 1, 11_016, 12_474, 20_000, 2_932_896] {
            let d = PartialDate::from_unix_days(i64::from(days));
            assert_eq!(unix_days(&d), days, "{d}");
        }
        assert_eq!(unix_days(&"2004-03-16".parse().unwrap()), 12_493);
    }
}
