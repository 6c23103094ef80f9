//! Where labels point, in lines and columns: byte offsets and pointers resolved against a
//! file's text, worked out only for files that have findings, in time linear in the text and
//! the number of labels; and the few lines of a file its findings show ([`SourceLines`]),
//! which is all of the text a report keeps.

use std::collections::HashMap;
use std::ops::Range;

use super::diagnostic::{Anchor, Diagnostic, Label, LineCol, Position};
use crate::json;

/// The text a label's file holds, and where its JSON body starts (after a byte-order mark).
pub struct SourceText<'a> {
    pub text: &'a str,
    pub body_offset: usize,
}

/// Line and column of each of `offsets` (sorted ascending) in `text`, in one pass over the
/// text: columns count Unicode scalar values, so a no-break space or an accented letter is one
/// column whatever its UTF-8 length; an offset inside a character counts from its start.
pub fn line_cols(text: &str, offsets: &[usize]) -> Vec<LineCol> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(offsets.len());
    // Where the scan has reached, the line it is on and where that line starts, and the
    // column last worked out on it (so many offsets on one long line cost one pass).
    let (mut at, mut line, mut line_start) = (0, 1, 0);
    let (mut col_at, mut column) = (0, 1);
    // A column counts characters: every byte but UTF-8 continuation bytes.
    let chars = |b: &[u8]| b.iter().filter(|b| (**b & 0xc0) != 0x80).count();
    for &want in offsets {
        let mut want = want.min(text.len());
        while want > 0 && !text.is_char_boundary(want) {
            want -= 1;
        }
        if want > at {
            for nl in memchr::memchr_iter(b'\n', &bytes[at..want]) {
                line += 1;
                line_start = at + nl + 1;
            }
            at = want;
        }
        if col_at < line_start || col_at > want {
            col_at = line_start;
            column = 1;
        }
        column += chars(&bytes[col_at..want]);
        col_at = want;
        out.push(LineCol {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        });
    }
    out
}

/// Work out every label's byte span, line and column. Labels in files with no text (unreadable,
/// or named but never read) keep no position.
pub fn resolve(diagnostics: &mut [Diagnostic], sources: &HashMap<&str, SourceText<'_>>) {
    let mut by_file: HashMap<&str, Vec<&mut Label>> = HashMap::new();
    for d in diagnostics.iter_mut() {
        for label in std::iter::once(&mut d.primary).chain(d.secondary.iter_mut()) {
            if let Some((&key, _)) = sources.get_key_value(&*label.file) {
                by_file.entry(key).or_default().push(label);
            }
        }
    }
    for (key, labels) in by_file {
        resolve_labels(labels, &sources[key]);
    }
}

/// Work out the positions of labels into one file: spans first (the file is parsed once, if a
/// label names a pointer in it), then lines and columns in one pass over its text. Labels
/// already resolved, and labels on the whole file, are left as they are.
pub fn resolve_labels<'l>(labels: impl IntoIterator<Item = &'l mut Label>, src: &SourceText<'_>) {
    let mut tree: Option<json::Tree<'_>> = None;
    let mut spans: Vec<(&mut Label, Range<usize>)> = Vec::new();
    for label in labels {
        if label.position.is_some() {
            continue;
        }
        let span = match &label.at {
            Anchor::Span(r) => r.clone(),
            Anchor::Pointer(p, t) => {
                let tree =
                    tree.get_or_insert_with(|| json::Tree::new(&src.text[src.body_offset..]));
                let r = tree.locate(p, *t);
                r.start + src.body_offset..r.end + src.body_offset
            }
            Anchor::File => continue,
        };
        spans.push((label, span));
    }
    let mut offsets: Vec<usize> = spans.iter().flat_map(|(_, s)| [s.start, s.end]).collect();
    offsets.sort_unstable();
    offsets.dedup();
    let at = line_cols(src.text, &offsets);
    let find = |o: usize| at[offsets.binary_search(&o).expect("every offset is there")];
    for (label, span) in spans {
        label.position = Some(Position::new(
            span.clone(),
            find(span.start),
            find(span.end),
        ));
    }
}

/// A run of whole lines of a file: where it starts (byte offset and 1-based line number) and
/// its text. Small, since a report keeps one for every file with a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    offset: u32,
    line: u32,
    pub text: Box<str>,
}

impl Piece {
    pub fn offset(&self) -> usize {
        self.offset as usize
    }

    pub fn line(&self) -> usize {
        self.line as usize
    }

    pub fn end(&self) -> usize {
        self.offset() + self.text.len()
    }
}

/// The lines of a file its findings show: every label's lines and one line either side, in
/// order and merged where they meet. A report keeps this of each file, not the whole text, so
/// its memory grows with the findings, not with the files they are in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceLines {
    pieces: Pieces,
}

/// The pieces, the one piece most files with findings have held in place: an allocation of its
/// own would cost 32 bytes a file.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Pieces {
    One(Piece),
    Many(Box<[Piece]>),
}

impl Default for Pieces {
    fn default() -> Self {
        Pieces::Many(Box::default())
    }
}

impl Pieces {
    fn into_vec(self) -> Vec<Piece> {
        match self {
            Pieces::One(p) => vec![p],
            Pieces::Many(ps) => ps.into_vec(),
        }
    }
}

impl From<Vec<Piece>> for Pieces {
    fn from(mut v: Vec<Piece>) -> Self {
        match v.pop() {
            Some(p) if v.is_empty() => Pieces::One(p),
            Some(p) => {
                v.push(p);
                Pieces::Many(v.into_boxed_slice())
            }
            None => Pieces::default(),
        }
    }
}

impl SourceLines {
    /// Copy the lines into fresh allocations made on the calling thread (see
    /// [`Diagnostic::settle`](super::Diagnostic::settle) for why).
    pub fn settle(&mut self) {
        let settle = |p: &Piece| Piece {
            text: Box::from(&*p.text),
            ..*p
        };
        self.pieces = match &self.pieces {
            Pieces::One(p) => Pieces::One(settle(p)),
            Pieces::Many(ps) => Pieces::Many(ps.iter().map(settle).collect()),
        };
    }

    /// The lines of `text` that `positions` cover, with one line of context either side.
    pub fn around<'p>(text: &str, positions: impl IntoIterator<Item = &'p Position>) -> Self {
        let mut ranges: Vec<(usize, usize)> = positions
            .into_iter()
            .map(|p| {
                let (a, b) = (p.start.line as usize, p.end.line as usize);
                (a.saturating_sub(1).max(1), b + 1)
            })
            .collect();
        if ranges.is_empty() {
            return SourceLines::default();
        }
        ranges.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (a, b) in ranges {
            match merged.last_mut() {
                Some(last) if a <= last.1 + 1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        // The byte offset where each wanted line starts, found in one pass.
        let mut starts = vec![0];
        let last_line = merged.last().map_or(0, |r| r.1);
        for (i, _) in text.match_indices('\n') {
            if starts.len() > last_line {
                break;
            }
            starts.push(i + 1);
        }
        let line_start = |n: usize| starts.get(n - 1).copied().unwrap_or(text.len());
        // Offsets and lines fit in four bytes: files are read only up to a few MiB.
        let pieces: Vec<Piece> = merged
            .into_iter()
            .map(|(a, b)| {
                let (from, to) = (line_start(a), line_start(b + 1).min(text.len()));
                Piece {
                    offset: u32::try_from(from).unwrap_or(u32::MAX),
                    line: u32::try_from(a).unwrap_or(u32::MAX),
                    text: text[from..to.max(from)].into(),
                }
            })
            .filter(|p| !p.text.is_empty())
            .collect();
        SourceLines {
            pieces: pieces.into(),
        }
    }

    /// Add the pieces of another look at the same file.
    pub fn merge(&mut self, other: SourceLines) {
        let mut pieces = std::mem::take(&mut self.pieces).into_vec();
        for p in other.pieces.into_vec() {
            if !pieces
                .iter()
                .any(|q| q.offset <= p.offset && p.end() <= q.end())
            {
                pieces.push(p);
            }
        }
        pieces.sort_by_key(|p| p.offset);
        self.pieces = pieces.into();
    }

    pub fn pieces(&self) -> &[Piece] {
        match &self.pieces {
            Pieces::One(p) => std::slice::from_ref(p),
            Pieces::Many(ps) => ps,
        }
    }

    /// The piece holding the byte at `offset` (or ending there).
    pub fn piece_at(&self, offset: usize) -> Option<&Piece> {
        let pieces = self.pieces();
        let i = pieces.partition_point(|p| p.end() < offset);
        pieces.get(i).filter(|p| p.offset() <= offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str, offset: usize) -> LineCol {
        line_cols(text, &[offset])[0]
    }

    #[test]
    fn lines_and_columns_are_one_based_and_count_characters() {
        let text = "{\n  \"a\": \"ú\u{a0}x\",\n}";
        assert_eq!(one(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(one(text, 2), LineCol { line: 2, column: 1 });
        let x = text.find('x').unwrap();
        assert_eq!(
            one(text, x),
            LineCol {
                line: 2,
                column: 11
            }
        );
        assert_eq!(one(text, text.len()), LineCol { line: 3, column: 2 });
        // An offset inside a multi-byte character counts from the character's start.
        let u = text.find('ú').unwrap();
        assert_eq!(one(text, u + 1), one(text, u));
        let all: Vec<usize> = (0..=text.len()).collect();
        let swept = line_cols(text, &all);
        for (o, lc) in all.iter().zip(swept) {
            assert_eq!(lc, one(text, *o), "offset {o}");
        }
    }

    fn pos(start_line: u32, end_line: u32) -> Position {
        let at = |line| LineCol { line, column: 1 };
        Position::new(0..0, at(start_line), at(end_line))
    }

    #[test]
    fn one_piece_is_held_in_place_and_merges_into_more() {
        // The one-piece case costs no allocation beyond its text.
        assert_eq!(std::mem::size_of::<SourceLines>(), 24);
        let text: String = (1..=20).map(|i| format!("line {i}\n")).collect();
        let mut lines = SourceLines::around(&text, &[pos(15, 15)]);
        assert!(matches!(lines.pieces, Pieces::One(_)));
        lines.merge(SourceLines::around(&text, &[pos(5, 5)]));
        lines.merge(SourceLines::around(&text, &[pos(15, 15)]));
        let starts: Vec<usize> = lines.pieces().iter().map(Piece::line).collect();
        assert_eq!(starts, [4, 14]);
    }

    #[test]
    fn keeps_the_lines_shown_and_one_either_side() {
        let text: String = (1..=20).map(|i| format!("line {i}\n")).collect();
        let lines = SourceLines::around(&text, &[pos(5, 5), pos(6, 7), pos(15, 15)]);
        let shown: Vec<(usize, &str)> = lines
            .pieces()
            .iter()
            .map(|p| (p.line(), &*p.text))
            .collect();
        assert_eq!(
            shown,
            [
                (4, "line 4\nline 5\nline 6\nline 7\nline 8\n"),
                (14, "line 14\nline 15\nline 16\n")
            ]
        );
        let p = &lines.pieces()[1];
        assert_eq!(&text[p.offset()..p.end()], &*p.text);
        assert_eq!(lines.piece_at(text.find("line 15").unwrap()), Some(p));
        assert_eq!(lines.piece_at(text.find("line 11").unwrap()), None);
        // The first and last lines have no neighbour on one side.
        let edges = SourceLines::around(&text, &[pos(1, 1), pos(20, 20)]);
        assert_eq!(edges.pieces()[0].line(), 1);
        assert!(edges.pieces()[1].text.ends_with("line 20\n"));
    }
}
