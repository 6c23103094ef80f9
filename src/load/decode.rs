//! From a file's bytes to its JSON value on the strict path: decoding, the byte-order mark,
//! the strict parse, and a diagnostic for each fault found on the way (SB101-SB105, SB110).

use serde_json::Value;

use super::codes;
use super::read::{Limits, bom_len};
use super::syntax;
use crate::diag::{Anchor, Diagnostic, Label, plural};
use crate::json::{self, Duplicate, SyntaxError};
use crate::layout::FileName;

/// A file's bytes decoded on the strict path: its text (lossily decoded when it is not UTF-8,
/// so findings can be shown in it), where its JSON body starts, and its value when it has one.
pub struct Decoded {
    pub text: String,
    pub body_offset: usize,
    pub value: Option<Value>,
}

/// Decode and parse the bytes of the file shown as `display` strictly, recording every fault.
pub fn decode(
    bytes: Vec<u8>,
    display: &FileName,
    limits: Limits,
    diags: &mut Vec<Diagnostic>,
) -> Decoded {
    let mut out = Decoded {
        text: String::new(),
        body_offset: 0,
        value: None,
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            diags.push(invalid_utf8(display, &e));
            out.text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            return out;
        }
    };
    if text.trim().is_empty() {
        diags.push(Diagnostic::new(
            &codes::EMPTY_FILE,
            "file is empty",
            span(display, 0..text.len()),
        ));
        out.text = text;
        return out;
    }
    let off = bom_len(&text);
    out.body_offset = off;
    if off > 0 {
        diags.push(
            Diagnostic::new(
                &codes::BYTE_ORDER_MARK,
                "file starts with a UTF-8 byte-order mark",
                span(display, 0..off),
            )
            .with_help("save the file as UTF-8 without BOM, or run `sourcebook fmt`"),
        );
    }
    match json::parse(&text[off..], limits.max_depth) {
        Ok(parsed) => {
            for d in &parsed.duplicates {
                diags.push(duplicate_key(display, d, off));
            }
            match parsed.too_deep {
                Some(r) => diags.push(too_deep(
                    display,
                    r.start + off..r.end + off,
                    limits,
                    "the deeper part is not checked",
                )),
                None => out.value = Some(parsed.value),
            }
        }
        Err(e) if e.fault == crate::json::Fault::TooDeep => diags.push(too_deep(
            display,
            widen(&e, off),
            limits,
            "the file is not checked",
        )),
        Err(e) => diags.push(invalid_json(display, &text[off..], &e, off)),
    }
    out.text = text;
    out
}

fn span(display: &FileName, range: std::ops::Range<usize>) -> Label {
    Label::new(display, Anchor::Span(range))
}

/// A syntax error's span, at least one byte wide, moved past the byte-order mark.
fn widen(e: &SyntaxError, off: usize) -> std::ops::Range<usize> {
    e.span.start + off..e.span.end.max(e.span.start + 1) + off
}

fn invalid_utf8(display: &FileName, e: &std::string::FromUtf8Error) -> Diagnostic {
    let at = e.utf8_error().valid_up_to();
    let bad = e.utf8_error().error_len().unwrap_or(1);
    let shown: Vec<String> = e.as_bytes()[at..at + bad]
        .iter()
        .map(|b| format!("0x{b:02X}"))
        .collect();
    // The lossy text the file is shown in has U+FFFD where the bad bytes were.
    let width = '\u{fffd}'.len_utf8();
    Diagnostic::new(
        &codes::INVALID_UTF8,
        format!(
            "not valid UTF-8: invalid byte{} {}",
            plural(bad),
            shown.join(" ")
        ),
        span(display, at..at + width),
    )
    .with_help("re-save the file as UTF-8")
}

fn duplicate_key(display: &FileName, d: &Duplicate, off: usize) -> Diagnostic {
    let field = if d.object.is_empty() {
        format!("`{}`", d.key)
    } else {
        format!("`{}` in `{}`", d.key, d.object.field_path())
    };
    Diagnostic::new(
        &codes::DUPLICATE_KEY,
        format!("duplicate key {field}"),
        span(display, d.repeat.start + off..d.repeat.end + off).with_text("defined again here"),
    )
    .with_secondary(
        span(display, d.first.start + off..d.first.end + off).with_text("first defined here"),
    )
    .with_help("keep one of the two; readers disagree about which one counts")
}

fn too_deep(
    display: &FileName,
    range: std::ops::Range<usize>,
    limits: Limits,
    consequence: &str,
) -> Diagnostic {
    Diagnostic::new(
        &codes::TOO_DEEP,
        format!(
            "objects and arrays nest deeper than {} levels; {consequence}",
            limits.max_depth
        ),
        span(display, range),
    )
}

fn invalid_json(display: &FileName, body: &str, e: &SyntaxError, off: usize) -> Diagnostic {
    let x = syntax::explain(body, e);
    // At least one byte wide, so the place shows under the text.
    let end = if x.span.end > x.span.start {
        x.span.end
    } else {
        body[x.span.start..]
            .chars()
            .next()
            .map_or(x.span.start, |c| x.span.start + c.len_utf8())
    };
    let mut label = span(display, x.span.start + off..end + off);
    if let Some(text) = x.label {
        label = label.with_text(text);
    }
    Diagnostic::new(
        &codes::INVALID_JSON,
        format!("invalid JSON: {}", x.message),
        label,
    )
    .with_help(x.help)
}

/// The value a well-formed file holds, by serde_json's fast path; `None` sends the file down
/// the strict path, which says exactly what is wrong and where.
pub fn fast(bytes: &[u8], limits: Limits) -> Option<Value> {
    json::parse_fast(bytes, limits.max_depth)
}
