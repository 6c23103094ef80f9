//! Reference data the dataset is checked against and the tools fill files from: countries and
//! their codes, telephone numbering plans, and the placeholder convention.

pub mod countries;
pub mod numbering;
#[rustfmt::skip]
mod numbering_data;
pub mod placeholder;
mod plan;
