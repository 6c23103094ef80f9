//! The line under a source's title: authors, the publishing organisation with its units and
//! abbreviation, a dateline place, document identifiers, and the date, as pages print them
//! ("U.S. Dept of State Bureau of Democracy, Human Rights, and Labor, March 10, 2020";
//! "Barbara J. Fraser, Catholic News Service CNS, IQUITOS Peru, Apr-25-2006").

use crate::model::{Identifier, IdentifierKind, Organisation, PartialDate, Person, parse_printed};

/// What a byline says.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Byline {
    pub authors: Vec<Person>,
    pub publisher: Option<Organisation>,
    pub place: Option<String>,
    pub identifiers: Vec<Identifier>,
    /// The date and its words as printed.
    pub date: Option<(PartialDate, String)>,
    /// A number printed between a periodical's name and its date ("New Internationalist 337
    /// August 2001"): read as the issue, which only the byline keeps.
    pub issue: Option<String>,
    /// A credit after a double dash ("-- Interview conducted by …"), which only the byline
    /// keeps.
    pub credit: Option<String>,
}

/// Words that start the name of a part of an organisation.
const UNIT_MARKERS: &[&str] = &[
    "Bureau of ",
    "Office of ",
    "Office for ",
    "Commission on ",
    "Commission of ",
    "Committee on ",
    "Division of ",
    "Directorate of ",
    "Department for ",
    "Secretariat of ",
    "Section of ",
];

/// Words that mark a name as an organisation's, not a person's.
const ORGANISATION_WORDS: &[&str] = &[
    "International",
    "Service",
    "News",
    "Department",
    "Dept",
    "Bureau",
    "Office",
    "UN",
    "United",
    "Nations",
    "Council",
    "Commission",
    "Convention",
    "Ministry",
    "Agency",
    "Organization",
    "Organisation",
    "Foundation",
    "Fund",
    "Institute",
    "Committee",
    "Save",
    "Children",
    "ECPAT",
    "UNICEF",
    "ILO",
    "Network",
    "Association",
    "Coalition",
    "Government",
];

fn is_unit(s: &str) -> bool {
    UNIT_MARKERS.iter().any(|m| s.starts_with(m))
}

/// A person's name: two to four capitalised words or initials, none an organisation word.
fn person(s: &str) -> Option<Person> {
    let words: Vec<&str> = s.split_whitespace().collect();
    if !(2..=4).contains(&words.len()) {
        return None;
    }
    let looks = words.iter().all(|w| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().skip(1).any(|c| c.is_lowercase() || c == '.')
            && !ORGANISATION_WORDS.contains(&w.trim_end_matches('.'))
    });
    looks.then(|| Person {
        family: words[words.len() - 1].to_string(),
        given: Some(words[..words.len() - 1].join(" ")),
        honorific: None,
    })
}

/// A dateline place: an all-capitals word (a city), optionally followed by the country.
fn place(s: &str, country: &str) -> bool {
    let mut words = s.split_whitespace();
    let first_caps = words
        .next()
        .is_some_and(|w| w.len() >= 3 && w.chars().all(|c| c.is_uppercase() || c == '-'));
    let rest: Vec<&str> = words.collect();
    first_caps && (rest.is_empty() || rest.join(" ") == country)
}

/// A meeting session: "Fifty-ninth session".
fn session(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    words.len() == 2 && words[1] == "session"
}

/// An abbreviation printed after a name whose initials it is ("Catholic News Service CNS").
fn split_abbreviation(name: &str) -> (String, Option<String>) {
    if let Some((head, last)) = name.rsplit_once(' ')
        && (2..=6).contains(&last.len())
        && last.chars().all(|c| c.is_ascii_uppercase())
    {
        let initials: String = head
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .filter(char::is_ascii_uppercase)
            .collect();
        if initials == last {
            return (head.to_string(), Some(last.to_string()));
        }
    }
    (name.to_string(), None)
}

/// Split an organisation into its name and units. Units may be printed after the name
/// ("U.S. Dept of State Bureau of …", "U.S. Department of Labor, Bureau of …") or before it,
/// smallest first ("Office of …, Bureau of …, US Dept of Labor"); units are kept largest first.
pub fn organisation(text: &str) -> Organisation {
    // Segments: a comma starts a new segment when a unit or a parent organisation follows it;
    // other commas belong to a name ("Democracy, Human Rights, and Labor").
    let mut segments: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, piece) in text.split(", ").enumerate() {
        if i > 0 && (is_unit(piece) || looks_like_parent(piece)) {
            segments.push(std::mem::take(&mut current));
        } else if i > 0 {
            current.push_str(", ");
        }
        current.push_str(piece);
    }
    segments.push(current);
    // A name with a unit run on without a comma: "U.S. Dept of State Bureau of …".
    let mut parts: Vec<String> = Vec::new();
    for seg in segments {
        match UNIT_MARKERS
            .iter()
            .filter_map(|m| seg.find(&format!(" {m}")).map(|i| i + 1))
            .min()
        {
            Some(i) if !is_unit(&seg) => {
                parts.push(seg[..i - 1].to_string());
                parts.push(seg[i..].to_string());
            }
            _ => parts.push(seg),
        }
    }
    let name_at = parts.iter().position(|p| !is_unit(p)).unwrap_or(0);
    let (name, abbreviation) = split_abbreviation(&parts[name_at]);
    let mut units: Vec<String> = parts
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != name_at)
        .map(|(_, p)| p.clone())
        .collect();
    if name_at > 0 {
        units.reverse(); // printed smallest first, before the name
    }
    Organisation {
        name,
        units: (!units.is_empty()).then_some(units),
        abbreviation,
    }
}

/// A parent organisation's name: a government or intergovernmental body.
fn looks_like_parent(s: &str) -> bool {
    [
        "U.S. ",
        "US ",
        "UN ",
        "United Nations",
        "Government of ",
        "Ministry of ",
    ]
    .iter()
    .any(|p| s.starts_with(p))
}

/// Read a byline. `country` is the page's country name (for datelines such as "IQUITOS Peru").
pub fn parse(line: &str, country: &str) -> Byline {
    let mut b = Byline::default();
    let mut text = line.trim().to_string();
    // A document's file name run on after the date: "… 2003$FILE/G0310090.doc".
    if let Some(i) = text.find("$FILE/") {
        let file = text[i + "$FILE/".len()..].trim().to_string();
        text.truncate(i);
        if !file.is_empty() {
            b.identifiers.push(Identifier {
                kind: IdentifierKind::FileName,
                value: file,
            });
        }
    }
    if let Some((main, credit)) = text.split_once(" -- ") {
        b.credit = Some(credit.trim().to_string());
        text = main.trim().to_string();
    }
    let mut parts: Vec<String> = text.split(", ").map(str::to_string).collect();
    // The date: the last two parts ("March 10, 2020"), or the last one; perhaps the whole line.
    for n in [2, 1] {
        if parts.len() >= n {
            let candidate = parts[parts.len() - n..].join(", ");
            if let Some(d) = parse_printed(&candidate) {
                b.date = Some((d, candidate));
                parts.truncate(parts.len() - n);
                break;
            }
        }
    }
    // A date run on after a name without a comma: "New Internationalist 337 August 2001".
    if b.date.is_none()
        && let Some(last) = parts.last().cloned()
    {
        let words: Vec<&str> = last.split_whitespace().collect();
        for n in [3, 2, 1] {
            if words.len() <= n {
                continue;
            }
            let candidate = words[words.len() - n..].join(" ");
            let year_only = n == 1 && candidate.len() == 4;
            if (n > 1 || year_only)
                && let Some(d) = parse_printed(&candidate)
            {
                let mut rest: Vec<&str> = words[..words.len() - n].to_vec();
                if rest.len() > 1
                    && let Some(issue) = rest
                        .last()
                        .filter(|w| w.len() <= 4 && w.bytes().all(|c| c.is_ascii_digit()))
                {
                    b.issue = Some(issue.to_string());
                    rest.pop();
                }
                b.date = Some((d, candidate));
                *parts.last_mut().expect("a last part") = rest.join(" ");
                break;
            }
        }
    }
    // Sessions and datelines, from the end.
    while let Some(last) = parts.last() {
        if session(last) {
            b.identifiers.insert(
                0,
                Identifier {
                    kind: IdentifierKind::Session,
                    value: last.clone(),
                },
            );
        } else if place(last, country) && parts.len() > 1 {
            b.place = Some(last.clone());
        } else {
            break;
        }
        parts.pop();
    }
    // Authors, from the start, while another part is left for the organisation.
    while parts.len() > 1 {
        match person(&parts[0]) {
            Some(p) => {
                b.authors.push(p);
                parts.remove(0);
            }
            None => break,
        }
    }
    if !parts.is_empty() {
        b.publisher = Some(organisation(&parts.join(", ")));
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(s: &str) -> (String, Vec<String>, Option<String>) {
        let o = organisation(s);
        (o.name, o.units.unwrap_or_default(), o.abbreviation)
    }

    #[test]
    fn a_magazine_issue_and_an_interview_credit() {
        let b = parse(
            "New Internationalist 337 August 2001 -- Interview conducted by Mario Osava/ Inter Press Service News Agency IPS",
            "Brazil",
        );
        assert_eq!(b.publisher.unwrap().name, "New Internationalist");
        assert_eq!(b.date.unwrap().1, "August 2001");
        assert_eq!(b.issue.as_deref(), Some("337"));
        assert_eq!(
            b.credit.as_deref(),
            Some("Interview conducted by Mario Osava/ Inter Press Service News Agency IPS")
        );
        assert!(
            b.authors.is_empty(),
            "an interviewer is not taken for an author"
        );
        let plain = parse("ECPAT International 2014", "Peru");
        assert_eq!(plain.publisher.unwrap().name, "ECPAT International");
        assert_eq!(plain.date.unwrap().1, "2014");
        assert!(plain.issue.is_none());
    }

    #[test]
    fn organisations_and_their_units() {
        assert_eq!(
            org("EFE News Service"),
            ("EFE News Service".into(), vec![], None)
        );
        assert_eq!(
            org("U.S. Dept of State Bureau of Democracy, Human Rights, and Labor"),
            (
                "U.S. Dept of State".into(),
                vec!["Bureau of Democracy, Human Rights, and Labor".into()],
                None
            )
        );
        assert_eq!(
            org("U.S. Department of Labor, Bureau of International Labor Affairs"),
            (
                "U.S. Department of Labor".into(),
                vec!["Bureau of International Labor Affairs".into()],
                None
            )
        );
        assert_eq!(
            org(
                "Office of Child Labor, Forced Labor, and Human Trafficking, Bureau of International Labor Affairs, US Dept of Labor"
            ),
            (
                "US Dept of Labor".into(),
                vec![
                    "Bureau of International Labor Affairs".into(),
                    "Office of Child Labor, Forced Labor, and Human Trafficking".into()
                ],
                None
            )
        );
        assert_eq!(
            org("UN Economic and Social Council Commission on Human Rights"),
            (
                "UN Economic and Social Council".into(),
                vec!["Commission on Human Rights".into()],
                None
            )
        );
        assert_eq!(
            org("Catholic News Service CNS"),
            ("Catholic News Service".into(), vec![], Some("CNS".into()))
        );
        assert_eq!(
            org("UN Convention on the Rights of the Child"),
            (
                "UN Convention on the Rights of the Child".into(),
                vec![],
                None
            )
        );
    }

    #[test]
    fn every_byline_shape() {
        let b = parse(
            "Barbara J. Fraser, Catholic News Service CNS, IQUITOS Peru, Apr-25-2006",
            "Peru",
        );
        assert_eq!(
            b.authors,
            vec![Person {
                family: "Fraser".into(),
                given: Some("Barbara J.".into()),
                honorific: None
            }]
        );
        assert_eq!(
            b.publisher.as_ref().unwrap().abbreviation.as_deref(),
            Some("CNS")
        );
        assert_eq!(b.place.as_deref(), Some("IQUITOS Peru"));
        assert_eq!(
            b.date.as_ref().map(|(d, p)| (d.to_string(), p.as_str())),
            Some(("2006-04-25".into(), "Apr-25-2006"))
        );

        let b = parse(
            "U.S. Dept of State Bureau of Democracy, Human Rights, and Labor, March 10, 2020",
            "Peru",
        );
        assert_eq!(
            b.date.as_ref().map(|(d, p)| (d.to_string(), p.as_str())),
            Some(("2020-03-10".into(), "March 10, 2020"))
        );
        assert_eq!(b.publisher.unwrap().name, "U.S. Dept of State");

        let b = parse(
            "UN Economic and Social Council Commission on Human Rights, Fifty-ninth session, 6 January 2003$FILE/G0310090.doc",
            "Peru",
        );
        let ids: Vec<(IdentifierKind, &str)> = b
            .identifiers
            .iter()
            .map(|i| (i.kind, i.value.as_str()))
            .collect();
        assert_eq!(
            ids,
            [
                (IdentifierKind::Session, "Fifty-ninth session"),
                (IdentifierKind::FileName, "G0310090.doc")
            ]
        );
        assert_eq!(b.date.unwrap().0.to_string(), "2003-01-06");

        let b = parse(
            "U.S. Department of Labor, Bureau of International Labor Affairs",
            "Peru",
        );
        assert!(b.date.is_none(), "no date is invented");
        assert_eq!(
            b.publisher.unwrap().units.unwrap(),
            ["Bureau of International Labor Affairs"]
        );

        let b = parse("ECPAT International, November 2001", "Peru");
        assert_eq!(b.date.unwrap().0.to_string(), "2001-11");
        assert!(b.authors.is_empty());

        // A byline that is only a date, in one part or two.
        for (line, iso) in [
            ("November 2001", "2001-11"),
            ("March 10, 2020", "2020-03-10"),
        ] {
            let b = parse(line, "Peru");
            assert_eq!(
                b.date.as_ref().map(|(d, p)| (d.to_string(), p.as_str())),
                Some((iso.into(), line)),
                "{line}"
            );
            assert!(b.publisher.is_none(), "{line}: {:?}", b.publisher);
        }
    }
}
