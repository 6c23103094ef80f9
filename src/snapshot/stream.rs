//! The dataset read one record at a time, in id order: its metadata and countries at hand, its
//! records parsed on every core and handed over in order, so a command that writes every record
//! somewhere (a release, statistics) needs memory for a window of records and an index of ids,
//! never for the whole dataset.

use std::path::PathBuf;

use serde::Deserialize;

use super::whole::{SCHEMA_VERSION, Snapshot};
use crate::error::Error;
use crate::layout::Kind;
use crate::load::{self, Limits, Source};
use crate::model::{Country, Dataset, Record};
use crate::ordered::{WINDOW, map_in_order};
use crate::progress::Progress;

/// The UTF-8 byte-order mark.
const BOM: &[u8] = b"\xef\xbb\xbf";

/// One record file in reading order: the id it sorts by and its place in the walk.
#[derive(Debug)]
struct Entry {
    key: Box<str>,
    file: usize,
}

/// Whether [`Stream::each`] got through.
#[derive(Debug, PartialEq, Eq)]
#[must_use]
pub enum Pass {
    /// Every record was handed over, in id order.
    Done,
    /// A record's id is not its file name (the dataset turns rule SB502 off), so the order was
    /// not the ids' order. The stream has re-read the ids and sorted by them: start again.
    Reordered,
}

/// A dataset opened for reading its records one at a time.
#[derive(Debug)]
pub struct Stream {
    source: Source,
    head: Snapshot,
    order: Vec<Entry>,
    /// Whether `order` holds ids read from the records rather than file names.
    by_id: bool,
    limits: Limits,
}

impl Stream {
    /// Open a dataset directory: walk it, read `dataset.json` and the country files, and list
    /// the records in the order of their ids (their file names, which the ids equal). Like
    /// [`read_dataset`](super::read_dataset), any fault the loader reports is an error.
    pub fn open(root: &std::path::Path) -> Result<Stream, Error> {
        let (source, faults) = load::scan(root)?;
        if let Some(fault) = faults.first() {
            return Err(Error::Invalid {
                path: PathBuf::from(fault.file()),
                message: fault.message.to_string(),
            });
        }
        let limits = Limits::default();
        let mut dataset = None;
        let mut countries = Vec::new();
        let mut order = Vec::new();
        for (i, rel) in source.files().files.iter().enumerate() {
            let place = crate::layout::classify(rel).expect("walked files belong in the layout");
            match place.kind() {
                Kind::Record => order.push(Entry {
                    key: place.stem().unwrap_or_default().into(),
                    file: i,
                }),
                Kind::Dataset => dataset = Some(read_file::<Dataset>(&source, i, limits)?),
                Kind::Country => countries.push(read_file::<Country>(&source, i, limits)?),
            }
        }
        let dataset = dataset.ok_or_else(|| Error::NotReadable(root.join("dataset.json")))?;
        countries.sort_by(|a, b| a.code.cmp(&b.code));
        // Stable: of two records with one id (a dataset with errors), the first walked first.
        order.sort_by(|a, b| a.key.cmp(&b.key));
        let head = Snapshot {
            schema_version: SCHEMA_VERSION,
            name: dataset.name.clone(),
            version: dataset.version.clone(),
            created: None,
            dataset,
            countries,
            records: Vec::new(),
        };
        Ok(Stream {
            source,
            head,
            order,
            by_id: false,
            limits,
        })
    }

    /// The dataset as walked, for a check of the same files (see `engine::check_feeding`).
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// The record files' places in the walk, in the order this stream reads them.
    pub fn order(&self) -> Vec<usize> {
        self.order.iter().map(|e| e.file).collect()
    }

    /// The dataset's metadata and countries; `records` is empty.
    pub fn head(&self) -> &Snapshot {
        &self.head
    }

    /// Set when the release was built, for [`head`](Self::head).
    pub fn set_created(&mut self, created: Option<String>) {
        self.head.created = created;
    }

    /// How many records there are.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Read every record on `threads` threads, run `prepare` on it there, and hand the record
    /// and what `prepare` made to `consume` on this thread, in id order. A record that cannot
    /// be read, or an error from `consume`, ends the pass with that error.
    pub fn each<P, F, C>(
        &mut self,
        threads: usize,
        progress: &dyn Progress,
        prepare: F,
        mut consume: C,
    ) -> Result<Pass, Error>
    where
        P: Send,
        F: Fn(&Record) -> P + Sync,
        C: FnMut(Record, P) -> Result<(), Error>,
    {
        /// Why a pass ended early.
        enum Stop {
            Failed(Error),
            Misordered,
        }
        progress.begin("records", self.order.len() as u64);
        let result = map_in_order(
            self.order.len(),
            threads,
            WINDOW,
            |i| {
                let r = self.read(self.order[i].file)?;
                let p = prepare(&r);
                Ok::<_, Error>((r, p))
            },
            |i, item| {
                let (r, p) = item.map_err(Stop::Failed)?;
                if !self.by_id && *r.id != *self.order[i].key {
                    return Err(Stop::Misordered);
                }
                consume(r, p).map_err(Stop::Failed)?;
                progress.advance(1);
                Ok(())
            },
        );
        progress.end();
        match result {
            Ok(()) => Ok(Pass::Done),
            Err(Stop::Misordered) => {
                self.order_by_ids(threads, progress)?;
                Ok(Pass::Reordered)
            }
            Err(Stop::Failed(e)) => Err(e),
        }
    }

    /// Read every record for its id, and sort by the ids.
    fn order_by_ids(&mut self, threads: usize, progress: &dyn Progress) -> Result<(), Error> {
        let mut ids = Vec::with_capacity(self.order.len());
        progress.begin("reading ids", self.order.len() as u64);
        map_in_order(
            self.order.len(),
            threads,
            WINDOW,
            |i| self.read(self.order[i].file).map(|r| r.id.into_boxed_str()),
            |_, id| {
                ids.push(id?);
                progress.advance(1);
                Ok::<_, Error>(())
            },
        )?;
        progress.end();
        for (e, id) in self.order.iter_mut().zip(ids) {
            e.key = id;
        }
        // Ties keep walk order, as they did when sorted by file name.
        self.order
            .sort_by(|a, b| a.key.cmp(&b.key).then(a.file.cmp(&b.file)));
        self.by_id = true;
        Ok(())
    }

    /// Every record, collected: for the commands that compare whole datasets (`diff`).
    pub fn collect(mut self, threads: usize) -> Result<Snapshot, Error> {
        loop {
            let mut records = Vec::with_capacity(self.order.len());
            let pass = self.each(
                threads,
                &crate::progress::Silent,
                |_| (),
                |r, ()| {
                    records.push(r);
                    Ok(())
                },
            )?;
            if pass == Pass::Done {
                let mut snapshot = self.head;
                snapshot.records = records;
                return Ok(snapshot);
            }
        }
    }

    /// The record in the walk's file `index`, read as [`each`](Self::each) reads it.
    pub fn read(&self, index: usize) -> Result<Record, Error> {
        read_file(&self.source, index, self.limits)
    }
}

/// Read one dataset file into its model type. A file that cannot be read or does not fit the
/// model is an error naming it (the caller has usually checked the dataset, so neither happens
/// unless the files changed in between or a rule was turned off).
fn read_file<T: for<'de> Deserialize<'de>>(
    source: &Source,
    index: usize,
    limits: Limits,
) -> Result<T, Error> {
    let rel = &source.files().files[index];
    let path = source.root().join(rel);
    let bytes = source.read(rel, limits).map_err(|fault| Error::Invalid {
        path: path.clone(),
        message: fault
            .diagnostic(&source.files().display(rel), limits)
            .message
            .to_string(),
    })?;
    // A byte-order mark is a warning for `check`, not a reason to refuse the file.
    let body = bytes.strip_prefix(BOM).unwrap_or(&bytes);
    serde_json::from_slice(body).map_err(|e| Error::Invalid {
        path,
        message: e.to_string(),
    })
}
