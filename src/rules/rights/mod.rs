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

/// The rights objects of a file, with their pointers: see [`quotes`].
pub fn rights<'a>(ctx: &FileCtx<'a>) -> Vec<(Pointer, &'a Rights)> {
    quotes(ctx)
        .into_iter()
        .map(|q| (q.rights_at, q.rights))
        .collect()
}

/// One quotation a file makes and the rights it is made under.
pub struct Quote<'a> {
    /// Where the rights object is.
    pub rights_at: Pointer,
    pub rights: &'a Rights,
    /// Where the quoted text is (a label for the whole quotation).
    pub text_at: Pointer,
    /// The words quoted; `None` when the text is there but could not be read, so no count
    /// is made up.
    pub words: Option<u64>,
}

/// The quotations of a file: a record's excerpts, a country profile's paragraphs, and the
/// headline quotation of each of the country's pages, each under its own rights.
pub fn quotes<'a>(ctx: &FileCtx<'a>) -> Vec<Quote<'a>> {
    let mut out = Vec::new();
    if let Some(r) = ctx.record().and_then(|r| r.rights.as_ref()) {
        out.push(Quote {
            rights_at: Pointer::lit("/rights"),
            rights: r,
            text_at: Pointer::lit("/excerpts"),
            words: ctx.quoted_words(),
        });
    }
    let Some(c) = ctx.country() else { return out };
    if let Some(p) = &c.profile {
        out.push(Quote {
            rights_at: Pointer::lit("/profile/rights"),
            rights: &p.rights,
            text_at: Pointer::lit("/profile/paragraphs"),
            words: ctx.quoted_words(),
        });
    }
    for (i, page) in c.pages.iter().flatten().enumerate() {
        if let Some(h) = &page.headline {
            let at = Pointer::lit("/pages").index(i).key("headline");
            out.push(Quote {
                rights_at: at.key("rights"),
                rights: &h.rights,
                text_at: at.key("paragraphs"),
                words: Some(h.quoted_words()),
            });
        }
    }
    out
}
