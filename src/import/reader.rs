//! The page's lines as the parts of the page claim them: which line is in which part, which
//! line no part took (reported with its number), and which the import had to guess about.

use super::lines::Line;
use super::outcome::{Guess, Unplaced};

/// The lines of a page, each claimed by at most one part, and what was said about them.
/// Lines are addressed by index: two lines of an HTML page can share a file line.
pub struct Reader<'a> {
    pub lines: &'a [Line],
    claimed: Vec<bool>,
    pub unplaced: Vec<Unplaced>,
    pub guesses: Vec<Guess>,
}

impl<'a> Reader<'a> {
    pub fn new(lines: &'a [Line]) -> Self {
        Reader {
            lines,
            claimed: vec![false; lines.len()],
            unplaced: Vec::new(),
            guesses: Vec::new(),
        }
    }

    pub fn text(&self, i: usize) -> &'a str {
        &self.lines[i].text
    }

    pub fn claim(&mut self, i: usize) {
        self.claimed[i] = true;
    }

    /// The unclaimed lines of `from..to`, in order.
    pub fn free(&self, from: usize, to: usize) -> Vec<usize> {
        (from..to.min(self.lines.len()))
            .filter(|&i| !self.claimed[i])
            .collect()
    }

    /// Claim line `i` and report that part of it landed nowhere, and why.
    pub fn report(&mut self, i: usize, why: impl Into<String>) {
        self.claimed[i] = true;
        self.unplaced.push(Unplaced {
            line: self.lines[i].number,
            text: self.lines[i].text.clone(),
            why: why.into(),
        });
    }

    /// Say what was guessed about line `i`.
    pub fn guess(&mut self, i: usize, what: impl Into<String>) {
        self.guesses.push(Guess {
            line: self.lines[i].number,
            text: self.lines[i].text.clone(),
            what: what.into(),
        });
    }

    /// The lines no part claimed, reported as not understood.
    pub fn finish(mut self) -> (Vec<Unplaced>, Vec<Guess>) {
        for i in 0..self.lines.len() {
            if !self.claimed[i] {
                self.report(i, "not understood");
            }
        }
        self.unplaced.sort_by_key(|u| u.line);
        self.guesses.sort_by_key(|g| g.line);
        (self.unplaced, self.guesses)
    }
}
