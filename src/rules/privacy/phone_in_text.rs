//! SB902: a phone number in quoted or annotated text.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::layout::Kind;
use crate::rules::context::FileCtx;

pub static RULE: Rule = Rule {
    code: "SB902",
    name: "phone-in-text",
    group: Group::Privacy,
    severity: Severity::Warning,
    summary: "An excerpt or note holds what looks like a phone number.",
    why: "As with e-mail addresses (SB901): numbers printed in reports can be people's, and the \
          dataset republishes text permanently. A helpline belongs in the country's \
          `helplines`, where it is checked and exported as a `tel:` link. The check is a \
          heuristic (seven to fifteen digits with phone-style separators; years, year ranges \
          and dates are not counted), hence a warning.",
    fails: "{\"notes\": [\"Call (01) 518-0000 for help.\"]}",
    passes: "{\"notes\": [\"Call the Ministry of Interior's helpline (see the country's helplines).\"]}",
    fix: "Cut the number (mark the cut with […]); if it is a helpline, add it to the country's \
          `helplines`.",
    example: Some(Kind::Record),
};

/// The first phone-like number in `s`: a run of digits, spaces, `+`, `(`, `)`, `-`, `.` or
/// `/` that starts with a digit, `+` or `(`, ends with a digit, holds 7 to 15 digits, and is
/// not a year range or a date.
pub fn find_phone(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    if crate::bytes::count(b, |x| x.is_ascii_digit()) < 7 {
        return None;
    }
    let allowed = |c: char| c.is_ascii_digit() || " +()-./\u{a0}".contains(c);
    // A number starts at a digit, `+` or `(` (all ASCII, so each byte found is a character)
    // that does not continue a word; the bytes between are passed over without decoding.
    let starts = |x: u8| x.is_ascii_digit() | (x == b'+') | (x == b'(');
    let mut i = 0;
    while let Some(at) = crate::bytes::find(b, i, starts) {
        i = at;
        if s[..i].ends_with(|p: char| p.is_alphanumeric()) {
            i += 1;
            continue;
        }
        let rest = &s[i..];
        let len: usize = rest
            .chars()
            .take_while(|c| allowed(*c))
            .map(char::len_utf8)
            .sum();
        let run = rest[..len].trim_end_matches(|c: char| !c.is_ascii_digit());
        let digits = run.bytes().filter(u8::is_ascii_digit).count();
        let followed_by_word = rest[run.len()..].starts_with(|c: char| c.is_alphanumeric());
        if (7..=15).contains(&digits) && !followed_by_word && !is_date_like(run) {
            return Some(run);
        }
        // `len` is at least one: the character that starts a number is allowed in one.
        i += len;
    }
    None
}

/// Year ranges ("2002-2006", "2002/06") and dates ("2019-01-05", "05/01/2019").
fn is_date_like(run: &str) -> bool {
    let parts: Vec<&str> = run
        .split(['-', '/', '.', ' ', '–'])
        .filter(|p| !p.is_empty())
        .collect();
    let all_digits = parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()));
    if !all_digits {
        return false;
    }
    let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    matches!(lens.as_slice(), [4, 2 | 4] | [4, 2, 2] | [2 | 1, 2 | 1, 4])
}

pub fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    super::flag_contacts(
        ctx,
        out,
        &RULE,
        "what looks like a phone number in the text",
        find_phone,
    );
}

#[cfg(test)]
mod tests {
    use super::find_phone;
    use crate::engine::testing::{Case, clean, fires};

    #[test]
    fn numbers_that_look_like_phones() {
        assert_eq!(find_phone("Call (01) 518-0000 now"), Some("(01) 518-0000"));
        assert_eq!(find_phone("tel +51 1 518 0000."), Some("+51 1 518 0000"));
        assert_eq!(find_phone("dial 0800-10828"), Some("0800-10828"));
    }

    #[test]
    fn not_years_counts_or_dates() {
        for s in [
            "during the period 2002-06",
            "from 2002-2006",
            "on 2019-01-05",
            "four to 12 years",
            "(6,19,20)",
            "page 959",
            "1999 study",
            "G0310090.doc",
            "approximately 400 brothels in 2018",
        ] {
            assert_eq!(find_phone(s), None, "{s}");
        }
    }

    /// The search as first written, a character at a time: the one above must find the
    /// same number in every text.
    fn find_phone_by_chars(s: &str) -> Option<&str> {
        if s.bytes().filter(u8::is_ascii_digit).count() < 7 {
            return None;
        }
        let allowed = |c: char| c.is_ascii_digit() || " +()-./\u{a0}".contains(c);
        let mut i = 0;
        while i < s.len() {
            let rest = &s[i..];
            let c = rest.chars().next()?;
            if !(c.is_ascii_digit() || c == '+' || c == '(')
                || (i > 0 && s[..i].ends_with(|p: char| p.is_alphanumeric()))
            {
                i += c.len_utf8();
                continue;
            }
            let len: usize = rest
                .chars()
                .take_while(|c| allowed(*c))
                .map(char::len_utf8)
                .sum();
            let run = rest[..len].trim_end_matches(|c: char| !c.is_ascii_digit());
            let digits = run.chars().filter(char::is_ascii_digit).count();
            let followed_by_word = rest[run.len()..].starts_with(|c: char| c.is_alphanumeric());
            if (7..=15).contains(&digits) && !followed_by_word && !super::is_date_like(run) {
                return Some(run);
            }
            i += len.max(c.len_utf8());
        }
        None
    }

    #[test]
    fn finds_what_the_character_search_finds() {
        let parts = [
            "Call ",
            "(01) ",
            "518-0000",
            " ",
            "+51",
            "\u{a0}1 ",
            "2002-2006",
            "é",
            "Perú1",
            "x9",
            "(",
            "+",
            ".",
            "/",
            "12",
            "345 6789",
            "2019-01-05",
            "no",
            "’",
            "0800-10828",
        ];
        // Every text of up to three parts, in every order: numbers built across parts, after
        // letters and accented letters, and cut short.
        let mut texts = vec![String::new()];
        for _ in 0..3 {
            texts = texts
                .iter()
                .flat_map(|t| parts.iter().map(move |p| format!("{t}{p}")))
                .collect();
        }
        let mut found = 0;
        for t in &texts {
            let got = find_phone(t);
            assert_eq!(got, find_phone_by_chars(t), "{t:?}");
            found += usize::from(got.is_some());
        }
        assert!(found > 100, "the texts must hold numbers too: {found}");
    }

    #[test]
    fn fires_in_notes() {
        fires(
            &super::RULE,
            Case::record(r#"{"notes": ["Call (01) 518-0000 for help."]}"#),
            "(01) 518-0000",
        );
        clean(&super::RULE, Case::shipped());
    }
}
