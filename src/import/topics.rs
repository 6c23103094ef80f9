//! Which of the dataset's topics a heading names. The site prints a topic's name, its id
//! spaced out (`C S E C`), or a heading of its own (`Child Prostitution` over `The Commercial
//! Sexual Exploitation of Children`; `Prevalence, Abuse & Exploitation of Street Children`).

use crate::model::Topic;

/// Headings the site prints for a topic, and the topic's name in the dataset they stand for.
const SITE_HEADINGS: &[(&str, &str)] = &[
    (
        "Child Prostitution",
        "The Commercial Sexual Exploitation of Children",
    ),
    (
        "Commercial Sexual Exploitation of Children",
        "The Commercial Sexual Exploitation of Children",
    ),
    (
        "Prevalence, Abuse & Exploitation of Street Children",
        "Street Children",
    ),
    ("Trafficking in Persons", "Human Trafficking"),
];

/// Letters and digits only, lower case: "C S E C" and "csec" are one key.
fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// How a heading names a topic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Named {
    /// Its name, its id, or a heading the site prints for it.
    Surely,
    /// A short line that contains its name: a guess, reported.
    Perhaps,
}

/// The topic a heading names, if any, and how surely.
pub fn of<'a>(heading: &str, topics: &'a [Topic]) -> Option<(&'a Topic, Named)> {
    let k = key(heading);
    if k.is_empty() {
        return None;
    }
    let site = SITE_HEADINGS
        .iter()
        .find(|(h, _)| key(h) == k)
        .map(|(_, name)| key(name));
    if let Some(t) = topics
        .iter()
        .find(|t| key(&t.name) == k || key(&t.id) == k || site.as_deref() == Some(&key(&t.name)))
    {
        return Some((t, Named::Surely));
    }
    if heading.chars().count() > 80 {
        return None;
    }
    topics
        .iter()
        .find(|t| k.contains(&key(&t.name)))
        .map(|t| (t, Named::Perhaps))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topics() -> Vec<Topic> {
        [
            ("csec", "The Commercial Sexual Exploitation of Children"),
            ("human-trafficking", "Human Trafficking"),
            ("street-children", "Street Children"),
        ]
        .map(|(id, name)| Topic {
            id: id.into(),
            name: name.into(),
            notices: None,
        })
        .to_vec()
    }

    fn id(h: &str) -> Option<(String, Named)> {
        of(h, &topics()).map(|(t, n)| (t.id.clone(), n))
    }

    #[test]
    fn the_site_headings() {
        let sure = |s: &str| Some((s.to_string(), Named::Surely));
        assert_eq!(
            id("The Commercial Sexual Exploitation of Children"),
            sure("csec")
        );
        assert_eq!(id("Child Prostitution"), sure("csec"));
        assert_eq!(id("C S E C"), sure("csec"));
        assert_eq!(
            id("Prevalence, Abuse & Exploitation of Street Children"),
            sure("street-children")
        );
        assert_eq!(id("Human Trafficking"), sure("human-trafficking"));
        assert_eq!(
            id("The Plight of Street Children"),
            Some(("street-children".into(), Named::Perhaps))
        );
        assert_eq!(id("Republic of Peru"), None);
    }
}
