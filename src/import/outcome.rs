//! What an import yields: the files it would write, the fields a person must fill in, the
//! lines of the page that landed nowhere, and the lines it had to guess about.

use crate::layout::Kind;

/// A file the import produces.
#[derive(Clone, Debug, PartialEq)]
pub struct Output {
    /// Path relative to the dataset directory.
    pub rel: String,
    pub kind: Kind,
    /// The file's canonical text.
    pub text: String,
}

/// A field the page cannot fill and a person must.
#[derive(Clone, Debug, PartialEq)]
pub struct Needs {
    pub rel: String,
    pub field: String,
    pub why: String,
}

/// A line of the page that landed in no field, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Unplaced {
    pub line: usize,
    pub text: String,
    pub why: String,
}

/// A line the import read by guessing, and what it guessed: `--strict` fails on any.
#[derive(Clone, Debug, PartialEq)]
pub struct Guess {
    pub line: usize,
    pub text: String,
    pub what: String,
}

/// What an import yields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Imported {
    pub topic: String,
    pub files: Vec<Output>,
    pub needs: Vec<Needs>,
    pub unplaced: Vec<Unplaced>,
    pub guesses: Vec<Guess>,
    pub featured: usize,
    pub archived: usize,
}
