//! Citations: a record's CSL item (the release's mapping, [`csl::citable`]) rendered by a real
//! CSL engine, hayagriva, in the styles the site offers, as HTML and as plain text.
//!
//! APA is rendered from the CSL project's `apa.csl` and en-US locale shipped in `site/csl/`,
//! the same files the citeproc-js test reads, so the site's APA can be held to citeproc-js's.
//! MLA and the two Chicago styles are hayagriva's archived copies of the CSL project's styles:
//! for Chicago, the 17th edition the issue asks for (`chicago-author-date-17th-edition` and
//! `chicago-notes-bibliography-subsequent-author-title-17th-edition`, archived under Turabian
//! names; "subsequent author-title" only changes how a list repeats an author, and each source
//! is rendered alone). The 18th edition's styles, the archive's `chicago-*`, differ for these
//! sources only in leaving the year out of a news item's date after the author-date year.
//!
//! A fault of hayagriva 0.10.1 that the Peru sources show, left as it is rather than worked
//! round in the data: in both Chicago styles the bibliography entry of a news item without an
//! author, which the agency's name leads, italicises the article's title instead of quoting it
//! (hayagriva treats the agency, once substituted for the author, as absent when the style
//! asks whether the work has a container; citeproc-js quotes it). The note form is right.

use hayagriva::archive::{self, ArchivedStyle};
use hayagriva::citationberg::json::Item;
use hayagriva::citationberg::{
    FontStyle, FontVariant, FontWeight, IndependentStyle, Locale, LocaleFile, Style as CslStyle,
    TextDecoration, VerticalAlign,
};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, ElemChild,
    ElemChildren, Formatting,
};

use super::html::{escape, link};
use crate::model::Record;
use crate::release::csl;

const APA: &str = include_str!("../../site/csl/apa.csl");
const EN_US: &str = include_str!("../../site/csl/locales-en-US.xml");

/// A citation style the site renders every source in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Apa,
    Mla,
    ChicagoNotes,
    ChicagoAuthorDate,
}

impl Style {
    pub const ALL: [Style; 4] = [
        Style::Apa,
        Style::Mla,
        Style::ChicagoNotes,
        Style::ChicagoAuthorDate,
    ];

    /// The style's name, with its edition, as the page shows it.
    pub fn name(self) -> &'static str {
        match self {
            Style::Apa => "APA 7th edition",
            Style::Mla => "MLA 9th edition",
            Style::ChicagoNotes => "Chicago 17th edition, notes and bibliography",
            Style::ChicagoAuthorDate => "Chicago 17th edition, author-date",
        }
    }

    /// A short name for ids and tests.
    pub fn slug(self) -> &'static str {
        match self {
            Style::Apa => "apa",
            Style::Mla => "mla",
            Style::ChicagoNotes => "chicago-notes",
            Style::ChicagoAuthorDate => "chicago-author-date",
        }
    }

    /// What the style's citation beside its bibliography entry is called, for the styles the
    /// site shows one for. MLA's is left out: for a work without an author MLA cites a
    /// shortened title, which CSL cannot know, and hayagriva's full-title form drops a closing
    /// parenthesis after "(CRC)".
    pub fn cite_label(self) -> Option<&'static str> {
        match self {
            Style::ChicagoNotes => Some("Note"),
            Style::Apa | Style::ChicagoAuthorDate => Some("In the text"),
            Style::Mla => None,
        }
    }
}

/// Rendered text: HTML (escaped; italics as `<i>`, no inline styles) and plain text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    pub html: String,
    pub plain: String,
}

/// One style's rendering of a source: its bibliography entry and its citation (in-text, or the
/// note for a notes style).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    pub style: Style,
    pub entry: Text,
    pub cite: Text,
}

/// The styles, parsed once, with their locales.
pub struct Styles {
    styles: Vec<(Style, IndependentStyle, Vec<Locale>)>,
}

fn archived(name: &str) -> IndependentStyle {
    match ArchivedStyle::by_name(name)
        .expect("hayagriva archives the style")
        .get()
    {
        CslStyle::Independent(s) => s,
        CslStyle::Dependent(_) => unreachable!("{name} is an independent style"),
    }
}

impl Styles {
    pub fn new() -> Styles {
        let apa = IndependentStyle::from_xml(APA).expect("site/csl/apa.csl parses");
        let en_us: Locale = LocaleFile::from_xml(EN_US)
            .expect("site/csl/locales-en-US.xml parses")
            .into();
        let styles = Style::ALL
            .iter()
            .map(|&s| match s {
                Style::Apa => (s, apa.clone(), vec![en_us.clone()]),
                Style::Mla => (s, archived("mla"), archive::locales()),
                Style::ChicagoNotes => (s, archived("turabian-fullnote-8"), archive::locales()),
                Style::ChicagoAuthorDate => {
                    (s, archived("turabian-author-date"), archive::locales())
                }
            })
            .collect();
        Styles { styles }
    }

    /// A source in every style. Each is rendered on its own, as a reader copies it: no
    /// disambiguation against other sources ("2006a") and no "Ibid.".
    pub fn render(&self, item: &Item) -> Vec<Citation> {
        self.styles
            .iter()
            .map(|(style, csl, locales)| {
                let mut driver: BibliographyDriver<'_, Item> = BibliographyDriver::new();
                driver.citation(CitationRequest::from_items(
                    vec![CitationItem::with_entry(item)],
                    csl,
                    locales,
                ));
                let done = driver.finish(BibliographyRequest::new(csl, None, locales));
                let cite = done
                    .citations
                    .first()
                    .map(|c| text(&c.citation))
                    .unwrap_or_default();
                let entry = done
                    .bibliography
                    .and_then(|b| b.items.into_iter().next())
                    .map(|i| text(&i.content))
                    .unwrap_or_default();
                Citation {
                    style: *style,
                    entry,
                    cite,
                }
            })
            .collect()
    }
}

impl Styles {
    /// A record in every style.
    pub fn record(&self, r: &Record) -> Vec<Citation> {
        self.render(&item(r))
    }
}

impl Default for Styles {
    fn default() -> Self {
        Styles::new()
    }
}

/// A record as the CSL-JSON item citation engines read: the release's citable fields.
pub fn item(r: &Record) -> Item {
    serde_json::to_value(csl::citable(r))
        .and_then(serde_json::from_value)
        .expect("the citable fields are CSL-JSON values")
}

fn text(children: &ElemChildren) -> Text {
    let mut t = Text::default();
    for c in &children.0 {
        write(c, &mut t);
    }
    t.plain = t.plain.split_whitespace().collect::<Vec<_>>().join(" ");
    t.html = t.html.trim().to_string();
    t
}

/// The tags that carry a piece of text's formatting, outermost first.
fn tags(f: &Formatting) -> Vec<(&'static str, &'static str)> {
    let mut v = Vec::new();
    if f.font_style == FontStyle::Italic {
        v.push(("<i>", "</i>"));
    }
    if f.font_weight == FontWeight::Bold {
        v.push(("<b>", "</b>"));
    }
    if f.font_variant == FontVariant::SmallCaps {
        v.push(("<span class=\"sc\">", "</span>"));
    }
    if f.text_decoration == TextDecoration::Underline {
        v.push(("<u>", "</u>"));
    }
    match f.vertical_align {
        VerticalAlign::Sup => v.push(("<sup>", "</sup>")),
        VerticalAlign::Sub => v.push(("<sub>", "</sub>")),
        VerticalAlign::None | VerticalAlign::Baseline => {}
    }
    v
}

fn formatted(text: &str, f: &Formatting, t: &mut Text) {
    let tags = tags(f);
    for (open, _) in &tags {
        t.html.push_str(open);
    }
    t.html.push_str(&escape(text));
    for (_, close) in tags.iter().rev() {
        t.html.push_str(close);
    }
    t.plain.push_str(text);
}

// hayagriva's own HTML writer neither escapes text nor avoids inline `style` attributes (which
// the site's Content-Security-Policy refuses), so the tree is written here.
fn write(c: &ElemChild, t: &mut Text) {
    match c {
        ElemChild::Text(f) => formatted(&f.text, &f.formatting, t),
        ElemChild::Elem(e) => {
            let block = e.display.is_some();
            for c in &e.children.0 {
                write(c, t);
            }
            if block {
                // A block of a style (a bibliography's first field) runs on in one line.
                t.plain.push(' ');
                t.html.push(' ');
            }
        }
        ElemChild::Markup(m) => formatted(m, &Formatting::default(), t),
        ElemChild::Link { text, url } => match link(url) {
            Some(url) => {
                t.html.push_str("<a href=\"");
                t.html.push_str(&escape(url));
                t.html.push_str("\">");
                formatted(&text.text, &text.formatting, t);
                t.html.push_str("</a>");
            }
            None => formatted(&text.text, &text.formatting, t),
        },
        ElemChild::Transparent { .. } => {}
    }
}
