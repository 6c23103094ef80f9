//! SB701: text not in Unicode Normalization Form C.

use unicode_normalization::{UnicodeNormalization, is_nfc};

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::layout::Kind;
use crate::rules::context::FileCtx;
use crate::rules::strings::{JsonPath, Text, class};

pub static RULE: Rule = Rule {
    code: "SB701",
    name: "not-nfc",
    group: Group::Text,
    severity: Severity::Error,
    summary: "A string is not in Unicode Normalization Form C.",
    why: "\"é\" can be one character or an \"e\" followed by a combining accent. They look the \
          same but compare, sort, search and count differently, so a title typed on one system \
          would not match the same title typed on another. The dataset stores the composed \
          form (NFC), as the web does.",
    fails: "// \"u\" followed by U+0301 COMBINING ACUTE ACCENT\n{\"title\": \"Peru\u{301}\"}",
    passes: "{\"title\": \"Perú\"}",
    fix: "Re-type the character, or normalise the text to NFC (most editors can; \
          `python3 -c 'import unicodedata,sys; print(unicodedata.normalize(\"NFC\", sys.argv[1]))' TEXT`).",
    example: Some(Kind::Record),
};

/// A fast answer for the common case: every character is below U+0300 (Latin, with its
/// precomposed accents) or general punctuation from U+2002 to U+203F (dashes, typographic
/// quotes), none of which changes under NFC. Anything else is left to the full check.
fn surely_nfc(s: &str) -> bool {
    // Text can only fail NFC at a character from U+0300 up (a first byte from 0xCC up), and
    // not at the punctuation U+2002-U+203F (E2 80 82 to E2 80 BF: quotes, dashes); the bytes
    // before such a character are passed over many at a time.
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(at) = crate::bytes::find(b, i, |x| x >= 0xcc) {
        if b[at] != 0xe2
            || b.get(at + 1) != Some(&0x80)
            || matches!(b.get(at + 2), Some(0x80 | 0x81))
        {
            return false;
        }
        i = at + 3;
    }
    true
}

pub fn check(
    ctx: &FileCtx<'_>,
    path: &JsonPath<'_, '_>,
    text: &Text<'_>,
    out: &mut Vec<Diagnostic>,
) {
    if !text.has(class::NFC_LEAD) {
        return;
    }
    let s = text.s;
    if surely_nfc(s) {
        return;
    }
    if !is_nfc(s) {
        let nfc: String = s.nfc().collect();
        out.push(
            ctx.diag(
                &RULE,
                "text is not in Unicode NFC (a letter and its accent are stored apart)",
                path.pointer(),
            )
            .with_help(format!("use the composed form: {nfc:?}")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{Case, clean, fires};

    #[test]
    fn the_fast_path_never_passes_what_the_full_check_fails() {
        for c in (0u32..0x3100).filter_map(char::from_u32) {
            let s = format!("a{c}");
            if super::surely_nfc(&s) {
                assert!(unicode_normalization::is_nfc(&s), "U+{:04X}", c as u32);
            }
        }
        // And it does pass the accents and punctuation of the shipped records.
        let long = "Fundación “niños” — the children’s report, año 2001, page 959 and more";
        assert!(super::surely_nfc(long));
        assert!(!super::surely_nfc(&format!("{long}e\u{301}")));
    }

    #[test]
    fn decomposed_accents() {
        fires(
            &super::RULE,
            Case::record("{\"title\": \"Peru\u{301}\"}"),
            "\"Peru\u{301}\"",
        );
        clean(&super::RULE, Case::record("{\"title\": \"Perú\"}"));
    }
}
