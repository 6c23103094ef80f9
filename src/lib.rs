//! Sourcebook: the validator and release builder for an open dataset of source records on the
//! commercial sexual exploitation of children, human trafficking and street children.

pub mod check;
pub mod cli;
pub mod dataset;
pub mod diagnostic;
pub mod diff;
pub mod error;
pub mod fmt;
pub mod fsutil;
pub mod import;
pub mod json;
pub mod model;
pub mod release;
pub mod report;
pub mod rules;
pub mod scaffold;
pub mod schema;
pub mod source;
pub mod validate;

pub use error::Error;
