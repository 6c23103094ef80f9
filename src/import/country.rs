//! The page's country parts into the country file: its names, profile and the profile's
//! source, the helplines, and the page's title with its headline quotation.

use serde_json::json;

use crate::fmt;
use crate::layout::{self, Kind};
use crate::model::{
    self, Country, Headline, Helpline, Page as PagePart, Profile, ProfileSource, Published,
};
use crate::reference::placeholder::placeholder;
use crate::reference::{countries, numbering};

use super::outcome::{Imported, Needs, Output};
use super::{page, rights};

/// The profile's source from its attribution: "The World Factbook, U.S.C.I.A. 2009".
fn profile_source(attribution: &str) -> ProfileSource {
    let (title, rest) = attribution.split_once(", ").unwrap_or((attribution, ""));
    let (publisher, year) = match rest.rsplit_once(' ') {
        Some((p, y)) if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => (p, Some(y)),
        _ => (rest, None),
    };
    ProfileSource {
        title: title.to_string(),
        publisher: (!publisher.is_empty()).then(|| model::Organisation {
            name: publisher.to_string(),
            units: None,
            abbreviation: None,
        }),
        published: year.and_then(|y| {
            y.parse().ok().map(|date| Published {
                date,
                as_printed: Some(y.to_string()),
            })
        }),
        attribution: attribution.to_string(),
    }
}

/// The publisher a headline's attribution starts with, where it names one whose rights are
/// known: "U.S. State Dept Trafficking in Persons Report, June, 2009" is the State Department's.
fn headline_publisher(attribution: &str) -> Option<model::Organisation> {
    let first = attribution.split(", ").next()?;
    let words: Vec<&str> = first.split_whitespace().collect();
    (1..=words.len()).rev().find_map(|n| {
        let org = model::Organisation {
            name: words[..n].join(" "),
            units: None,
            abbreviation: None,
        };
        rights::known(&org).map(|_| org)
    })
}

/// A helpline in E.164 when the printed number is a valid number of the country (a short code
/// is dialled as printed and has none).
fn e164(number: &str, country: &str) -> Option<String> {
    if numbering::is_short_code(number) {
        return None;
    }
    numbering::to_e164(country, number)
}

pub(super) fn country_file(
    p: &page::Page,
    code: &str,
    topic: &str,
    imported: &mut Imported,
) -> Output {
    let rel = layout::country_file(code);
    let name = p.country_name();
    let headline = p.preamble.headline.as_ref().map(|h| {
        let known = headline_publisher(&h.attribution).and_then(|o| rights::known(&o));
        let mut headline = Headline {
            paragraphs: h.paragraphs.clone(),
            attribution: h.attribution.clone(),
            cross_reference: h.cross_reference.clone(),
            rights: rights::rights(known.as_ref(), 0),
        };
        headline.rights.quoted_words = headline.quoted_words();
        (headline, known.is_some())
    });
    let title = p.title();
    let profile = p.preamble.profile.as_ref().map(|pr| {
        let source = profile_source(&pr.attribution);
        let known = source.publisher.as_ref().and_then(rights::known);
        (pr, source, known)
    });
    let c = Country {
        code: code.to_string(),
        alpha3: countries::alpha3(code).unwrap_or_default().to_string(),
        name: name.clone().unwrap_or_default(),
        official_name: p.preamble.official_name.clone(),
        pages: (title.is_some() || headline.is_some()).then(|| {
            vec![PagePart {
                topic: topic.to_string(),
                title: title.clone().unwrap_or_default(),
                headline: headline.as_ref().map(|(h, _)| h.clone()),
            }]
        }),
        profile: profile.as_ref().map(|(pr, source, known)| {
            let mut profile = Profile {
                paragraphs: pr.paragraphs.clone(),
                source: source.clone(),
                rights: rights::rights(known.as_ref(), 0),
            };
            profile.rights.quoted_words = profile.quoted_words();
            profile
        }),
        helplines: (!p.helplines.is_empty()).then(|| {
            p.helplines
                .iter()
                .map(|(organisation, number, calling_code)| Helpline {
                    organisation: organisation.clone(),
                    number: number.clone(),
                    calling_code: calling_code.clone(),
                    e164: e164(number, code),
                })
                .collect()
        }),
    };
    let mut v = serde_json::to_value(&c).expect("a country serialises");
    if name.is_none() {
        v["name"] = json!(placeholder(
            "the country's short name as the page prints it"
        ));
        imported.needs.push(Needs {
            rel: rel.clone(),
            field: "name".into(),
            why: "the page has no \"cite this page\" line to take it from".into(),
        });
    }
    if title.is_none() && headline.is_some() {
        v["pages"][0]["title"] = json!(placeholder(
            "the page's title as its \"cite this page\" line gives it"
        ));
        imported.needs.push(Needs {
            rel: rel.clone(),
            field: "pages[0].title".into(),
            why: "the page has no \"cite this page\" line to take it from".into(),
        });
    }
    if let Some((_, false)) = &headline {
        v["pages"][0]["headline"]["rights"]["status"] =
            json!(placeholder("the rights in the headline's source"));
        imported.needs.push(Needs {
            rel: rel.clone(),
            field: "pages[0].headline.rights".into(),
            why: "the rights in the headline's source are not known".into(),
        });
    }
    if let Some((_, _, None)) = &profile {
        v["profile"]["rights"]["status"] = json!(placeholder("the rights in the profile's source"));
        imported.needs.push(Needs {
            rel: rel.clone(),
            field: "profile.rights".into(),
            why: "the rights in the profile's source are not known".into(),
        });
    }
    Output {
        rel,
        kind: Kind::Country,
        text: fmt::format_value(&v, Kind::Country),
    }
}
