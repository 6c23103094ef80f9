//! Loading a dataset: finding its files ([`scan`]), reading each within limits, decoding and
//! parsing it strictly ([`Source::load`]), and a diagnostic for every fault on the way (the
//! SB1xx codes, documented in [`codes`]). Every command reads the dataset through here, and
//! selects the files it was named through here ([`select`]).

pub mod codes;
mod decode;
mod file;
mod read;
mod root;
mod select;
mod syntax;
mod walk;

pub use file::File;
pub use read::{Limits, ReadFault, bom_len, open_input, read_bytes, read_input};
pub use select::{Selection, absolute, select};
pub use walk::{Source, in_memory, scan};
