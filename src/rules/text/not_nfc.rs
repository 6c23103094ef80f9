//! SB701: text not in Unicode Normalization Form C.

use unicode_normalization::{UnicodeNormalization, is_nfc};

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::context::strings;
use crate::rules::{Check, Example, FileCtx, Group, Rule};

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
    check: Some(Check::File(check)),
    example: Some(Example::Record),
};

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    for (pointer, s) in strings(ctx.value) {
        if !is_nfc(s) {
            let nfc: String = s.nfc().collect();
            out.push(
                ctx.diag(
                    &RULE,
                    "text is not in Unicode NFC (a letter and its accent are stored apart)",
                    pointer,
                )
                .with_help(format!("use the composed form: {nfc:?}")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{Case, clean, fires};

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
