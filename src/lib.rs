//! Sourcebook: the validator and release builder for an open dataset of source records on the
//! commercial sexual exploitation of children, human trafficking and street children.
//!
//! The modules are layered; each imports only the ones below it (`docs/architecture.md` draws
//! the picture, and `tests/architecture.rs` keeps it true). From the bottom:
//!
//! - foundations: [`spelling`], [`bytes`], [`error`], [`escape`], [`json`], [`layout`],
//!   [`model`], [`reference`](mod@reference), [`fsutil`], [`progress`];
//! - [`diag`]: diagnostics, rule metadata, positions, the report;
//! - [`load`] and [`schema`]: reading files and validating them, each with its codes;
//! - [`rules`]: the dataset rules;
//! - [`catalog`] and [`engine`]: every code, and `check` itself;
//! - [`report`]: the output formats;
//! - commands: [`fmt`], [`snapshot`], [`diff`], [`stats`], [`scaffold`], [`import`],
//!   [`release`], and with the `site` feature `site` (the static site).
//!
//! The library never prints: the binary's `cli` owns the terminal and the exit codes.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod bytes;
pub mod catalog;
pub mod diag;
pub mod diff;
pub mod engine;
pub mod error;
pub mod escape;
pub mod fmt;
pub mod fsutil;
pub mod import;
pub mod json;
pub mod layout;
pub mod load;
pub mod model;
pub mod ordered;
pub mod progress;
pub mod reference;
pub mod release;
pub mod report;
pub mod rules;
pub mod scaffold;
pub mod schema;
#[cfg(feature = "site")]
pub mod site;
pub mod snapshot;
pub mod spelling;
pub mod stats;

pub use error::Error;
