//! JSON as the dataset needs it: strict parsing that keeps spans and sees duplicate keys,
//! pointers that name a place in a document, and the way from a pointer back to its bytes.

mod locate;
mod parse;
mod pointer;
pub mod write;

pub use locate::{Target, Tree};
pub use parse::{Duplicate, Fault, Parsed, SyntaxError, key_orders, parse, parse_ast, parse_fast};
pub use pointer::{InvalidPointer, Pointer};
