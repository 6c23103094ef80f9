//! A file's lines as the human format shows them around a finding: made safe for a terminal,
//! long lines cut to a window around the finding, and the finding's offsets moved to match.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::diag::{Label, LineCol, SourceLines};
use crate::escape;

/// A file's shown lines as miette reads source code, made safe and readable on a terminal:
/// control and invisible formatting characters from the file become visible (`␛`, `<U+202E>`),
/// a line longer than [`LONG_LINE`] bytes is cut to a window around this finding's labels
/// (`…` where text was left out), and label offsets are moved to match ([`Shown::at`]).
pub(super) struct Shown {
    name: String,
    pieces: Vec<ShownPiece>,
    /// From each file offset on, where the shown text is: sorted by file offset.
    map: Vec<Seg>,
    /// The true line and column of each label start, by its offset in the shown text: miette
    /// would count them in the shown text, in bytes.
    starts: Vec<(usize, LineCol)>,
}

/// A line longer than this many bytes is shown cut; one of a minified 1 MiB file would
/// otherwise be printed whole for every finding in it.
pub(super) const LONG_LINE: usize = 240;
/// Bytes of context kept either side of the labels on a cut line.
const CONTEXT: usize = 60;
/// At most this many bytes of labels on one cut line are shown.
const WIDEST: usize = 400;
const CUT: &str = "…";

#[derive(Clone, Copy)]
struct Seg {
    file: usize,
    shown: usize,
    /// Left out of the shown text: every offset in it shows at the cut mark.
    cut: bool,
}

struct ShownPiece {
    start: usize,
    line: usize,
    text: String,
}

impl Shown {
    pub(super) fn new(name: &str, lines: Option<&SourceLines>, labels: &[&Label]) -> Shown {
        let mut map = vec![Seg {
            file: 0,
            shown: 0,
            cut: false,
        }];
        let mut pieces = Vec::new();
        let offsets: Vec<(usize, usize)> = labels
            .iter()
            .filter_map(|l| l.position.as_ref())
            .map(|p| (p.span().start, p.span().end))
            .collect();
        for p in lines.map(SourceLines::pieces).unwrap_or_default() {
            let start = Self::at_in(&map, p.offset());
            map.push(Seg {
                file: p.offset(),
                shown: start,
                cut: false,
            });
            let mut text = String::with_capacity(p.text.len().min(4 * LONG_LINE));
            let mut line_at = 0;
            for line in p.text.split_inclusive('\n') {
                let from = p.offset() + line_at;
                line_at += line.len();
                let keep = window(line, from, &offsets);
                // Bytes `a..b` of the file left out, shown as one mark.
                let cut = |a: usize, b: usize, text: &mut String, map: &mut Vec<Seg>| {
                    map.push(Seg {
                        file: a,
                        shown: start + text.len(),
                        cut: true,
                    });
                    text.push_str(CUT);
                    map.push(Seg {
                        file: b,
                        shown: start + text.len(),
                        cut: false,
                    });
                };
                if keep.start > 0 {
                    cut(from, from + keep.start, &mut text, &mut map);
                }
                let kept = &line[keep.clone()];
                let base = from + keep.start;
                // Copied in runs: only these bytes can start a character that is shown
                // another way (ASCII controls, and the lead bytes of C1 controls, invisible
                // formatting characters and the byte-order mark).
                let suspect = |b: u8| b != b'\t' && b != b'\n' && escape::may_be_visible(b);
                let bytes = kept.as_bytes();
                let (mut run, mut i) = (0, 0);
                while i < bytes.len() {
                    if !suspect(bytes[i]) {
                        i += 1;
                        continue;
                    }
                    let c = kept[i..].chars().next().unwrap_or_default();
                    let crlf = c == '\r' && bytes.get(i + 1) == Some(&b'\n');
                    if let Some(v) = escape::visible(c).filter(|_| !crlf) {
                        text.push_str(&kept[run..i]);
                        text.push_str(&v);
                        map.push(Seg {
                            file: base + i + c.len_utf8(),
                            shown: start + text.len(),
                            cut: false,
                        });
                        run = i + c.len_utf8();
                    }
                    i += c.len_utf8();
                }
                text.push_str(&kept[run..]);
                // The line break stays, so the next line starts on a line of its own.
                let body = line.len() - usize::from(line.ends_with('\n'));
                if keep.end < line.len() {
                    if keep.end < body {
                        cut(from + keep.end, from + body, &mut text, &mut map);
                    }
                    text.push_str(&line[body..]);
                }
            }
            pieces.push(ShownPiece {
                start,
                line: p.line(),
                text,
            });
        }
        let starts = labels
            .iter()
            .filter_map(|l| l.position.as_ref())
            .map(|p| (Self::at_in(&map, p.span().start), p.start))
            .collect();
        Shown {
            name: escape::terminal(name, false).into_owned(),
            pieces,
            map,
            starts,
        }
    }

    fn at_in(map: &[Seg], offset: usize) -> usize {
        let i = map.partition_point(|s| s.file <= offset);
        match i.checked_sub(1).map(|i| map[i]) {
            Some(s) if s.cut => s.shown,
            Some(s) => s.shown + (offset - s.file),
            None => offset,
        }
    }

    /// Where a byte offset of the file is in the shown text.
    fn at(&self, offset: usize) -> usize {
        Self::at_in(&self.map, offset)
    }

    pub(super) fn span(&self, label: &Label) -> Option<SourceSpan> {
        label.position.as_ref().map(|p| {
            let (a, b) = (self.at(p.span().start), self.at(p.span().end));
            SourceSpan::from(a..b.max(a))
        })
    }
}

/// The byte range of `line` (which starts at file offset `from`) to show: all of it when it is
/// short; otherwise the labels on it with some context, or its start when it has none.
fn window(line: &str, from: usize, labels: &[(usize, usize)]) -> std::ops::Range<usize> {
    if line.len() <= LONG_LINE {
        return 0..line.len();
    }
    let to = from + line.len();
    let on: Vec<(usize, usize)> = labels
        .iter()
        .filter(|(a, _)| (from..to).contains(a))
        .map(|(a, b)| (a - from, (*b).min(to) - from))
        .collect();
    let (lo, hi) = match (on.iter().map(|l| l.0).min(), on.iter().map(|l| l.1).max()) {
        (Some(lo), Some(hi)) => (lo, hi.min(lo + WIDEST)),
        _ => (0, LONG_LINE - CONTEXT),
    };
    let floor = |mut i: usize| {
        while !line.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let body = line.len() - usize::from(line.ends_with('\n'));
    floor(lo.saturating_sub(CONTEXT))..floor((hi + CONTEXT).min(body))
}

impl SourceCode for Shown {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let offset = span.offset();
        let piece = self
            .pieces
            .iter()
            .find(|p| p.start <= offset && offset <= p.start + p.text.len());
        let Some(p) = piece else {
            return Ok(Box::new(MietteSpanContents::new_named(
                self.name.clone(),
                b"",
                SourceSpan::from(offset..offset),
                0,
                0,
                0,
            )));
        };
        // miette's own reading of the piece, moved to where the piece is in the file.
        let local = SourceSpan::new((offset - p.start).into(), span.len());
        let c = p.text.as_str().read_span(&local, before, after)?;
        // The header's line and column are the label's own, counted in the file.
        let (line, column) = match self.starts.iter().find(|(at, _)| *at == offset) {
            Some((_, lc)) if before == 0 && after == 0 => {
                (lc.line as usize - 1, lc.column as usize - 1)
            }
            _ => (c.line() + p.line - 1, c.column()),
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            c.data(),
            SourceSpan::new((c.span().offset() + p.start).into(), c.span().len()),
            line,
            column,
            c.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_line_is_shown_whole() {
        assert_eq!(window("abc\n", 0, &[(1, 2)]), 0..4);
    }

    #[test]
    fn a_long_line_is_cut_around_its_labels_on_character_boundaries() {
        let line = "é".repeat(1_000) + "\n";
        let w = window(&line, 100, &[(100 + 1_001, 100 + 1_003)]);
        assert!(line.is_char_boundary(w.start) && line.is_char_boundary(w.end));
        assert!(w.start <= 1_001 && 1_003 <= w.end, "{w:?}");
        assert!(w.len() <= 2 * CONTEXT + 2, "{w:?}");
    }

    #[test]
    fn a_long_line_without_labels_shows_its_start() {
        let line = "x".repeat(1_000);
        assert_eq!(window(&line, 0, &[]), 0..LONG_LINE);
    }
}
