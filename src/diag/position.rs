//! Where labels point, in lines and columns: byte offsets and pointers resolved against a
//! file's text, worked out only for files that have findings.

use std::collections::HashMap;

use super::diagnostic::{Anchor, Diagnostic, Label, LineCol, Position};
use crate::json;

/// Line starts of a text, for turning byte offsets into 1-based lines and columns.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// Line and column of a byte offset; the column counts Unicode scalar values, so a
    /// no-break space or an accented letter is one column whatever its UTF-8 length.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        LineCol {
            line,
            column: self.text[start..offset].chars().count() + 1,
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The text a label's file holds, and where its JSON body starts (after a byte-order mark).
pub struct SourceText<'a> {
    pub text: &'a str,
    pub body_offset: usize,
}

/// Work out every label's byte span, line and column. Labels in files with no text (unreadable,
/// or named but never read) keep no position.
pub fn resolve(diagnostics: &mut [Diagnostic], sources: &HashMap<&str, SourceText<'_>>) {
    let mut files: HashMap<&str, (LineIndex<'_>, Option<json::Tree<'_>>)> = HashMap::new();
    for d in diagnostics.iter_mut() {
        for label in std::iter::once(&mut d.primary).chain(d.secondary.iter_mut()) {
            resolve_label(label, sources, &mut files);
        }
    }
}

fn resolve_label<'s>(
    label: &mut Label,
    sources: &HashMap<&'s str, SourceText<'s>>,
    files: &mut HashMap<&'s str, (LineIndex<'s>, Option<json::Tree<'s>>)>,
) {
    if label.position.is_some() {
        return; // resolved when its file was checked
    }
    let Some((&key, src)) = sources.get_key_value(label.file.as_str()) else {
        return;
    };
    if matches!(label.at, Anchor::File) {
        return;
    }
    // Each file is indexed once, and parsed once if a label names a pointer into it, however
    // many labels point into it.
    let (index, tree) = files
        .entry(key)
        .or_insert_with(|| (LineIndex::new(src.text), None));
    let span = match &label.at {
        Anchor::Span(r) => r.clone(),
        Anchor::Pointer(p, t) => {
            let tree = tree.get_or_insert_with(|| json::Tree::new(&src.text[src.body_offset..]));
            let r = tree.locate(p, *t);
            r.start + src.body_offset..r.end + src.body_offset
        }
        Anchor::File => return,
    };
    label.position = Some(Position {
        start: index.line_col(span.start),
        end: index.line_col(span.end),
        span,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_one_based_and_count_characters() {
        let text = "{\n  \"a\": \"ú\u{a0}x\",\n}";
        let ix = LineIndex::new(text);
        assert_eq!(ix.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(ix.line_col(2), LineCol { line: 2, column: 1 });
        let x = text.find('x').unwrap();
        assert_eq!(
            ix.line_col(x),
            LineCol {
                line: 2,
                column: 11
            }
        );
        assert_eq!(ix.line_col(text.len()), LineCol { line: 3, column: 2 });
        // An offset inside a multi-byte character counts from the character's start.
        let u = text.find('ú').unwrap();
        assert_eq!(ix.line_col(u + 1), ix.line_col(u));
    }
}
