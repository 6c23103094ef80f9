//! Text rules, over every string of every file: Unicode NFC, nothing hidden from reviewers, no
//! stray whitespace, no blank strings, no HTML.

pub mod blank_text;
pub mod hidden_character;
pub mod html_markup;
pub mod not_nfc;
pub mod placeholder;
pub mod surrounding_whitespace;
