//! Writing a bundle record by record ([`Writer`]): each record is turned into its JSON, CSV and
//! CSL-JSON bytes on a worker thread ([`prepare`]), by the check that read it or by a reading
//! of its own ([`write()`]), then appended in id order to every file (and to the Parquet tables,
//! the SQLite writer and the statistics). Then the files that describe the others: schemas,
//! statistics, changes, the data package, the sums.

use std::path::Path;
use std::sync::{Arc, Mutex};

use super::binary::{Binary, Formats};
use super::changes::{self, Merge};
use super::columns::Row;
use super::csl;
use super::csv;
use super::datapackage;
use super::document::{ARRAY_DEPTH, DOCUMENT_DEPTH, Framed, ndjson_line, pretty_at};
use super::excerpts;
use super::excerpts::Counted;
use super::output::{Output, Written, add_sums, put};
use crate::error::Error;
use crate::fsutil::StagedDir;
use crate::model::Record;
use crate::ordered;
use crate::progress::Progress;
use crate::schema;
use crate::snapshot::{Pass, Previous, Snapshot, Stream};
use crate::stats::Stats;

/// What a worker makes of one record: its bytes in each text file, one after another in one
/// buffer (one allocation a record rather than one a file), and its excerpts' words.
pub struct Prepared {
    bytes: Vec<u8>,
    /// Where each file's part of `bytes` ends, in the order of [`Part`].
    ends: [usize; Part::COUNT],
    words: Vec<u64>,
}

/// The text files a record has a part in, in the order [`prepare`] writes them.
#[derive(Clone, Copy)]
enum Part {
    Document,
    Ndjson,
    Csv,
    Excerpts,
    Csl,
}

impl Part {
    /// How many parts there are: one past the last.
    const COUNT: usize = Part::Csl as usize + 1;
}

impl Prepared {
    /// The record's bytes in one file.
    fn part(&self, part: Part) -> &[u8] {
        let i = part as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.bytes[start..self.ends[i]]
    }
}

/// The buffers of records written out, handed back for the workers to fill again.
///
/// Each record's text is made on a worker and written out by the writing thread. Made afresh,
/// each buffer was taken from the worker's heap and freed from another thread's, so the
/// allocator kept handing pages back and faulting fresh ones in (on 100,000 copies of the
/// shipped records, a quarter of the release's page faults were the workers writing into new
/// buffers). Handed back, the same few hundred stay warm. A buffer a very large record grew is
/// let go rather than kept.
#[derive(Default)]
pub struct Buffers(Mutex<Vec<Vec<u8>>>);

impl Buffers {
    /// Room for a record of a few kilobytes in every format, so most never grow.
    const ROOM: usize = 8192;
    /// The largest buffer kept.
    const KEEP_AT_MOST: usize = 64 * 1024;
    /// How many are kept: as many as there can be records in flight, and some.
    const KEPT: usize = 2 * ordered::WINDOW;

    /// An empty buffer: one handed back, or a new one.
    fn take(&self) -> Vec<u8> {
        let kept = self.0.lock().ok().and_then(|mut kept| kept.pop());
        kept.unwrap_or_else(|| Vec::with_capacity(Self::ROOM))
    }

    /// Hand a buffer back once its bytes are written.
    fn give(&self, mut bytes: Vec<u8>) {
        if bytes.capacity() > Self::KEEP_AT_MOST {
            return;
        }
        bytes.clear();
        if let Ok(mut kept) = self.0.lock()
            && kept.len() < Self::KEPT
        {
            kept.push(bytes);
        }
    }
}

/// What a worker makes of one record for the bundle of `head`, in a buffer from `buffers`.
pub fn prepare(r: &Record, head: &Snapshot, buffers: &Buffers) -> Prepared {
    let country = head.country(&r.country);
    let mut p = Prepared {
        bytes: buffers.take(),
        ends: [0; Part::COUNT],
        words: excerpts::count(r),
    };
    pretty_at(&mut p.bytes, r, DOCUMENT_DEPTH);
    p.ends[Part::Document as usize] = p.bytes.len();
    ndjson_line(&mut p.bytes, r);
    p.ends[Part::Ndjson as usize] = p.bytes.len();
    csv::record_row(&mut p.bytes, &Row { record: r, country });
    p.ends[Part::Csv as usize] = p.bytes.len();
    csv::excerpt_rows(&mut p.bytes, r, &p.words);
    p.ends[Part::Excerpts as usize] = p.bytes.len();
    let country_name = country.map_or(r.country.as_str(), |c| c.name.as_str());
    pretty_at(&mut p.bytes, &csl::item(r, country_name), ARRAY_DEPTH);
    p.ends[Part::Csl as usize] = p.bytes.len();
    p
}

/// The files written record by record.
struct Files {
    doc: (Framed, Output),
    ndjson: Output,
    csv: Output,
    excerpts: Output,
    csl: (Framed, Output),
    binary: Binary,
}

impl Files {
    fn create(dir: &StagedDir, head: &Snapshot, formats: Formats) -> Result<Files, Error> {
        let framed = |frame: Framed, rel: &str| -> Result<(Framed, Output), Error> {
            let mut out = Output::create(dir, rel)?;
            out.put(&frame.head)?;
            Ok((frame, out))
        };
        let with = |rel: &str, start: Vec<u8>| -> Result<Output, Error> {
            let mut out = Output::create(dir, rel)?;
            out.put(&start)?;
            Ok(out)
        };
        Ok(Files {
            doc: framed(
                Framed::document(head),
                &format!("{}-{}.json", head.name, head.version),
            )?,
            ndjson: Output::create(dir, "records.ndjson")?,
            csv: with("records.csv", csv::records_header())?,
            excerpts: with("excerpts.csv", csv::excerpts_header())?,
            csl: framed(Framed::array(), "records.csl.json")?,
            binary: Binary::create(dir, head, formats)?,
        })
    }

    fn add(
        &mut self,
        dir: &StagedDir,
        r: Record,
        p: Prepared,
        head: &Snapshot,
        buffers: &Buffers,
    ) -> Result<(), Error> {
        let (frame, doc) = &mut self.doc;
        doc.put(frame.separator())?;
        doc.put(p.part(Part::Document))?;
        self.ndjson.put(p.part(Part::Ndjson))?;
        self.csv.put(p.part(Part::Csv))?;
        self.excerpts.put(p.part(Part::Excerpts))?;
        let (frame, csl) = &mut self.csl;
        csl.put(frame.separator())?;
        csl.put(p.part(Part::Csl))?;
        buffers.give(p.bytes);
        self.binary.add(
            dir,
            Counted {
                record: r,
                words: p.words,
            },
            head,
        )
    }

    fn finish(self, dir: &StagedDir, head: &Snapshot) -> Result<Vec<Written>, Error> {
        let (frame, mut doc) = self.doc;
        doc.put(frame.tail())?;
        let (frame, mut csl) = self.csl;
        csl.put(frame.tail())?;
        let mut written = vec![
            doc.finish()?,
            self.ndjson.finish()?,
            self.csv.finish()?,
            self.excerpts.finish()?,
            csl.finish()?,
        ];
        written.extend(self.binary.finish(dir, head)?);
        Ok(written)
    }
}

/// A bundle being written: its files open, its statistics and changes counted as the records
/// come, in id order.
pub struct Writer<'a> {
    dir: &'a StagedDir,
    head: Snapshot,
    files: Files,
    stats: Stats,
    /// The earlier version, read beside this one and compared record by record.
    merge: Option<Merge>,
    buffers: Arc<Buffers>,
}

impl<'a> Writer<'a> {
    /// Open every file of the bundle of `head` in `dir`.
    pub fn start(
        dir: &'a StagedDir,
        head: Snapshot,
        formats: Formats,
        previous: Option<&Path>,
    ) -> Result<Writer<'a>, Error> {
        Ok(Writer {
            dir,
            files: Files::create(dir, &head, formats)?,
            stats: Stats::new(&head),
            merge: previous
                .map(|p| Previous::open(p).map(Merge::new))
                .transpose()?,
            head,
            buffers: Arc::default(),
        })
    }

    /// The buffers the workers are to [`prepare`] records in: the writer hands them back.
    pub fn buffers(&self) -> Arc<Buffers> {
        self.buffers.clone()
    }

    /// Append the next record, in id order, with what [`prepare`] made of it.
    pub fn add(&mut self, r: Record, p: Prepared) -> Result<(), Error> {
        self.stats.add_counted(&r, p.words.iter().sum());
        if let Some(m) = &mut self.merge {
            m.add(&r)?;
        }
        self.files.add(self.dir, r, p, &self.head, &self.buffers)
    }

    /// Close the files written record by record, then write the files that describe them:
    /// schemas, statistics, changes, the data package and the sums.
    pub fn finish(self, progress: &dyn Progress) -> Result<Vec<Written>, Error> {
        let Writer {
            dir,
            head,
            files,
            mut stats,
            merge,
            buffers: _,
        } = self;
        progress.begin("finishing", 0);
        let mut written = files.finish(dir, &head)?;
        for (name, text) in schema::files() {
            written.push(put(dir, &format!("schema/{name}"), text.as_bytes())?);
        }
        stats.finish();
        written.push(put(dir, "stats.json", &stats.to_json())?);
        if let Some(m) = merge {
            let (changes, old) = m.finish(&head)?;
            written.extend(changes::write(dir, &changes, &old, &stats)?);
        }
        written.sort_by(|a, b| a.path.cmp(&b.path));
        let mut dp = serde_json::to_vec_pretty(&datapackage::descriptor(&head, &written))
            .expect("JSON serialises");
        dp.push(b'\n');
        written.push(put(dir, "datapackage.json", &dp)?);
        add_sums(dir, &mut written)?;
        progress.end();
        Ok(written)
    }
}

/// Write the bundle of the dataset `stream` reads into `dir`, reading every record. `None`
/// when the records' ids turned out not to be their file names, so the order was wrong: the
/// stream has sorted them by id now, and the caller starts again in a fresh directory.
pub fn write(
    stream: &mut Stream,
    dir: &StagedDir,
    formats: Formats,
    previous: Option<&Path>,
    threads: usize,
    progress: &dyn Progress,
) -> Result<Option<Vec<Written>>, Error> {
    let mut writer = Writer::start(dir, stream.head().clone(), formats, previous)?;
    let writing = &mut writer;
    let head = writing.head.clone();
    let buffers = writing.buffers();
    let pass = stream.each(
        threads,
        progress,
        |r| prepare(r, &head, &buffers),
        |r, p| writing.add(r, p),
    )?;
    if pass == Pass::Reordered {
        return Ok(None);
    }
    writer.finish(progress).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A buffer handed back comes back empty, with its room; a very large one, or one past
    /// the number kept, is let go.
    #[test]
    fn buffers_come_back_empty_and_within_bounds() {
        let buffers = Buffers::default();
        let mut b = buffers.take();
        assert!(b.is_empty() && b.capacity() >= Buffers::ROOM);
        b.extend_from_slice(b"a record");
        let at = b.as_ptr();
        buffers.give(b);
        let again = buffers.take();
        assert_eq!(
            (again.as_ptr(), again.len()),
            (at, 0),
            "the same buffer, emptied"
        );

        buffers.give(Vec::with_capacity(Buffers::KEEP_AT_MOST + 1));
        assert!(buffers.take().capacity() <= Buffers::KEEP_AT_MOST);

        for _ in 0..Buffers::KEPT + 10 {
            buffers.give(Vec::with_capacity(16));
        }
        assert_eq!(buffers.0.lock().unwrap().len(), Buffers::KEPT);
    }
}
