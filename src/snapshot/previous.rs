//! An earlier version to compare with, read one record at a time: a release document is parsed
//! as it is read, on a thread of its own, its metadata first and then its records (which a
//! release writes last, sorted by id), so comparing with a large release holds neither whole.

use std::fmt;
use std::io::BufReader;
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use super::read::{MAX_RELEASE_BYTES, read_any, release_document};
use super::whole::Snapshot;
use crate::error::Error;
use crate::load;
use crate::model::{Country, Dataset, Record};

/// Records read ahead of the one comparing them.
const QUEUE: usize = 256;

enum Message {
    Head(Box<Snapshot>),
    Record(Box<Record>),
}

/// An earlier version: its metadata and countries (`records` empty), and its records in order.
pub struct Previous {
    head: Snapshot,
    source: Source,
}

enum Source {
    /// A release document being parsed on another thread.
    Streamed(Receiver<Result<Message, Error>>),
    /// A dataset directory, read whole (the records kept, in id order, reversed to pop).
    Whole(Vec<Record>),
}

impl Previous {
    /// The earlier version at `path`: a release document, a release directory holding one, or
    /// a dataset directory (which is read whole).
    pub fn open(path: &Path) -> Result<Previous, Error> {
        let document = if path.is_file() {
            Some(path.to_path_buf())
        } else if path.join("dataset.json").is_file() {
            None
        } else {
            Some(release_document(path)?)
        };
        let Some(document) = document else {
            return Ok(Previous::whole(read_any(path)?));
        };
        let (tx, rx) = sync_channel(QUEUE);
        std::thread::spawn(move || parse(&document, &tx));
        match rx.recv() {
            Ok(Ok(Message::Head(head))) => Ok(Previous {
                head: *head,
                source: Source::Streamed(rx),
            }),
            Ok(Err(e)) => Err(e),
            Ok(Ok(Message::Record(_))) | Err(_) => {
                Err(Error::NotADatasetOrRelease(path.to_path_buf()))
            }
        }
    }

    /// A version already in memory.
    pub fn whole(mut snapshot: Snapshot) -> Previous {
        let mut records = std::mem::take(&mut snapshot.records);
        records.reverse();
        Previous {
            head: snapshot,
            source: Source::Whole(records),
        }
    }

    /// Its metadata and countries.
    pub fn head(&self) -> &Snapshot {
        &self.head
    }

    /// The next record, in the order of the release (by id).
    pub fn next_record(&mut self) -> Result<Option<Record>, Error> {
        match &mut self.source {
            Source::Whole(records) => Ok(records.pop()),
            Source::Streamed(rx) => match rx.recv() {
                Ok(Ok(Message::Record(r))) => Ok(Some(*r)),
                Ok(Ok(Message::Head(_))) => Ok(None),
                Ok(Err(e)) => Err(e),
                // The parser is done and gone.
                Err(_) => Ok(None),
            },
        }
    }
}

/// Parse the document at `path`, sending its head and then each record.
fn parse(path: &Path, tx: &SyncSender<Result<Message, Error>>) {
    let invalid = |message: String| Error::Invalid {
        path: path.to_path_buf(),
        message,
    };
    let file = match load::open_input(path, MAX_RELEASE_BYTES) {
        Ok(f) => f,
        Err(e) => {
            let _ = tx.send(Err(e));
            return;
        }
    };
    let mut de = serde_json::Deserializer::from_reader(BufReader::with_capacity(256 * 1024, file));
    let result =
        de::Deserializer::deserialize_map(&mut de, Document { tx }).and_then(|()| de.end());
    if let Err(e) = result {
        // A closed channel means the reader stopped wanting records: not an error to report.
        let _ = tx.send(Err(invalid(e.to_string())));
    }
}

/// The top-level object of a release document, visited key by key.
struct Document<'a> {
    tx: &'a SyncSender<Result<Message, Error>>,
}

const FIELDS: &[&str] = &[
    "schema_version",
    "name",
    "version",
    "created",
    "dataset",
    "countries",
    "records",
];

impl<'de> Visitor<'de> for Document<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a release document")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut schema_version: Option<u32> = None;
        let (mut name, mut version): (Option<String>, Option<String>) = (None, None);
        let mut created: Option<String> = None;
        let mut dataset: Option<Dataset> = None;
        let mut countries: Option<Vec<Country>> = None;
        let mut records = false;
        while let Some(key) = map.next_key::<String>()? {
            if records {
                return Err(de::Error::custom(
                    "`records` is not the last member, as a release writes it",
                ));
            }
            match key.as_str() {
                "schema_version" => schema_version = Some(map.next_value()?),
                "name" => name = Some(map.next_value()?),
                "version" => version = Some(map.next_value()?),
                "created" => created = map.next_value()?,
                "dataset" => dataset = Some(map.next_value()?),
                "countries" => countries = Some(map.next_value()?),
                "records" => {
                    let head = Snapshot {
                        schema_version: schema_version
                            .ok_or_else(|| de::Error::missing_field("schema_version"))?,
                        name: name
                            .take()
                            .ok_or_else(|| de::Error::missing_field("name"))?,
                        version: version
                            .take()
                            .ok_or_else(|| de::Error::missing_field("version"))?,
                        created: created.take(),
                        dataset: dataset
                            .take()
                            .ok_or_else(|| de::Error::missing_field("dataset"))?,
                        countries: countries
                            .take()
                            .ok_or_else(|| de::Error::missing_field("countries"))?,
                        records: Vec::new(),
                    };
                    if self.tx.send(Ok(Message::Head(Box::new(head)))).is_err() {
                        return Ok(());
                    }
                    map.next_value_seed(Records { tx: self.tx })?;
                    records = true;
                }
                other => return Err(de::Error::unknown_field(other, FIELDS)),
            }
        }
        if records {
            Ok(())
        } else {
            Err(de::Error::missing_field("records"))
        }
    }
}

/// The `records` array, sent on element by element.
struct Records<'a> {
    tx: &'a SyncSender<Result<Message, Error>>,
}

impl<'de> DeserializeSeed<'de> for Records<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Records<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(r) = seq.next_element::<Record>()? {
            if self.tx.send(Ok(Message::Record(Box::new(r)))).is_err() {
                // The reader stopped; stop reading.
                return Err(de::Error::custom("the comparison stopped"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_earlier_release_is_read_within_the_limit_and_only_from_a_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        let huge = dir.path().join("sourcebook-0.1.0.json");
        // Sparse: the size is there, the disk is not used.
        std::fs::File::create(&huge)
            .unwrap()
            .set_len(MAX_RELEASE_BYTES + 1)
            .unwrap();
        assert!(matches!(
            Previous::open(&huge),
            Err(Error::TooLarge { limit, .. }) if limit == MAX_RELEASE_BYTES
        ));
        let not_a_file = dir.path().join("d");
        std::fs::create_dir(&not_a_file).unwrap();
        std::fs::create_dir(not_a_file.join("sourcebook-0.1.0.json")).unwrap();
        assert!(matches!(
            Previous::open(&not_a_file),
            Err(Error::Read { .. })
        ));
    }
}
