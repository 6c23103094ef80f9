//! The dataset rules (SB3xx-SB9xx): the checks that read a file's content, or the index of
//! every file, and what they report. One file per rule holds its code and documentation (a
//! [`Rule`]), its check and its tests; [`RULES`] registers each with the kind of check it is.
//! Rules import only what lies below them (`diag`, `json`, `layout`, `model`, `reference`)
//! and this module's [`context`] and [`strings`].

pub mod context;
pub mod countries;
pub mod dates;
pub mod identity;
pub mod links;
pub mod privacy;
pub mod rights;
pub mod strings;
pub mod text;

use crate::diag::{Diagnostic, Rule};
use context::{FileCtx, Index};
use strings::{JsonPath, Text};

/// A rule that looks at one string of a file: where it is, and the string with its byte classes.
pub type TextCheck = fn(&FileCtx<'_>, &JsonPath<'_, '_>, &Text<'_>, &mut Vec<Diagnostic>);

/// How a rule looks at the dataset.
#[derive(Clone, Copy)]
pub enum Check {
    /// One file at a time, with the dataset's metadata for context.
    File(fn(&FileCtx<'_>, &mut Vec<Diagnostic>)),
    /// Each string of a file, in one walk shared by every such rule.
    Text(TextCheck),
    /// Across files, through the compact index.
    Index(fn(&Index<'_>, &mut Vec<Diagnostic>)),
}

/// A rule and its check.
#[derive(Clone, Copy)]
pub struct Registered {
    pub rule: &'static Rule,
    pub check: Check,
}

const fn on_file(rule: &'static Rule, f: fn(&FileCtx<'_>, &mut Vec<Diagnostic>)) -> Registered {
    Registered {
        rule,
        check: Check::File(f),
    }
}

const fn on_strings(rule: &'static Rule, f: TextCheck) -> Registered {
    Registered {
        rule,
        check: Check::Text(f),
    }
}

const fn on_index(rule: &'static Rule, f: fn(&Index<'_>, &mut Vec<Diagnostic>)) -> Registered {
    Registered {
        rule,
        check: Check::Index(f),
    }
}

/// Every dataset rule, in code order.
pub static RULES: &[Registered] = &[
    on_file(&dates::impossible_date::RULE, dates::impossible_date::check),
    on_file(
        &dates::accessed_before_published::RULE,
        dates::accessed_before_published::check,
    ),
    on_file(&dates::future_date::RULE, dates::future_date::check),
    on_file(
        &dates::outside_coverage::RULE,
        dates::outside_coverage::check,
    ),
    on_file(
        &dates::printed_date_mismatch::RULE,
        dates::printed_date_mismatch::check,
    ),
    on_file(
        &dates::unrecognised_printed_date::RULE,
        dates::unrecognised_printed_date::check,
    ),
    on_file(&rights::rights_basis::RULE, rights::rights_basis::check),
    on_file(&rights::rights_holder::RULE, rights::rights_holder::check),
    on_file(
        &rights::invalid_licence::RULE,
        rights::invalid_licence::check,
    ),
    on_file(
        &rights::quote_over_limit::RULE,
        rights::quote_over_limit::check,
    ),
    on_file(
        &rights::word_count_mismatch::RULE,
        rights::word_count_mismatch::check,
    ),
    on_file(
        &rights::unattributed_excerpt::RULE,
        rights::unattributed_excerpt::check,
    ),
    on_file(&rights::unknown_rights::RULE, rights::unknown_rights::check),
    on_file(
        &identity::id_country_prefix::RULE,
        identity::id_country_prefix::check,
    ),
    on_file(&identity::id_file_name::RULE, identity::id_file_name::check),
    on_file(
        &identity::wrong_directory::RULE,
        identity::wrong_directory::check,
    ),
    on_index(&identity::duplicate_id::RULE, identity::duplicate_id::check),
    on_index(
        &identity::duplicate_source::RULE,
        identity::duplicate_source::check,
    ),
    on_file(
        &identity::unknown_topic::RULE,
        identity::unknown_topic::check,
    ),
    on_file(
        &identity::duplicate_topic::RULE,
        identity::duplicate_topic::check,
    ),
    on_index(
        &identity::placement_conflict::RULE,
        identity::placement_conflict::check,
    ),
    on_file(
        &identity::unknown_rule_code::RULE,
        identity::unknown_rule_code::check,
    ),
    on_file(&links::invalid_url::RULE, links::invalid_url::check),
    on_file(&links::not_an_archive::RULE, links::not_an_archive::check),
    on_file(&links::plain_http::RULE, links::plain_http::check),
    on_strings(&text::not_nfc::RULE, text::not_nfc::check),
    on_strings(&text::hidden_character::RULE, text::hidden_character::check),
    on_strings(
        &text::surrounding_whitespace::RULE,
        text::surrounding_whitespace::check,
    ),
    on_strings(&text::blank_text::RULE, text::blank_text::check),
    on_strings(&text::html_markup::RULE, text::html_markup::check),
    on_strings(&text::placeholder::RULE, text::placeholder::check),
    on_file(
        &countries::unknown_country::RULE,
        countries::unknown_country::check,
    ),
    on_file(
        &countries::country_codes_disagree::RULE,
        countries::country_codes_disagree::check,
    ),
    on_file(
        &countries::invalid_phone_number::RULE,
        countries::invalid_phone_number::check,
    ),
    on_file(
        &countries::calling_code_mismatch::RULE,
        countries::calling_code_mismatch::check,
    ),
    on_file(&privacy::email_in_text::RULE, privacy::email_in_text::check),
    on_file(&privacy::phone_in_text::RULE, privacy::phone_in_text::check),
];
