//! The dataset as one value at one version: its metadata, countries sorted by code and records
//! sorted by id. What a release holds and what `diff` compares, read from a dataset directory
//! or from a release, whole or ([`Stream`]) one record at a time.

mod previous;
mod read;
mod stream;
mod whole;

pub use previous::Previous;
pub use read::{
    MAX_RELEASE_BYTES, read_any, read_dataset, read_release, release_document, threads,
};
pub use stream::{Pass, Stream};
pub use whole::{SCHEMA_VERSION, Snapshot};
