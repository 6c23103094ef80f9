//! The diagnostic model: one finding, where it points, how bad it is and which rule it breaks
//! ([`Diagnostic`]); the rules' metadata ([`Rule`]); where labels point in lines and columns
//! ([`resolve`]); and the report a check returns ([`Report`]). Everything that finds something
//! speaks this, and every renderer reads it.

mod diagnostic;
mod position;
mod report;
mod rule;

pub use diagnostic::{Anchor, Diagnostic, Label, LineCol, Position, plural};
pub use position::{Piece, SourceLines, SourceText, line_cols, resolve, resolve_labels};
pub use report::{Report, Summary};
pub use rule::{Group, Rule, Severity};
