//! The human format's common finding drawn directly: one label, on one line of its file, or on
//! the whole file, without colour. The text is byte for byte what miette's graphical handler
//! draws for it (the tests draw both ways and compare); every other finding goes through
//! miette. A tree where every file has a finding spends most of its rendering here, and miette
//! costs about seven times as much per finding (66,000 instructions against 9,000).

use unicode_width::UnicodeWidthChar;

use super::snippet::LONG_LINE;
use crate::diag::{Diagnostic, Piece, Report, Severity};
use crate::escape;

/// miette's width less the two columns it keeps free, as the handler is set up in `human`.
const WIDTH: usize = 98;

/// `d` as miette's graphical handler draws it with `human`'s settings and no colour, followed
/// by the blank line `human` writes after each report; `None` when `d` is not a case drawn here.
pub(super) fn draw(d: &Diagnostic, report: &Report) -> Option<String> {
    if !d.secondary.is_empty() {
        return None;
    }
    let snippet = Snippet::of(d, report)?;
    let mut out = String::with_capacity(512);
    // The header: the code, not wrapped.
    out.push_str(d.rule.code);
    out.push_str(" (");
    out.push_str(d.rule.name);
    out.push_str(")\n\n");
    let (first, rest) = match d.severity {
        Severity::Error => ("  × ", "  │ "),
        Severity::Warning => ("  ⚠ ", "  │ "),
    };
    wrap(&mut out, &escape::terminal(&d.message, false), first, rest);
    let name = escape::terminal(&d.primary.file, false);
    snippet.write(&mut out, &name);
    if let Some(help) = &d.help {
        wrap(
            &mut out,
            &escape::terminal(help, false),
            "  help: ",
            "        ",
        );
    }
    out.push('\n');
    Some(out)
}

/// What the label shows of its file.
enum Snippet<'a> {
    /// The label has no place in the file's shown lines: a frame with no lines, at 1:1.
    Empty,
    /// The label's line with the lines either side, and where on it the label is.
    Lines {
        /// The lines shown (at most three), without their line breaks.
        lines: Vec<&'a str>,
        /// The 1-based number of the first line.
        first: usize,
        /// Which of `lines` the label is on.
        at: usize,
        /// The label's bytes on its line.
        span: std::ops::Range<usize>,
        /// The line and column the frame names.
        line: u32,
        column: u32,
        label: Option<std::borrow::Cow<'a, str>>,
    },
}

impl<'a> Snippet<'a> {
    fn of(d: &'a Diagnostic, report: &'a Report) -> Option<Snippet<'a>> {
        let lines = report.sources.get(&d.primary.file);
        let pieces = lines.map_or(&[][..], |l| l.pieces());
        let Some(pos) = &d.primary.position else {
            // Anchored on no byte: miette reads the shown text at offset 0, which is empty
            // unless a piece starts there.
            return pieces
                .first()
                .is_none_or(|p| p.offset() > 0)
                .then_some(Snippet::Empty);
        };
        let span = pos.span();
        // The one piece holding the label, apart from every other piece, so that the offsets
        // miette sees in the shown text fall in that piece alone.
        let i = pieces
            .iter()
            .position(|p| p.offset() <= span.start && span.end < p.end())?;
        let piece = &pieces[i];
        let apart = pieces
            .iter()
            .enumerate()
            .all(|(j, q)| j == i || q.end() < piece.offset() || piece.end() < q.offset());
        if !apart {
            return None;
        }
        // miette reads one line too many after an empty label on an empty first line.
        if span.start == piece.offset() && piece.text.starts_with('\n') {
            return None;
        }
        let (lines, first, at, on) = around(piece, span.start)?;
        let local = on..on + span.end.saturating_sub(span.start);
        // The label stays on its line (it may end at its line break, not past it), and starts
        // and ends between characters.
        let text = lines[at];
        if local.end > text.len()
            || !text.is_char_boundary(local.start)
            || !text.is_char_boundary(local.end)
        {
            return None;
        }
        Some(Snippet::Lines {
            lines,
            first,
            at,
            span: local,
            line: pos.start.line,
            column: pos.start.column,
            label: d
                .primary
                .text
                .as_deref()
                .map(|t| escape::terminal(t, false)),
        })
    }

    fn write(&self, out: &mut String, name: &str) {
        let Snippet::Lines {
            lines,
            first,
            at,
            span,
            line,
            column,
            label,
        } = self
        else {
            out.push_str("   ╭─[");
            out.push_str(name);
            out.push_str(":1:1]\n   ╰────\n");
            return;
        };
        // Pushed piece by piece: formatting machinery costs more than the drawing.
        let width = digits(first + lines.len() - 1);
        spaces(out, width + 2);
        out.push_str("╭─[");
        out.push_str(name);
        out.push(':');
        number(out, *line as usize);
        out.push(':');
        number(out, *column as usize);
        out.push_str("]\n");
        // The gutter of a line without a number.
        let blank = |out: &mut String| {
            spaces(out, width + 1);
            out.push_str(" · ");
        };
        for (i, text) in lines.iter().enumerate() {
            let n = first + i;
            spaces(out, 1 + width - digits(n));
            number(out, n);
            out.push_str(" │ ");
            out.push_str(text);
            out.push('\n');
            if i != *at {
                continue;
            }
            let start = columns(&text[..span.start]);
            let end = if span.is_empty() {
                start + 1
            } else {
                columns(&text[..span.end]).max(start + 1)
            };
            let bar = (start + end) / 2;
            let mark = if span.is_empty() {
                '▲'
            } else if label.is_some() {
                '┬'
            } else {
                '─'
            };
            blank(out);
            spaces(out, start);
            out.extend(std::iter::repeat_n('─', bar - start));
            out.push(mark);
            out.extend(std::iter::repeat_n('─', end - bar - 1));
            out.push('\n');
            if let Some(label) = label {
                blank(out);
                spaces(out, bar);
                out.push_str("╰── ");
                out.push_str(label);
                out.push('\n');
            }
        }
        spaces(out, width + 2);
        out.push_str("╰────\n");
    }
}

fn spaces(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// `n` in decimal.
fn number(out: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[i..].iter().map(|d| char::from(*d)));
}

/// The line holding file offset `at` in `piece`, with the line before and after it when the
/// piece has them: the lines, the 1-based number of the first, which one holds `at`, and how
/// far into its line `at` is. `None` when a line shown would not be shown as it is in the file
/// (a control or invisible character made visible, a tab, a carriage return, a cut line).
fn around(piece: &Piece, at: usize) -> Option<(Vec<&str>, usize, usize, usize)> {
    let text = &*piece.text;
    let local = at - piece.offset();
    let bytes = text.as_bytes();
    let start = memchr::memrchr(b'\n', &bytes[..local]).map_or(0, |i| i + 1);
    let end_of =
        |from: usize| memchr::memchr(b'\n', &bytes[from..]).map_or(text.len(), |i| from + i);
    let end = end_of(start);
    let mut out = Vec::with_capacity(3);
    let mut at_line = 0;
    let mut first = piece.line() + memchr::memchr_iter(b'\n', &bytes[..start]).count();
    if start > 0 {
        let prev = memchr::memrchr(b'\n', &bytes[..start - 1]).map_or(0, |i| i + 1);
        out.push(&text[prev..start - 1]);
        first -= 1;
        at_line = 1;
    }
    out.push(&text[start..end]);
    if end < text.len() && end + 1 < text.len() {
        out.push(&text[end + 1..end_of(end + 1)]);
    }
    // Each line as it is shown: whole (with its line break no longer than a line the snippet
    // cuts) and with no character shown another way.
    let plain = |l: &str| {
        l.len() < LONG_LINE
            && !l.bytes().any(|b| b < 0x20 || b == 0x7f)
            && (!l.bytes().any(escape::may_be_visible)
                || !l.chars().any(|c| escape::visible(c).is_some()))
    };
    out.iter()
        .all(|l| plain(l))
        .then_some((out, first, at_line, local - start))
}

/// Columns `text` takes on a terminal, as miette counts them under a label.
fn columns(text: &str) -> usize {
    if printable_ascii(text) {
        return text.len();
    }
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Columns `text` takes as textwrap counts them.
fn display_width(text: &str) -> usize {
    if printable_ascii(text) {
        return text.len();
    }
    textwrap::core::display_width(text)
}

/// Text of characters one column wide each, however counted.
fn printable_ascii(text: &str) -> bool {
    text.bytes().all(|b| (0x20..0x7f).contains(&b))
}

fn digits(n: usize) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// `text` after `first` and, where it runs past the width, on more lines after `rest`, as
/// miette wraps it (textwrap, breaking at spaces only). Most texts fit on one line, which is
/// checked without textwrap's work on every word.
fn wrap(out: &mut String, text: &str, first: &str, rest: &str) {
    let trimmed = text.trim_end_matches(' ');
    let room = WIDTH - display_width(first);
    let fits =
        !trimmed.is_empty() && !text.contains(['\n', '\x1b']) && display_width(trimmed) <= room;
    if fits {
        out.push_str(first);
        out.push_str(trimmed);
    } else {
        let opts = textwrap::Options::new(WIDTH)
            .initial_indent(first)
            .subsequent_indent(rest)
            .break_words(false)
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .word_separator(textwrap::WordSeparator::AsciiSpace);
        out.push_str(&textwrap::fill(text, opts));
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::path::Path;

    use proptest::prelude::*;

    use super::*;
    use crate::diag::{Anchor, Label, SourceLines, SourceText, Summary, resolve_labels};
    use crate::report::human::{graphical, handler};

    /// Every finding drawn here is what miette draws; returns how many were drawn here.
    fn same_as_miette(report: &Report) -> usize {
        let miette = handler(false);
        let mut drawn = 0;
        for d in &report.diagnostics {
            if let Some(text) = draw(d, report) {
                assert_eq!(text, graphical(&miette, d, report).unwrap(), "{d:?}");
                drawn += 1;
            }
        }
        drawn
    }

    #[test]
    fn the_fixture_trees_are_drawn_as_miette_draws_them() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut drawn = 0;
        for tree in [
            "tests/fixtures/check/small",
            "tests/fixtures/check/cross",
            "dataset",
        ] {
            let report =
                crate::engine::check(&crate::engine::Options::new(root.join(tree))).unwrap();
            drawn += same_as_miette(&report);
        }
        // The small tree's one-line labels and its unexpected file are drawn here.
        assert!(drawn >= 5, "{drawn}");
    }

    /// A line of text from pieces that are each a case of their own: wide and zero-width
    /// characters, tabs, controls and invisible characters, carriage returns, quotes.
    fn line() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            20 => Just("ab".to_string()),
            10 => Just(" ".to_string()),
            4 => Just("é".to_string()),
            2 => Just("中".to_string()),
            2 => Just("😀".to_string()),
            1 => Just("e\u{301}".to_string()),
            1 => Just("\t".to_string()),
            1 => Just("\u{202e}".to_string()),
            1 => Just("\x1b[31m".to_string()),
            1 => Just("\r".to_string()),
            2 => Just("—".to_string()),
            1 => Just("x".repeat(130)),
        ];
        prop::collection::vec(piece, 0..10).prop_map(|v| v.concat())
    }

    /// A message or help: short, long enough to wrap, with a line break, or empty.
    fn words() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => "[a-z]{1,8}( [a-z]{1,12}){0,6}",
            2 => "[a-zé中 ]{0,140}",
            1 => "[a-z ]{1,20}\n[a-z ]{1,20}",
            1 => Just(String::new()),
            1 => Just("  lead and trail  ".to_string()),
        ]
    }

    /// A label: a span given as fractions of the text, or the whole file.
    fn anchor() -> impl Strategy<Value = Option<(f64, f64)>> {
        prop_oneof![
            1 => Just(None),
            6 => (0.0..1.0f64, prop_oneof![Just(0.0), 0.0..0.02f64, 0.0..0.5f64]).prop_map(Some),
        ]
    }

    fn label(text: &str, file: &str, at: Option<(f64, f64)>, caption: Option<String>) -> Label {
        let floor = |mut i: usize| {
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let l = match at {
            None => Label::whole_file(file),
            Some((a, len)) => {
                let a = floor((a * text.len() as f64) as usize);
                let b = floor((a + (len * text.len() as f64) as usize).min(text.len()));
                Label::new(file, Anchor::Span(a..b))
            }
        };
        match caption {
            Some(c) => l.with_text(c),
            None => l,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]
        /// Any finding drawn here, in any text, is what miette draws.
        #[test]
        fn any_finding_drawn_here_is_what_miette_draws(
            lines in prop::collection::vec(line(), 1..30),
            trailing in any::<bool>(),
            findings in prop::collection::vec(
                (anchor(), prop::option::of(words()), words(), prop::option::of(words()),
                 any::<bool>(), prop::option::weighted(0.2, anchor())),
                1..5,
            ),
        ) {
            let mut text = lines.join("\n");
            if trailing {
                text.push('\n');
            }
            let file = crate::layout::FileName::from("ds/pe/records/x.json");
            let rules = crate::catalog::all();
            let mut diagnostics: Vec<Diagnostic> = findings
                .into_iter()
                .enumerate()
                .map(|(i, (at, caption, message, help, error, second))| {
                    let mut d = Diagnostic::new(
                        rules[i % rules.len()],
                        message,
                        label(&text, &file, at, caption),
                    );
                    d.severity = if error { Severity::Error } else { Severity::Warning };
                    d.help = help.map(Into::into);
                    if let Some(s) = second {
                        d.secondary.push(label(&text, &file, s, Some("also".into())));
                    }
                    d
                })
                .collect();
            let src = SourceText { text: &text, body_offset: 0 };
            resolve_labels(
                diagnostics
                    .iter_mut()
                    .flat_map(|d| std::iter::once(&mut d.primary).chain(d.secondary.iter_mut())),
                &src,
            );
            let lines = SourceLines::around(
                &text,
                diagnostics
                    .iter()
                    .flat_map(|d| std::iter::once(&d.primary).chain(&d.secondary))
                    .filter_map(|l| l.position.as_ref()),
            );
            let report = Report {
                diagnostics,
                sources: HashMap::from([(file.clone(), lines)]),
                summary: Summary::default(),
                rules,
            };
            same_as_miette(&report);
        }
    }
}
