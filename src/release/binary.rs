//! The Parquet tables and the SQLite database, as one sink of the release: the real writers
//! with the `analyst-formats` feature, and a sink that writes nothing without it (a build that
//! asks for them is refused before it starts, see [`super::build::formats`]).

use super::excerpts::Counted;
use super::output::Written;
use crate::error::Error;
use crate::fsutil::StagedDir;
use crate::snapshot::Snapshot;

/// Which files beyond the text formats to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Formats {
    /// Parquet and SQLite (the `analyst-formats` feature).
    pub binary: bool,
    /// The Parquet tables partitioned by country (instead of one file each).
    pub partition: bool,
}

#[cfg(feature = "analyst-formats")]
pub struct Binary {
    tables: Option<super::parquet::Tables>,
    database: Option<super::sqlite::Database>,
}

#[cfg(feature = "analyst-formats")]
impl Binary {
    pub fn create(dir: &StagedDir, head: &Snapshot, formats: Formats) -> Result<Binary, Error> {
        if !formats.binary {
            return Ok(Binary {
                tables: None,
                database: None,
            });
        }
        Ok(Binary {
            tables: Some(super::parquet::Tables::create(dir, formats.partition)?),
            database: Some(super::sqlite::Database::start(dir, head)?),
        })
    }

    pub fn add(&mut self, dir: &StagedDir, r: Counted, head: &Snapshot) -> Result<(), Error> {
        let r = std::sync::Arc::new(r);
        if let Some(t) = &mut self.tables {
            t.add(dir, &r.record, head.country(&r.record.country), &r.words)?;
        }
        if let Some(db) = &mut self.database {
            db.add(r)?;
        }
        Ok(())
    }

    pub fn finish(self, dir: &StagedDir, head: &Snapshot) -> Result<Vec<Written>, Error> {
        let mut written = Vec::new();
        if let Some(t) = self.tables {
            written.extend(t.finish()?);
        }
        if let Some(db) = self.database {
            written.push(db.finish()?);
            let mut meta = serde_json::to_vec_pretty(&super::datasette::metadata(head))
                .expect("JSON serialises");
            meta.push(b'\n');
            written.push(super::output::put(dir, "metadata.json", &meta)?);
        }
        Ok(written)
    }
}

#[cfg(not(feature = "analyst-formats"))]
pub struct Binary;

#[cfg(not(feature = "analyst-formats"))]
impl Binary {
    pub fn create(_: &StagedDir, _: &Snapshot, formats: Formats) -> Result<Binary, Error> {
        if formats.binary {
            return Err(Error::FormatsNotBuilt);
        }
        Ok(Binary)
    }

    pub fn add(&mut self, _: &StagedDir, _: Counted, _: &Snapshot) -> Result<(), Error> {
        Ok(())
    }

    pub fn finish(self, _: &StagedDir, _: &Snapshot) -> Result<Vec<Written>, Error> {
        Ok(Vec::new())
    }
}
