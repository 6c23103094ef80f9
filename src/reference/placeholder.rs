//! Placeholders: the `TODO:` values `sourcebook new` and `sourcebook import` leave for a
//! person to fill in, which the validator reports until they are (rule SB706).

/// The mark that starts every placeholder (followed by what belongs there).
pub const MARK: &str = "TODO";

/// Whether a string is a placeholder: `TODO:` and what belongs there. The colon keeps text that
/// merely begins with the letters ("TODOS LOS NIÑOS") from counting.
pub fn is_placeholder(s: &str) -> bool {
    s.strip_prefix(MARK)
        .is_some_and(|rest| rest.starts_with(':'))
}

/// A placeholder asking for `what`.
pub fn placeholder(what: &str) -> String {
    format!("{MARK}: {what}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_placeholder_is_the_mark_and_a_colon() {
        assert!(is_placeholder(&placeholder("the title")));
        assert!(!is_placeholder("TODOS LOS NIÑOS"));
        assert!(!is_placeholder("todo: lower case is text"));
    }
}
