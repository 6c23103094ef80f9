//! The embedded JSON Schemas: their text, the kind of file each governs, validators compiled
//! once, and what is read from them (key order, descriptions, the field reference). Validation
//! turns a schema error into a diagnostic worded from the schema's own descriptions
//! ([`validate`]), under the SB2xx codes ([`codes`]).

pub mod codes;
mod docs;
mod embedded;
mod messages;
mod validate;

pub use docs::{description, field_reference, fields_markdown};
pub use embedded::{
    COUNTRY, DATASET, DEFS, RECORD, defs, deref, file_name, files, of, ordered_properties, text,
    validator,
};
pub use validate::{Validation, validate};
