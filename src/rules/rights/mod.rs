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

use crate::json::Pointer;
use crate::model::Rights;
use crate::rules::context::FileCtx;

/// The rights objects of a file, with their pointers: a record's rights over its excerpts, a
/// country profile's over its paragraphs (the words either covers are the file's
/// [`FileCtx::quoted_words`]).
pub fn rights<'a>(ctx: &FileCtx<'a>) -> Vec<(Pointer, &'a Rights)> {
    let mut out = Vec::new();
    if let Some(r) = ctx.record().and_then(|r| r.rights.as_ref()) {
        out.push((Pointer::lit("/rights"), r));
    }
    if let Some(p) = ctx.country().and_then(|c| c.profile.as_ref()) {
        out.push((Pointer::lit("/profile/rights"), &p.rights));
    }
    out
}
