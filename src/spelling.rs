//! Which of a set of names a mistyped one most likely meant: one measure and one threshold for
//! every "did you mean" the tool says (field names, allowed values, topics, directories).

/// The option closest to `wanted` by Damerau-Levenshtein distance, ignoring case, if it is
/// within 2 edits or a third of the option's length, whichever is more; ties go to the first
/// in name order.
pub fn closest<'o>(wanted: &str, options: impl IntoIterator<Item = &'o str>) -> Option<&'o str> {
    let wanted = wanted.to_lowercase();
    options
        .into_iter()
        .map(|o| (strsim::damerau_levenshtein(&wanted, &o.to_lowercase()), o))
        .filter(|(d, o)| *d <= 2.max(o.len() / 3))
        .min()
        .map(|(_, o)| o)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn near_names_are_found_and_far_ones_are_not() {
        let topics = ["csec", "human-trafficking", "street-children"];
        assert_eq!(closest("cesc", topics), Some("csec"));
        assert_eq!(closest("Street-Childern", topics), Some("street-children"));
        assert_eq!(closest("weather", topics), None);
        assert_eq!(closest("datset", ["dataset", "docs"]), Some("dataset"));
        assert_eq!(closest("x", std::iter::empty()), None);
    }
}
