//! The words of schema diagnostics: each kind of schema error said in plain language, drawn
//! from the schema's own descriptions, at the key or value it concerns.

use jsonschema::ValidationError;
use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;

use super::codes;
use super::embedded;
use crate::diag::{Diagnostic, Label, Rule, plural};
use crate::json::{Pointer, Target};
use crate::layout::{FileName, Kind};
use crate::model::{PartialDate, parse_printed};
use crate::spelling;

/// What a value of a shared definition must be, for messages about patterns.
fn pattern_noun(def: &str) -> Option<&'static str> {
    Some(match def {
        "partial_date" => "an ISO 8601 date as precise as the source: YYYY, YYYY-MM or YYYY-MM-DD",
        "full_date" => "a full date written YYYY-MM-DD",
        "record_id" => {
            "an id: the lower-case country code, a hyphen, then lower-case words and digits joined by single hyphens"
        }
        "alpha2" => "an ISO 3166-1 alpha-2 code in two capital letters, such as \"PE\"",
        "slug" => "a slug of lower-case letters and digits joined by single hyphens",
        _ => return None,
    })
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn type_name(t: &str) -> &'static str {
    match t {
        "null" => "null",
        "boolean" => "a boolean (true or false)",
        "integer" => "a whole number",
        "number" => "a number",
        "string" => "a string",
        "array" => "an array",
        "object" => "an object",
        _ => "another type",
    }
}

/// A short rendering of a value for a message: strings quoted, long ones cut.
pub fn show(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        let cut: String = s.chars().take(57).collect();
        format!("{cut}…")
    } else {
        s
    }
}

/// The code a schema error is reported under, and how many findings it makes (an object with
/// unknown fields makes one per field), worked out without wording any of them.
pub(super) fn code_of(err: &ValidationError<'_>) -> (&'static Rule, usize) {
    match err.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            (&codes::UNKNOWN_FIELD, unexpected.len())
        }
        ValidationErrorKind::Required { .. } => (&codes::MISSING_FIELD, 1),
        ValidationErrorKind::Type { .. } => (&codes::WRONG_TYPE, 1),
        ValidationErrorKind::Enum { .. } | ValidationErrorKind::Constant { .. } => {
            (&codes::NOT_ALLOWED, 1)
        }
        ValidationErrorKind::Pattern { .. } | ValidationErrorKind::PropertyNames { .. } => {
            (&codes::PATTERN, 1)
        }
        ValidationErrorKind::Format { .. } => (&codes::FORMAT, 1),
        ValidationErrorKind::MinLength { .. }
        | ValidationErrorKind::MaxLength { .. }
        | ValidationErrorKind::MinItems { .. }
        | ValidationErrorKind::MaxItems { .. }
        | ValidationErrorKind::MinProperties { .. }
        | ValidationErrorKind::MaxProperties { .. }
        | ValidationErrorKind::Minimum { .. }
        | ValidationErrorKind::Maximum { .. }
        | ValidationErrorKind::ExclusiveMinimum { .. }
        | ValidationErrorKind::ExclusiveMaximum { .. } => (&codes::OUT_OF_BOUNDS, 1),
        ValidationErrorKind::UniqueItems => (&codes::REPEATED_ITEM, 1),
        _ => (&codes::OTHER, 1),
    }
}

/// The findings of one schema error, at most `limit` of them (an object can have thousands of
/// unknown fields), each with its priority among findings on the same value.
pub(super) fn to_diagnostics(
    display: &FileName,
    kind: Kind,
    root: &Value,
    err: &ValidationError<'_>,
    limit: usize,
) -> Vec<(u8, Diagnostic)> {
    // The validator's instance paths are escaped pointers already.
    let pointer = Pointer::from_escaped(err.instance_path().as_str()).unwrap_or_default();
    let field = pointer.field_path();
    let subject = if field.is_empty() {
        kind.noun().to_string()
    } else {
        format!("`{field}`")
    };
    let parent = keyword_parent(err);
    let found = show(err.instance());
    let at_value = |rule: &'static Rule, message: String| {
        Diagnostic::new(
            rule,
            message,
            Label::at_pointer(display, pointer.clone(), Target::Value),
        )
    };
    let (prio, diag) = match err.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let allowed: Vec<&str> = parent
                .and_then(|p| p.get("properties"))
                .and_then(Value::as_object)
                .map(|m| m.keys().map(String::as_str).collect())
                .unwrap_or_default();
            return unexpected
                .iter()
                .take(limit)
                .map(|key| {
                    let p = pointer.key(key);
                    let help = match spelling::closest(key, allowed.iter().copied()) {
                        Some(a) => format!("did you mean `{a}`?"),
                        None => format!("the fields allowed here are {}", list(&allowed, "`")),
                    };
                    let within = if field.is_empty() {
                        kind.noun().to_string()
                    } else {
                        format!("`{field}`")
                    };
                    (
                        0,
                        Diagnostic::new(
                            &codes::UNKNOWN_FIELD,
                            format!("unknown field `{key}` in {within}"),
                            Label::at_pointer(display, p, Target::Key),
                        )
                        .with_help(help),
                    )
                })
                .collect();
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let what = parent
                .and_then(|p| p.get("properties"))
                .and_then(|p| p.get(name))
                .and_then(super::docs::description);
            let mut d = Diagnostic::new(
                &codes::MISSING_FIELD,
                format!("{subject} is missing the required field `{name}`"),
                Label::at_pointer(display, pointer.clone(), Target::Opening),
            );
            if let Some(what) = what {
                d = d.with_help(format!("add `{name}`: {what}"));
            }
            (0, d)
        }
        ValidationErrorKind::Type { kind: t } => {
            let expected = match t {
                TypeKind::Single(t) => type_name(&t.to_string()).to_string(),
                TypeKind::Multiple(set) => {
                    let names: Vec<&str> = set.iter().map(|t| type_name(&t.to_string())).collect();
                    names.join(" or ")
                }
            };
            (
                1,
                at_value(
                    &codes::WRONG_TYPE,
                    format!(
                        "{subject} must be {expected}, not {}",
                        json_type(err.instance())
                    ),
                ),
            )
        }
        ValidationErrorKind::Enum { options } => {
            let opts: Vec<String> = options
                .as_array()
                .map(|a| a.iter().map(|v| v.to_string()).collect())
                .unwrap_or_default();
            let opts: Vec<&str> = opts.iter().map(String::as_str).collect();
            let d = at_value(
                &codes::NOT_ALLOWED,
                format!("{subject} must be one of {}, not {found}", list(&opts, "")),
            );
            let d = match err
                .instance()
                .as_str()
                .and_then(|v| closest(v, &options_of(options)))
            {
                Some(near) => d.with_help(format!("did you mean {}?", show(&Value::from(near)))),
                None => d,
            };
            (2, d)
        }
        ValidationErrorKind::Constant { expected_value } => (
            2,
            at_value(
                &codes::NOT_ALLOWED,
                format!("{subject} must be {expected_value}, not {found}"),
            ),
        ),
        ValidationErrorKind::Pattern { .. } => {
            let def = defined_as(err);
            let d = match def.and_then(pattern_noun) {
                Some(noun) => {
                    let d = at_value(
                        &codes::PATTERN,
                        format!("{subject} must be {noun}, not {found}"),
                    );
                    let path = err.instance_path().as_str();
                    match def.and_then(|def| date_hint(def, root, path, err.instance())) {
                        Some(hint) => d.with_help(hint),
                        None => d,
                    }
                }
                None => {
                    let d = at_value(
                        &codes::PATTERN,
                        format!("{subject} does not have the required form: {found}"),
                    );
                    match parent.and_then(super::docs::description) {
                        Some(what) => d.with_help(format!("expected {}", lower_first(what))),
                        None => d,
                    }
                }
            };
            (3, d)
        }
        ValidationErrorKind::Format { format } => {
            let what = match format.as_str() {
                "date" => "a real calendar date (YYYY-MM-DD)",
                _ => "a valid value of its format",
            };
            (
                4,
                at_value(&codes::FORMAT, format!("{subject} is not {what}: {found}")),
            )
        }
        ValidationErrorKind::MinLength { limit } if *limit == 1 => (
            5,
            at_value(
                &codes::OUT_OF_BOUNDS,
                format!("{subject} must not be empty"),
            )
            .with_help("remove an optional field that has nothing to say"),
        ),
        ValidationErrorKind::MinLength { limit } => (
            5,
            at_value(
                &codes::OUT_OF_BOUNDS,
                format!("{subject} must be at least {limit} characters long"),
            ),
        ),
        ValidationErrorKind::MaxLength { limit } => (
            5,
            at_value(
                &codes::OUT_OF_BOUNDS,
                format!("{subject} must be at most {limit} characters long"),
            ),
        ),
        ValidationErrorKind::MinItems { limit } => (
            5,
            at_value(
                &codes::OUT_OF_BOUNDS,
                format!(
                    "{subject} must hold at least {limit} item{}",
                    plural(*limit)
                ),
            )
            .with_help("remove an optional list that has nothing in it"),
        ),
        ValidationErrorKind::MaxItems { limit } => (
            5,
            at_value(
                &codes::OUT_OF_BOUNDS,
                format!("{subject} must hold at most {limit} item{}", plural(*limit)),
            ),
        ),
        ValidationErrorKind::MinProperties { limit } => (
            5,
            at_value(
                &codes::OUT_OF_BOUNDS,
                format!(
                    "{subject} must have at least {limit} field{}",
                    plural(*limit)
                ),
            )
            .with_help("remove an optional object that has nothing in it"),
        ),
        ValidationErrorKind::MaxProperties { limit } => (
            5,
            at_value(
                &codes::OUT_OF_BOUNDS,
                format!(
                    "{subject} must have at most {limit} field{}",
                    plural(*limit)
                ),
            ),
        ),
        ValidationErrorKind::Minimum { limit } => (
            5,
            at_value(
                &codes::OUT_OF_BOUNDS,
                format!("{subject} must be at least {limit}, not {found}"),
            ),
        ),
        ValidationErrorKind::Maximum { limit } => (
            5,
            at_value(
                &codes::OUT_OF_BOUNDS,
                format!("{subject} must be at most {limit}, not {found}"),
            ),
        ),
        ValidationErrorKind::ExclusiveMinimum { limit } => (
            5,
            at_value(
                &codes::OUT_OF_BOUNDS,
                format!("{subject} must be greater than {limit}, not {found}"),
            ),
        ),
        ValidationErrorKind::ExclusiveMaximum { limit } => (
            5,
            at_value(
                &codes::OUT_OF_BOUNDS,
                format!("{subject} must be less than {limit}, not {found}"),
            ),
        ),
        ValidationErrorKind::PropertyNames { error } => {
            let key = error.instance().as_str().unwrap_or_default().to_string();
            let p = pointer.key(&key);
            let what = parent
                .and_then(super::docs::description)
                .map(|d| format!(": {}", lower_first(d)))
                .unwrap_or_default();
            return vec![(
                3,
                Diagnostic::new(
                    &codes::PATTERN,
                    format!("`{key}` is not an allowed key in {subject}{what}"),
                    Label::at_pointer(display, p, Target::Key),
                ),
            )];
        }
        ValidationErrorKind::UniqueItems => (
            6,
            at_value(
                &codes::REPEATED_ITEM,
                format!("{subject} holds the same item twice"),
            ),
        ),
        _ => (7, at_value(&codes::OTHER, format!("{subject}: {err}"))),
    };
    vec![(prio, diag)]
}

/// What a date that is not in ISO form should be, when the tool can tell: the value itself
/// read as a printed date ("March 2015"), or else, for a publication date, the `as_printed`
/// beside it.
fn date_hint(def: &str, root: &Value, path: &str, value: &Value) -> Option<String> {
    let fits = |d: &PartialDate| def == "partial_date" || d.day.is_some();
    if let Some(text) = value.as_str()
        && let Some(d) = parse_printed(text).filter(fits)
    {
        return Some(format!("write \"{d}\", which is {text:?} in ISO form"));
    }
    if def != "partial_date" {
        return None;
    }
    let parent = path.rsplit_once('/').map_or("", |(p, _)| p);
    let printed = root.pointer(&format!("{parent}/as_printed"))?.as_str()?;
    let d = parse_printed(printed)?;
    Some(format!(
        "write \"{d}\", the date `as_printed` gives ({printed:?}), at the precision it is printed with"
    ))
}

/// The allowed value `found` most likely meant: the same but for case and separators, or a
/// near spelling.
fn closest<'o>(found: &str, options: &[&'o str]) -> Option<&'o str> {
    fn norm(s: &str) -> String {
        s.trim()
            .chars()
            .map(|c| match c {
                ' ' | '-' => '_',
                c => c.to_ascii_lowercase(),
            })
            .collect()
    }
    let f = norm(found);
    if let Some(same) = options.iter().find(|o| norm(o) == f) {
        return Some(same);
    }
    spelling::closest(found, options.iter().copied())
}

/// The string options of an `enum`.
fn options_of(options: &Value) -> Vec<&str> {
    options
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// Lower-case the first letter of a description to continue a sentence, unless the first word
/// is an acronym ("ISO 8601 ...").
fn lower_first(s: &str) -> String {
    let first_word = s.split_whitespace().next().unwrap_or_default();
    let acronym = first_word.chars().filter(|c| c.is_alphabetic()).count() > 1
        && first_word.chars().all(|c| !c.is_lowercase());
    let mut c = s.chars();
    match c.next() {
        Some(f) if !acronym => f.to_lowercase().chain(c).collect(),
        _ => s.to_string(),
    }
}

/// `a`, `b` or `c` with the given quote mark.
fn list(items: &[&str], quote: &str) -> String {
    let q: Vec<String> = items.iter().map(|i| format!("{quote}{i}{quote}")).collect();
    match q.len() {
        0 => String::new(),
        1 => q[0].clone(),
        n => format!("{} or {}", q[..n - 1].join(", "), q[n - 1]),
    }
}

/// The schema object holding the keyword an error came from (so its siblings: `properties`,
/// `description`), found by the error's absolute keyword location among the embedded schemas.
fn keyword_parent<'a>(err: &ValidationError<'_>) -> Option<&'a Value> {
    let uri = err.absolute_keyword_location()?.as_str();
    let (base, fragment) = uri.split_once('#')?;
    let doc = Kind::ALL
        .iter()
        .map(|k| embedded::of(*k))
        .chain(std::iter::once(embedded::defs()))
        .find(|s| embedded::id_of(s) == base)?;
    let fragment = percent_decode(fragment);
    let parent = fragment.rsplit_once('/').map_or("", |(p, _)| p);
    doc.pointer(parent)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The name of the shared definition an error's keyword sits in (`partial_date`), if any.
fn defined_as<'e>(err: &'e ValidationError<'_>) -> Option<&'e str> {
    let uri = err.absolute_keyword_location()?.as_str();
    let (_, fragment) = uri
        .split_once("#/$defs/")
        .or_else(|| uri.split_once("#/%24defs/"))?;
    fragment.split('/').next()
}
