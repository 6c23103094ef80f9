//! SB901: an e-mail address in quoted or annotated text.

use crate::diag::{Diagnostic, Group, Rule, Severity};
use crate::rules::context::FileCtx;

pub static RULE: Rule = Rule {
    code: "SB901",
    name: "email-in-text",
    group: Group::Privacy,
    severity: Severity::Warning,
    summary: "An excerpt or note holds an e-mail address.",
    why: "Reports sometimes print contact addresses of people, not only of organisations. The \
          dataset republishes text widely and permanently, so contact details are left out of \
          excerpts and notes: a helpline belongs in the country's `helplines`, and a person's \
          address nowhere.",
    fails: "{\"excerpts\": [{\"text\": \"Write to the coordinator at maria.perez@example.org for details.\"}]}",
    passes: "{\"excerpts\": [{\"text\": \"Write to the coordinator for details.\"}]}",
    fix: "Cut the address from the excerpt (mark the cut with […]) and update `quoted_words`.",
    example: None,
};

/// The first e-mail address in `s`, if any: local part, `@`, and a domain with a dot and a
/// top-level label of two or more letters.
pub fn find_email(s: &str) -> Option<&str> {
    let local_char = |c: char| c.is_alphanumeric() || "._%+-".contains(c);
    let domain_char = |c: char| c.is_alphanumeric() || c == '.' || c == '-';
    for (at, _) in s.match_indices('@') {
        let Some(start) = s[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| local_char(*c))
            .last()
            .map(|(i, _)| i)
        else {
            continue; // a bare "@": a later one may still start an address
        };
        let domain_len: usize = s[at + 1..]
            .chars()
            .take_while(|c| domain_char(*c))
            .map(char::len_utf8)
            .sum();
        let domain = s[at + 1..at + 1 + domain_len].trim_end_matches('.');
        let tld = domain.rsplit('.').next().unwrap_or_default();
        if start < at
            && domain.contains('.')
            && tld.len() >= 2
            && tld.chars().all(char::is_alphabetic)
        {
            return Some(&s[start..at + 1 + domain.len()]);
        }
    }
    None
}

pub fn check(ctx: &FileCtx<'_>, out: &mut Vec<Diagnostic>) {
    super::flag_contacts(ctx, out, &RULE, "an e-mail address in the text", find_email);
}

#[cfg(test)]
mod tests {
    use super::find_email;
    use crate::diag::Severity;
    use crate::engine::testing::{Case, clean, fires};

    #[test]
    fn finds_addresses() {
        assert_eq!(
            find_email("mail maria.perez@example.org."),
            Some("maria.perez@example.org")
        );
        assert_eq!(find_email("a@b"), None);
        assert_eq!(find_email("@handle on social media"), None);
        assert_eq!(find_email("x @ y.com"), None);
        assert_eq!(find_email("see @ngo or info@ngo.org"), Some("info@ngo.org"));
    }

    #[test]
    fn in_excerpts_and_notes() {
        let case = Case::record(r#"{"notes": ["Contact: info@ngo.example.org"]}"#);
        let d = fires(&super::RULE, case, "info@ngo.example.org");
        assert_eq!(d.severity, Severity::Warning);
        clean(&super::RULE, Case::shipped());
    }

    #[test]
    fn in_a_page_headline() {
        let case = Case::country(
            r#"{"pages": [{"topic": "csec", "title": "Child Prostitution - Peru", "headline": {"paragraphs": ["Quoted.", "Write to info@ngo.example.org."], "attribution": "T", "rights": {"status": "public_domain", "basis": "us_government_work", "quoted_words": 4}}}]}"#,
        );
        let d = fires(&super::RULE, case, "info@ngo.example.org");
        let crate::diag::Anchor::Pointer(at, _) = &d.primary.at else {
            panic!("{d:?}")
        };
        assert_eq!(at.to_string(), "/pages/0/headline/paragraphs/1");
    }
}
