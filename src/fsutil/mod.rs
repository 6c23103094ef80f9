//! Every write the tool makes to the dataset or a release goes through here, so that no reader
//! sees half a file, nothing is written outside what the tool owns, and a failure or a kill
//! leaves the old state whole: temporaries are created exclusively (never through a planted
//! link) and flushed before they are renamed into place, directories are never created or
//! written through symbolic links, read-only files are refused and replaced files keep their
//! mode, directories are swapped atomically, several files go in together or not at all, and
//! the leftovers of a run that died are cleaned up.

mod batch;
mod dir;
mod file;
mod temp;

pub use batch::Batch;
pub use dir::{StagedDir, recover};
pub use file::{Existing, ensure_dirs, write_file};
pub use temp::{clean_stale, owner as temporary_owner};
