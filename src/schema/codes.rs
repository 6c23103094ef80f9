//! The schema faults' codes and documentation (SB2xx): a file's content does not have the
//! shape its JSON Schema describes. One code per kind of mismatch, so each can be configured on
//! its own.

use crate::diag::{Group, Rule, Severity};
use crate::layout::Kind;

/// Every schema fault, in code order.
pub static CODES: &[&Rule] = &[
    &UNKNOWN_FIELD,
    &MISSING_FIELD,
    &WRONG_TYPE,
    &NOT_ALLOWED,
    &PATTERN,
    &FORMAT,
    &OUT_OF_BOUNDS,
    &REPEATED_ITEM,
    &OTHER,
];

pub static UNKNOWN_FIELD: Rule = Rule {
    code: "SB201",
    name: "unknown-field",
    group: Group::Schema,
    severity: Severity::Error,
    summary: "An object has a field its schema does not define.",
    why: "Every object in the dataset is closed: a misspelt field (`publised`) would otherwise be \
          kept, ignored by every tool, and the fact it was meant to hold lost.",
    fails: "{\n  \"publised\": {\"date\": \"2004-03-16\"}\n}",
    passes: "{\n  \"published\": {\"date\": \"2004-03-16\"}\n}",
    fix: "Rename the field to the one the schema defines (the help suggests the closest), or \
          remove it. The field reference in README.md lists every field.",
    example: Some(Kind::Record),
};

pub static MISSING_FIELD: Rule = Rule {
    code: "SB202",
    name: "missing-field",
    group: Group::Schema,
    severity: Severity::Error,
    summary: "An object lacks a required field.",
    why: "Required fields are what make a record usable: an id to cite it by, a country, topics, \
          a title and its rights.",
    fails: "{\n  \"id\": \"pe-nd-child-labor-peru\",\n  \"country\": \"PE\"\n}",
    passes: "{\n  \"id\": \"pe-nd-child-labor-peru\",\n  \"country\": \"PE\",\n  \"topics\": [\"csec\"],\n  \"title\": \"Child Labor in Peru\",\n  \"rights\": {\"status\": \"public_domain\", \"basis\": \"us_government_work\", \"quoted_words\": 95}\n}",
    fix: "Add the field. The diagnostic points at the object that lacks it.",
    example: None,
};

pub static WRONG_TYPE: Rule = Rule {
    code: "SB203",
    name: "wrong-type",
    group: Group::Schema,
    severity: Severity::Error,
    summary: "A value has the wrong JSON type.",
    why: "Consumers read fields by type: a list of topics given as one string, or a word count \
          given as text, breaks every script that reads the release.",
    fails: "{\n  \"topics\": \"csec\"\n}",
    passes: "{\n  \"topics\": [\"csec\"]\n}",
    fix: "Give the value the type the message names.",
    example: Some(Kind::Record),
};

pub static NOT_ALLOWED: Rule = Rule {
    code: "SB204",
    name: "value-not-allowed",
    group: Group::Schema,
    severity: Severity::Error,
    summary: "A value is not one of the values its field allows.",
    why: "Fields such as a rights status, a page section or a document format take a fixed \
          vocabulary, so that filtering and counting by them works.",
    fails: "{\n  \"format\": \"PDF\"\n}",
    passes: "{\n  \"format\": \"pdf\"\n}",
    fix: "Use one of the values the message lists.",
    example: Some(Kind::Record),
};

pub static PATTERN: Rule = Rule {
    code: "SB205",
    name: "pattern-mismatch",
    group: Group::Schema,
    severity: Severity::Error,
    summary: "A string does not have the shape its field requires (a date, an id, a code).",
    why: "Dates, ids and country codes are compared and sorted by machines; \"16 March 2004\" in a \
          date field cannot be. The date as printed has a field of its own.",
    fails: "{\n  \"published\": {\"date\": \"16 March 2004\"}\n}",
    passes: "{\n  \"published\": {\"date\": \"2004-03-16\", \"as_printed\": \"16 March 2004\"}\n}",
    fix: "Write the value in the shape the message describes.",
    example: Some(Kind::Record),
};

pub static FORMAT: Rule = Rule {
    code: "SB206",
    name: "invalid-format",
    group: Group::Schema,
    severity: Severity::Error,
    summary: "A value is not a valid instance of its format (a full calendar date).",
    why: "An accessed date of 2011-02-30 cannot be used by a citation manager or sorted with the \
          others. (Addresses are checked by SB601, with a message for each fault.)",
    fails: "{\n  \"accessed\": [\"2011-02-30\"]\n}",
    passes: "{\n  \"accessed\": [\"2011-02-28\"]\n}",
    fix: "Correct the value.",
    example: Some(Kind::Record),
};

pub static OUT_OF_BOUNDS: Rule = Rule {
    code: "SB207",
    name: "out-of-bounds",
    group: Group::Schema,
    severity: Severity::Error,
    summary: "A value is too small, too large, too short or too long, or a list or object has too few items.",
    why: "Empty strings and empty lists say nothing and are left out instead; counts cannot be negative.",
    fails: "{\n  \"title\": \"\",\n  \"topics\": []\n}",
    passes: "{\n  \"title\": \"Child Labor in Peru\",\n  \"topics\": [\"csec\"]\n}",
    fix: "Give a value within the bounds, or remove an optional field that has nothing to say.",
    example: Some(Kind::Record),
};

pub static REPEATED_ITEM: Rule = Rule {
    code: "SB208",
    name: "repeated-item",
    group: Group::Schema,
    severity: Severity::Error,
    summary: "A list that must hold distinct items holds one twice.",
    why: "A topic or an accessed date listed twice is a copy-and-paste slip that inflates counts.",
    fails: "{\n  \"topics\": [\"csec\", \"csec\"]\n}",
    passes: "{\n  \"topics\": [\"csec\"]\n}",
    fix: "Remove the repeat.",
    example: Some(Kind::Record),
};

pub static OTHER: Rule = Rule {
    code: "SB209",
    name: "schema-mismatch",
    group: Group::Schema,
    severity: Severity::Error,
    summary: "A value does not match its schema in some other way.",
    why: "Catches schema constraints that have no code of their own, so that no mismatch passes silently.",
    fails: "(depends on the constraint)",
    passes: "(depends on the constraint)",
    fix: "Read the message, and the field's description in the schema.",
    example: None,
};
