//! Rights and fair-use rules: every quotation has a holder and a lawful basis that fits its
//! status, licences are SPDX expressions, copyrighted quotations stay within the policy's
//! word limit, stored word counts are true, and every excerpt is attributed.

pub mod invalid_licence;
pub mod quote_over_limit;
pub mod rights_basis;
pub mod rights_holder;
pub mod unattributed_excerpt;
pub mod unknown_rights;
pub mod word_count_mismatch;

use crate::model::{Rights, count_words};
use crate::rules::FileCtx;

/// The rights objects of a file, with their pointers and the words they cover: a record's
/// rights over its excerpts, a country profile's over its paragraphs.
pub fn rights<'a>(ctx: &FileCtx<'a>) -> Vec<(&'static str, &'a Rights, u64)> {
    let mut out = Vec::new();
    if let Some(r) = ctx.record() {
        out.push(("/rights", &r.rights, r.quoted_words()));
    }
    if let Some(p) = ctx.country().and_then(|c| c.profile.as_ref()) {
        let words = p.paragraphs.iter().map(|t| count_words(t)).sum();
        out.push(("/profile/rights", &p.rights, words));
    }
    out
}
