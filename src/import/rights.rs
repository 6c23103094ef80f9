//! Who holds the rights in works of known publishers, as the dataset's maintainers have
//! established them (the foundation issue): works of the U.S. federal government are in the
//! public domain; the UN's, ECPAT's, EFE's and Catholic News Service's are copyrighted and
//! quoted under fair use. Any other publisher's work needs a person to decide.

use crate::model::{Organisation, Rights, RightsStatus};

/// What is known of a publisher's works.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Known {
    pub status: RightsStatus,
    pub holder: Option<String>,
}

/// The rights of a work quoting `quoted_words` words: what is known of its publisher's works,
/// with the basis their status needs, or unknown.
pub fn rights(known: Option<&Known>, quoted_words: u64) -> Rights {
    Rights {
        status: known.map_or(RightsStatus::Unknown, |k| k.status),
        holder: known.and_then(|k| k.holder.clone()),
        basis: known.map(|k| k.status.basis()),
        licence: None,
        quoted_words,
    }
}

fn us_government(name: &str) -> bool {
    let n = name
        .trim_start_matches("U.S.")
        .trim_start_matches("US")
        .trim_start();
    let federal = ["Dept of ", "Department of "]
        .iter()
        .any(|p| n.starts_with(p))
        || matches!(n, "State Dept" | "State Department")
            && (name.starts_with("U.S.") || name.starts_with("US "));
    federal
        || matches!(
            name,
            "U.S.C.I.A."
                | "CIA"
                | "Central Intelligence Agency"
                | "U.S. Central Intelligence Agency"
        )
}

/// The rights in a work of `publisher`, if known.
pub fn known(publisher: &Organisation) -> Option<Known> {
    let name = publisher.name.as_str();
    if us_government(name) {
        return Some(Known {
            status: RightsStatus::PublicDomain,
            holder: None,
        });
    }
    let copyrighted = |holder: &str| {
        Some(Known {
            status: RightsStatus::Copyrighted,
            holder: Some(holder.to_string()),
        })
    };
    if name.starts_with("UN ") || name.starts_with("United Nations") {
        return copyrighted("United Nations");
    }
    match name {
        "ECPAT International" | "EFE News Service" | "Catholic News Service" => copyrighted(name),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(n: &str) -> Organisation {
        Organisation {
            name: n.into(),
            units: None,
            abbreviation: None,
        }
    }

    #[test]
    fn government_un_ngo_and_unknown() {
        for n in [
            "U.S. Dept of State",
            "US Dept of Labor",
            "U.S. Department of Labor",
            "U.S.C.I.A.",
            "U.S. State Dept",
        ] {
            assert_eq!(
                known(&org(n)).unwrap().status,
                RightsStatus::PublicDomain,
                "{n}"
            );
        }
        assert_eq!(
            known(&org("UN Economic and Social Council"))
                .unwrap()
                .holder
                .as_deref(),
            Some("United Nations")
        );
        assert_eq!(
            known(&org("EFE News Service")).unwrap().holder.as_deref(),
            Some("EFE News Service")
        );
        assert!(known(&org("Usborne Publishing")).is_none());
        assert!(known(&org("Some Newspaper")).is_none());
    }
}
