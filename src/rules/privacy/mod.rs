//! Privacy rules: the quoted and annotated text holds no contact details. (Names of child
//! victims cannot be told apart by a machine; records that carry one are refused in review.)

pub mod email_in_text;
pub mod phone_in_text;

use crate::diag::{Diagnostic, Rule};
use crate::json::Pointer;
use crate::model::Document;
use crate::rules::context::FileCtx;

/// Where a piece of free text sits: the country page it is on (for a page's headline), a field
/// (its pointer, written out), an index into it, and a field of that item.
#[derive(Clone, Copy, Debug)]
pub struct Place {
    page: Option<usize>,
    field: &'static str,
    index: Option<usize>,
    sub: Option<&'static str>,
}

impl Place {
    /// The JSON pointer, built only for a finding.
    pub fn pointer(&self) -> Pointer {
        let mut p = match self.page {
            Some(n) => {
                let mut p = Pointer::lit("/pages").index(n);
                for key in self.field.split('/').skip(1) {
                    p.push_key(key);
                }
                p
            }
            None => Pointer::lit(self.field),
        };
        if let Some(i) = self.index {
            p.push_index(i);
        }
        if let Some(s) = self.sub {
            p.push_key(s);
        }
        p
    }
}

/// The free text of a file that privacy rules read, with where it sits: excerpts and their
/// headings, notes, cross-references, availability notes, maintainer notes, a country
/// profile's paragraphs and its pages' headline quotations. Helplines have their own fields
/// and are not read.
pub fn free_text<'a>(ctx: &FileCtx<'a>) -> Vec<(Place, &'a str)> {
    let place = |field, index, sub| Place {
        page: None,
        field,
        index,
        sub,
    };
    let mut out = Vec::new();
    match ctx.document() {
        Some(Document::Record(r)) => {
            for (i, e) in r.excerpts().iter().enumerate() {
                out.extend(
                    e.heading
                        .as_deref()
                        .map(|h| (place("/excerpts", Some(i), Some("heading")), h)),
                );
                out.push((place("/excerpts", Some(i), Some("text")), e.text.as_str()));
            }
            for (field, list) in [
                ("/notes", &r.notes),
                ("/cross_references", &r.cross_references),
                ("/maintainer_notes", &r.maintainer_notes),
            ] {
                out.extend(
                    list.iter()
                        .flatten()
                        .enumerate()
                        .map(|(i, t)| (place(field, Some(i), None), t.as_str())),
                );
            }
            out.extend(
                r.availability
                    .as_deref()
                    .map(|a| (place("/availability", None, None), a)),
            );
        }
        Some(Document::Country(c)) => {
            if let Some(p) = &c.profile {
                out.extend(
                    p.paragraphs
                        .iter()
                        .enumerate()
                        .map(|(i, t)| (place("/profile/paragraphs", Some(i), None), t.as_str())),
                );
            }
            for (n, page) in c.pages.iter().flatten().enumerate() {
                let Some(h) = &page.headline else { continue };
                out.extend(h.paragraphs.iter().enumerate().map(|(i, t)| {
                    let at = Place {
                        page: Some(n),
                        field: "/headline/paragraphs",
                        index: Some(i),
                        sub: None,
                    };
                    (at, t.as_str())
                }));
            }
        }
        Some(Document::Dataset(_)) | None => {}
    }
    out
}

/// Reports the first contact detail `find` sees in each piece of free text, naming it as
/// `what`; both privacy rules share the wording of the help so contributors see one remedy.
pub fn flag_contacts(
    ctx: &FileCtx<'_>,
    out: &mut Vec<Diagnostic>,
    rule: &'static Rule,
    what: &str,
    find: fn(&str) -> Option<&str>,
) {
    for (place, text) in free_text(ctx) {
        if let Some(found) = find(text) {
            out.push(
                ctx.diag_part(
                    rule,
                    format!("{what}: {found}"),
                    place.pointer(),
                    text,
                    found,
                )
                .with_help(
                    "cut contact details from excerpts and notes; helplines have their own field",
                ),
            );
        }
    }
}
