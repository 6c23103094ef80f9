//! The page's boilerplate compared with the dataset's: the caution and term-paper notices of
//! the page's topic, the fair-use statement, the "cite this page" template and the coverage
//! line. The dataset keeps them once, so a page that prints them otherwise is reported, line by
//! line; whitespace alone (no-break spaces, runs of spaces) is no difference.

use crate::model::Dataset;

use super::lines::{Line, same_words};
use super::outcome::{Imported, Unplaced};
use super::page::Page;

fn differs(imported: &mut Imported, line: &Line, field: &str, hint: &str) {
    imported.unplaced.push(Unplaced {
        line: line.number,
        text: line.text.clone(),
        why: format!("differs from `{field}` in dataset.json{hint}"),
    });
}

/// Report every piece of boilerplate on page `p` (of `topic`, about `country`) that differs
/// from dataset `d`.
pub(super) fn compare(p: &Page, d: &Dataset, topic: &str, country: &str, imported: &mut Imported) {
    let own = d
        .topics
        .iter()
        .find(|t| t.id == topic)
        .and_then(|t| t.notices.as_ref());
    let hint = |field: &str| match own {
        None => format!(
            "; if every {topic} page prints it so, give the topic its own in `topics[].notices.{field}`"
        ),
        Some(_) => String::new(),
    };
    if let Some(l) = &p.caution {
        let printed = l.text.trim_start_matches("CAUTION:");
        if !same_words(printed, &d.caution(topic).replace("{country}", country)) {
            let field = if own.and_then(|n| n.caution.as_ref()).is_some() {
                "topics[].notices.caution"
            } else {
                "notices.caution"
            };
            differs(imported, l, field, &hint("caution"));
        }
    }
    let expected = d.term_paper(topic);
    for (i, l) in p.term_paper.iter().enumerate() {
        if !expected.get(i).is_some_and(|e| same_words(e, &l.text)) {
            let field = if own.and_then(|n| n.term_paper.as_ref()).is_some() {
                "topics[].notices.term_paper"
            } else {
                "notices.term_paper"
            };
            differs(imported, l, field, &hint("term_paper"));
        }
    }
    if let Some(l) = &p.fair_use
        && !same_words(&l.text, &d.notices.fair_use)
    {
        differs(imported, l, "notices.fair_use", "");
    }
    if let (Some(title), Some(l)) = (p.title(), &p.cite) {
        let template = l
            .text
            .replacen(&format!("\"{title}\""), "\"{page_title}\"", 1);
        if !same_words(&template, &d.citation.page_template) {
            differs(imported, l, "citation.page_template", "");
        }
    }
    if let (Some(l), Some(want)) = (&p.preamble.coverage, &d.coverage.as_printed)
        && !same_words(&l.text, want)
    {
        differs(imported, l, "coverage.as_printed", "");
    }
}
