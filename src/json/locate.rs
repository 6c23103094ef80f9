//! The way back from a JSON pointer to the exact bytes of a file it names.

use std::ops::Range;

use jsonc_parser::ast;
use jsonc_parser::common::Ranged;

use super::parse::{jsonc_ast, name_range};
use super::pointer::Pointer;

/// Which part of the thing a pointer names a diagnostic should underline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// The value itself.
    Value,
    /// The key naming the value (for an unexpected field).
    Key,
    /// The opening of the object or array (for something missing from it): its key when it
    /// has one, else its opening bracket.
    Opening,
}

/// A file's text parsed once for finding where pointers lead: for files with findings, which
/// may have many labels.
pub struct Tree<'a>(Option<ast::Value<'a>>);

impl<'a> Tree<'a> {
    pub fn new(text: &'a str) -> Self {
        // Finding where a pointer leads needs the tree only; whether the text is strictly
        // JSON was settled when the file was parsed.
        Tree(jsonc_ast(text).ok().flatten())
    }

    /// The bytes that `pointer` and `target` name; the deepest ancestor that exists when the
    /// pointer leads nowhere, and nothing (0..0) when the text does not parse.
    pub fn locate(&self, pointer: &Pointer, target: Target) -> Range<usize> {
        let Some(root) = &self.0 else { return 0..0 };
        let mut value = root;
        let mut key: Option<Range<usize>> = None;
        for token in pointer.tokens() {
            let next = match value {
                ast::Value::Object(o) => o
                    .properties
                    .iter()
                    .rev() // the last of duplicate keys is the one consumers see
                    .find(|p| p.name.as_str() == token.as_ref())
                    .map(|p| (Some(name_range(&p.name)), &p.value)),
                ast::Value::Array(a) => token
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| a.elements.get(i))
                    .map(|e| (None, e)),
                _ => None,
            };
            match next {
                Some((k, v)) => {
                    key = k;
                    value = v;
                }
                None => break,
            }
        }
        let r = value.range();
        match target {
            Target::Value => r.start..r.end,
            Target::Key => key.unwrap_or(r.start..r.end),
            Target::Opening => key.unwrap_or(r.start..r.start + 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_keys_values_and_openings() {
        let text = r#"{"a": {"b": [10, "x~/y"]}, "c~/": 1}"#;
        let tree = Tree::new(text);
        let at = |p: &'static str, t| &text[tree.locate(&Pointer::lit(p), t)];
        assert_eq!(at("/a/b/1", Target::Value), "\"x~/y\"");
        assert_eq!(at("/a/b", Target::Key), "\"b\"");
        assert_eq!(at("/a", Target::Opening), "\"a\"");
        assert_eq!(at("", Target::Opening), "{");
        assert_eq!(at("/c~0~1", Target::Value), "1");
        // A missing member falls back to the deepest ancestor that exists.
        assert_eq!(at("/a/zz", Target::Value), r#"{"b": [10, "x~/y"]}"#);
    }
}
