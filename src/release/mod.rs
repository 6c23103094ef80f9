//! `sourcebook release`: build the versioned bundle analysts download, reproducibly (no clock,
//! sorted records, fixed formatting), atomically (built aside, then moved into place), and in
//! memory that stays flat as the dataset grows (records are streamed through every output).

mod archive;
pub mod assets;
mod binary;
mod build;
mod bundle;
pub mod changes;
pub mod columns;
pub mod csl;
pub mod csv;
pub mod datapackage;
pub mod datasette;
pub mod document;
pub mod excerpts;
pub mod output;
#[cfg(feature = "analyst-formats")]
pub mod parquet;
mod reference;
#[cfg(feature = "analyst-formats")]
pub mod sqlite;

pub use binary::Formats;
pub use build::{
    ANALYST_FORMATS, Bundle, Options, Outcome, PARTITION_AT, build, formats, last_commit_epoch,
    parse_epoch, rfc3339,
};
pub use output::{Written, sha256_hex};
pub use reference::reference_markdown;
