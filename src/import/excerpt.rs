//! Excerpt paragraphs as pages print them: an optional `[locator]`, an optional heading in
//! capitals ended by a dash (`SEXUAL EXPLOITATION OF CHILDREN - `, `[B] COUNTRY UPDATES – PERU – `,
//! `SECTION 6 WORKER RIGHTS – [d] `, whose bracket is the locator), then the quoted text.

use crate::model::Excerpt;

/// A bracketed locator standing alone on its line ("[page 959]"), which applies to the next
/// paragraph.
pub fn lone_locator(line: &str) -> Option<&str> {
    let inner = line.strip_prefix('[')?.strip_suffix(']')?;
    (!inner.is_empty() && !inner.contains(['[', ']']) && !inner.starts_with("accessed"))
        .then_some(inner)
}

fn is_dash(t: &str) -> bool {
    matches!(t, "-" | "–" | "—")
}

fn is_bracket(t: &str) -> bool {
    t.len() > 2 && t.starts_with('[') && t.ends_with(']')
}

/// A word of a heading: no lower-case letter (numbers such as "1." and "6" count).
fn is_heading_word(t: &str) -> bool {
    !t.chars().any(char::is_lowercase) && t.chars().any(char::is_alphanumeric)
}

/// Split one paragraph into locator, heading and text. `pending` is a locator printed on its
/// own line before the paragraph.
pub fn parse(paragraph: &str, pending: Option<String>) -> Excerpt {
    let mut rest = paragraph.trim();
    let mut locator = pending;
    if locator.is_none()
        && let Some(inner) = rest.strip_prefix('[')
        && let Some(end) = inner.find(']')
        && inner[end + 1..].starts_with(' ')
    {
        locator = Some(inner[..end].to_string());
        rest = inner[end + 1..].trim_start();
    }
    // Collect the heading-like tokens at the start.
    let tokens: Vec<(usize, &str)> = {
        let mut v = Vec::new();
        let mut pos = 0;
        for t in rest.split(' ') {
            v.push((pos, t));
            pos += t.len() + 1;
        }
        v
    };
    let mut run = 0;
    for (_, t) in &tokens {
        if is_dash(t) || is_bracket(t) || is_heading_word(t) {
            run += 1;
        } else {
            break;
        }
    }
    // A heading needs capitals and ends at its last dash, or at the brackets that follow it.
    let last_dash = tokens[..run].iter().rposition(|(_, t)| is_dash(t));
    let has_words = tokens[..run]
        .iter()
        .any(|(_, t)| t.chars().filter(|c| c.is_uppercase()).count() >= 2);
    let (heading, text) = match last_dash {
        Some(d) if has_words && d > 0 && d + 1 < tokens.len() => {
            let brackets_after = tokens[d + 1..run]
                .iter()
                .take_while(|(_, t)| is_bracket(t))
                .count();
            if brackets_after == 1 && locator.is_none() && d + 2 < tokens.len() {
                // "SECTION 6 WORKER RIGHTS – [d] Although": the bracket after the heading's
                // dash is the passage's locator, as a bracket before a heading is.
                let bracket = tokens[d + 1].1;
                locator = Some(bracket[1..bracket.len() - 1].to_string());
                (
                    Some(rest[..tokens[d].0].trim_end().to_string()),
                    rest[tokens[d + 2].0..].to_string(),
                )
            } else if brackets_after > 0 && d + 1 + brackets_after < tokens.len() {
                let end = d + 1 + brackets_after;
                let cut = tokens[end].0;
                (Some(rest[..cut - 1].to_string()), rest[cut..].to_string())
            } else {
                let cut = tokens[d].0;
                (
                    Some(rest[..cut].trim_end().to_string()),
                    rest[tokens[d + 1].0..].to_string(),
                )
            }
        }
        _ => (None, rest.to_string()),
    };
    Excerpt {
        locator,
        heading,
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> (Option<String>, Option<String>, String) {
        let e = parse(s, None);
        (e.locator, e.heading, e.text)
    }

    #[test]
    fn every_shape_on_the_seed_page() {
        assert_eq!(
            p("[27] With regard to x."),
            (Some("27".into()), None, "With regard to x.".into())
        );
        assert_eq!(
            p("[B] COUNTRY UPDATES – PERU – Initiatives are also"),
            (
                Some("B".into()),
                Some("COUNTRY UPDATES – PERU".into()),
                "Initiatives are also".into()
            )
        );
        assert_eq!(
            p("SECTION 6 WORKER RIGHTS – [d] Although there were"),
            (
                Some("d".into()),
                Some("SECTION 6 WORKER RIGHTS".into()),
                "Although there were".into()
            )
        );
        assert_eq!(
            p("SEXUAL EXPLOITATION OF CHILDREN - The law prohibits"),
            (
                None,
                Some("SEXUAL EXPLOITATION OF CHILDREN".into()),
                "The law prohibits".into()
            )
        );
        assert_eq!(
            p("1. CHILD LABOR IN PERU - Children are"),
            (
                None,
                Some("1. CHILD LABOR IN PERU".into()),
                "Children are".into()
            )
        );
        assert_eq!(
            p("With its scenic location -- surrounded by"),
            (
                None,
                None,
                "With its scenic location -- surrounded by".into()
            )
        );
        assert_eq!(
            p("CSEC is a problem - still"),
            (None, None, "CSEC is a problem - still".into())
        );
        let e = parse("Reports indicate that", Some("page 959".into()));
        assert_eq!(
            (e.locator.as_deref(), e.heading, e.text.as_str()),
            (Some("page 959"), None, "Reports indicate that")
        );
    }

    #[test]
    fn lone_locators() {
        assert_eq!(lone_locator("[page 959]"), Some("page 959"));
        assert_eq!(lone_locator("[accessed 5 July 2011]"), None);
        assert_eq!(lone_locator("[27] With"), None);
    }
}
