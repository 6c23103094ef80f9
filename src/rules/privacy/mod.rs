//! Privacy rules: the quoted and annotated text holds no contact details. (Names of child
//! victims cannot be told apart by a machine; records that carry one are refused in review.)

pub mod email_in_text;
pub mod phone_in_text;

use crate::rules::{Doc, FileCtx};

/// The free text of a file that privacy rules read, with pointers: excerpts and their
/// headings, notes, cross-references, availability notes, maintainer notes, and a country
/// profile's paragraphs. Helplines have their own fields and are not read.
pub fn free_text<'a>(ctx: &FileCtx<'a>) -> Vec<(String, &'a str)> {
    let mut out = Vec::new();
    match ctx.doc {
        Doc::Record(r) => {
            for (i, e) in r.excerpts().iter().enumerate() {
                out.extend(
                    e.heading
                        .as_deref()
                        .map(|h| (format!("/excerpts/{i}/heading"), h)),
                );
                out.push((format!("/excerpts/{i}/text"), e.text.as_str()));
            }
            for (field, list) in [
                ("notes", &r.notes),
                ("cross_references", &r.cross_references),
                ("maintainer_notes", &r.maintainer_notes),
            ] {
                out.extend(
                    list.iter()
                        .flatten()
                        .enumerate()
                        .map(|(i, t)| (format!("/{field}/{i}"), t.as_str())),
                );
            }
            out.extend(
                r.availability
                    .as_deref()
                    .map(|a| ("/availability".to_string(), a)),
            );
        }
        Doc::Country(c) => {
            if let Some(p) = &c.profile {
                out.extend(
                    p.paragraphs
                        .iter()
                        .enumerate()
                        .map(|(i, t)| (format!("/profile/paragraphs/{i}"), t.as_str())),
                );
            }
        }
        Doc::Dataset(_) | Doc::Untyped => {}
    }
    out
}
