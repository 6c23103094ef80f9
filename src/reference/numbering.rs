//! Phone numbering plans: each region's calling code, national prefix, and the patterns its
//! valid numbers match, from libphonenumber's metadata (`numbering_data.rs`, generated from the
//! `phonenumber` crate's copy by `tests/numbering.rs`, which also checks this module agrees
//! with that crate on every example number). Only the patterns of a region that is asked
//! about are compiled, so checking a dataset costs nothing for the regions it never names.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use regex::Regex;

pub use super::numbering_data::{LIBPHONENUMBER_VERSION, REGIONS};
pub use super::plan::{Desc, Region};

/// Printed numbers of this many digits or fewer are short codes, dialled as printed inside
/// the country; they have no E.164 form.
pub const SHORT_CODE_DIGITS: usize = 6;

/// The digits of a printed number.
pub fn digits(printed: &str) -> String {
    printed.chars().filter(char::is_ascii_digit).collect()
}

/// Whether a printed number is a short code.
pub fn is_short_code(printed: &str) -> bool {
    digits(printed).len() <= SHORT_CODE_DIGITS
}

pub fn region(id: &str) -> Option<&'static Region> {
    REGIONS
        .binary_search_by(|r| r.id.cmp(id))
        .ok()
        .map(|i| &REGIONS[i])
}

struct Compiled {
    general: Regex,
    types: Vec<Regex>,
}

fn anchored(pattern: &str) -> Regex {
    Regex::new(&format!("^(?:{pattern})")).expect("libphonenumber patterns compile (tested)")
}

static COMPILED: LazyLock<Mutex<HashMap<&'static str, &'static Compiled>>> =
    LazyLock::new(Mutex::default);

fn compiled(r: &'static Region) -> &'static Compiled {
    let mut cache = COMPILED.lock().unwrap_or_else(|e| e.into_inner());
    cache.entry(r.id).or_insert_with(|| {
        // Leaked once per region a dataset names: a few hundred bytes of compiled patterns.
        Box::leak(Box::new(Compiled {
            general: anchored(r.general.pattern),
            types: r.types.iter().map(|d| anchored(d.pattern)).collect(),
        }))
    })
}

/// As libphonenumber's Rust port matches a descriptor: the length must be a possible one,
/// and the pattern must match from the first digit.
fn matches(desc: &Desc, re: &Regex, national: &str) -> bool {
    (desc.lengths.is_empty() || desc.lengths.contains(&(national.len() as u16)))
        && re.is_match(national)
}

/// Whether a national significant number is a valid number of the region: it matches the
/// general pattern and the pattern of some number type.
pub fn valid_national(r: &'static Region, national: &str) -> bool {
    let c = compiled(r);
    matches(&r.general, &c.general, national)
        && r.types
            .iter()
            .zip(&c.types)
            .any(|(d, re)| matches(d, re, national))
}

/// Whether `e164` (`+` and digits) is a valid number of region `id`.
pub fn valid_e164(id: &str, e164: &str) -> bool {
    national_part(id, e164).is_some()
}

/// The national significant number of `e164` when it is a valid number of region `id`: what
/// follows `+` and the region's calling code.
pub fn national_part<'a>(id: &str, e164: &'a str) -> Option<&'a str> {
    let r = region(id)?;
    let national = e164
        .strip_prefix('+')?
        .strip_prefix(&r.calling_code.to_string())?;
    (!national.is_empty()
        && national.bytes().all(|b| b.is_ascii_digit())
        && valid_national(r, national))
    .then_some(national)
}

/// The E.164 form of a number printed for dialling inside region `id` ("01518 0000" in Peru is
/// "+5115180000"), when it is a valid number there.
pub fn to_e164(id: &str, printed: &str) -> Option<String> {
    let r = region(id)?;
    let digits = digits(printed);
    let candidates = [
        r.national_prefix.and_then(|p| digits.strip_prefix(p)),
        Some(digits.as_str()),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|n| !n.is_empty() && valid_national(r, n))
        .map(|n| format!("+{}{n}", r.calling_code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peru() {
        let pe = region("PE").unwrap();
        assert_eq!((pe.calling_code, pe.national_prefix), (51, Some("0")));
        assert!(valid_e164("PE", "+5115180000"));
        assert!(!valid_e164("PE", "+51151800"));
        assert!(!valid_e164("CL", "+5115180000"));
        assert_eq!(to_e164("PE", "01518 0000").as_deref(), Some("+5115180000"));
        assert_eq!(to_e164("PE", "1818"), None);
    }

    #[test]
    fn the_table_is_sorted_for_lookup() {
        assert!(REGIONS.windows(2).all(|w| w[0].id < w[1].id));
        assert!(REGIONS.len() > 200);
    }
}
