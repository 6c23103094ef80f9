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

use crate::model::Rights;
use crate::rules::FileCtx;

/// What a rights object covers: a record's excerpts or a country profile's paragraphs.
#[derive(Clone, Copy)]
pub enum Quoted<'a> {
    Record(&'a crate::model::Record),
    Profile(&'a crate::model::Profile),
}

impl Quoted<'_> {
    /// The words quoted, counted once per file.
    pub fn words_in(&self, ctx: &FileCtx<'_>) -> u64 {
        *ctx.quoted_words.get_or_init(|| self.words())
    }

    /// The words quoted.
    pub fn words(&self) -> u64 {
        match self {
            Quoted::Record(r) => r.quoted_words(),
            Quoted::Profile(p) => p.quoted_words(),
        }
    }
}

/// The rights objects of a file, with their pointers and what they cover: a record's rights
/// over its excerpts, a country profile's over its paragraphs.
pub fn rights<'a>(ctx: &FileCtx<'a>) -> Vec<(&'static str, &'a Rights, Quoted<'a>)> {
    let mut out = Vec::new();
    if let Some(r) = ctx.record() {
        out.push(("/rights", &r.rights, Quoted::Record(r)));
    }
    if let Some(p) = ctx.country().and_then(|c| c.profile.as_ref()) {
        out.push(("/profile/rights", &p.rights, Quoted::Profile(p)));
    }
    out
}
