//! The loading faults' codes and documentation (SB1xx): what can be wrong with a file before
//! its content is looked at. The loader raises them.

use crate::diag::{Group, Rule, Severity};

/// Every loading fault, in code order.
pub static CODES: &[&Rule] = &[
    &INVALID_JSON,
    &DUPLICATE_KEY,
    &EMPTY_FILE,
    &BYTE_ORDER_MARK,
    &INVALID_UTF8,
    &UNEXPECTED_FILE,
    &UNREADABLE,
    &SYMLINK,
    &TOO_LARGE,
    &TOO_DEEP,
    &MISSING_FILE,
];

pub static INVALID_JSON: Rule = Rule {
    code: "SB101",
    name: "invalid-json",
    group: Group::Load,
    severity: Severity::Error,
    summary: "The file is not strict JSON.",
    why: "Every tool that reads the dataset (pandas, DuckDB, citation managers) expects RFC 8259 \
          JSON. Comments, trailing commas, single quotes and other JSON5 extensions are rejected so \
          that what passes here parses everywhere.",
    fails: "{\n  \"title\": \"Child Labor in Peru\",\n}",
    passes: "{\n  \"title\": \"Child Labor in Peru\"\n}",
    fix: "Correct the syntax at the position shown. A trailing comma or a missing comma between \
          two fields is the usual cause.",
    example: None,
};

pub static DUPLICATE_KEY: Rule = Rule {
    code: "SB102",
    name: "duplicate-key",
    group: Group::Load,
    severity: Severity::Error,
    summary: "An object holds the same key twice.",
    why: "JSON parsers disagree about duplicate keys: most silently keep the last, some the first, \
          some fail. A reviewer reading the first value may approve a record whose consumers see \
          the second.",
    fails: "{\n  \"title\": \"Five Years After Stockholm\",\n  \"title\": \"Five Years After Stockholm [PDF]\"\n}",
    passes: "{\n  \"title\": \"Five Years After Stockholm\"\n}",
    fix: "Keep one of the two entries. The diagnostic points at the repeat and labels the first.",
    example: None,
};

pub static EMPTY_FILE: Rule = Rule {
    code: "SB103",
    name: "empty-file",
    group: Group::Load,
    severity: Severity::Error,
    summary: "The file is empty or holds only whitespace.",
    why: "An empty file is usually a failed save or an unfinished scaffold; it holds no record.",
    fails: "",
    passes: "{\n  \"id\": \"pe-nd-child-labor-peru\"\n}",
    fix: "Fill the file in (`sourcebook new record` writes a skeleton) or delete it.",
    example: None,
};

pub static BYTE_ORDER_MARK: Rule = Rule {
    code: "SB104",
    name: "byte-order-mark",
    group: Group::Load,
    severity: Severity::Error,
    summary: "The file starts with a UTF-8 byte-order mark.",
    why: "RFC 8259 forbids a byte-order mark in JSON text; several parsers (Python's `json`, jq) \
          reject the file. Some Windows editors add one silently.",
    fails: "\u{feff}{\n  \"code\": \"PE\"\n}",
    passes: "{\n  \"code\": \"PE\"\n}",
    fix: "Save the file as UTF-8 without BOM (`sourcebook fmt` removes it).",
    example: None,
};

pub static INVALID_UTF8: Rule = Rule {
    code: "SB105",
    name: "invalid-utf8",
    group: Group::Load,
    severity: Severity::Error,
    summary: "The file is not valid UTF-8.",
    why: "JSON text exchanged between systems must be UTF-8. Bytes from another encoding \
          (Windows-1252, Latin-1) turn accented names and typographic quotes into garbage for \
          every reader.",
    fails: "{\"name\": \"Per\\xfa\"}   (the byte 0xFA, Latin-1 for ú)",
    passes: "{\"name\": \"Perú\"}",
    fix: "Re-save the file as UTF-8. The diagnostic points at the first invalid byte.",
    example: None,
};

pub static UNEXPECTED_FILE: Rule = Rule {
    code: "SB106",
    name: "unexpected-file",
    group: Group::Load,
    severity: Severity::Error,
    summary: "A file is not `.json` or sits where no file belongs.",
    why: "The layout is the dataset's index: `dataset.json` at the top, and for each country \
          `<cc>/country.json` and `<cc>/records/<id>.json`. A file anywhere else is never loaded, \
          so whatever it holds would silently be left out of every release.",
    fails: "dataset/pe/records/notes.txt\ndataset/peru/country.json",
    passes: "dataset/pe/records/pe-nd-child-labor-peru.json\ndataset/pe/country.json",
    fix: "Move the file to where its kind belongs, rename it to `.json`, or delete it.",
    example: None,
};

pub static UNREADABLE: Rule = Rule {
    code: "SB107",
    name: "unreadable-file",
    group: Group::Load,
    severity: Severity::Error,
    summary: "A file or directory could not be read.",
    why: "What cannot be read cannot be checked; reporting it keeps a permissions problem from \
          passing as a clean dataset.",
    fails: "dataset/pe/records/x.json   (mode 000)",
    passes: "dataset/pe/records/x.json   (mode 644)",
    fix: "Fix the file's permissions or remove it. The message gives the operating system's reason.",
    example: None,
};

pub static SYMLINK: Rule = Rule {
    code: "SB108",
    name: "symlink",
    group: Group::Load,
    severity: Severity::Error,
    summary: "A symbolic link in the dataset (not followed).",
    why: "Links make the dataset's content depend on files outside it, differ between checkouts \
          and operating systems, and can loop. They are never followed.",
    fails: "dataset/pe/records/copy.json -> ../../cl/records/cl-2010-x.json",
    passes: "dataset/pe/records/pe-2010-x.json   (a regular file)",
    fix: "Replace the link with a regular file.",
    example: None,
};

pub static TOO_LARGE: Rule = Rule {
    code: "SB109",
    name: "file-too-large",
    group: Group::Load,
    severity: Severity::Error,
    summary: "A file is larger than the size limit (1 MiB).",
    why: "A record is one citation with short excerpts: one or two kilobytes. A file hundreds of \
          times that size is a mistake (a pasted document, a generated dump) and is not read.",
    fails: "dataset/pe/records/pe-2019-x.json   (3 MB)",
    passes: "dataset/pe/records/pe-2019-x.json   (2 KB)",
    fix: "Shorten the excerpts to what fair use needs, or split unrelated sources into their own records.",
    example: None,
};

pub static TOO_DEEP: Rule = Rule {
    code: "SB110",
    name: "nesting-too-deep",
    group: Group::Load,
    severity: Severity::Error,
    summary: "Objects and arrays are nested deeper than the limit (32 levels).",
    why: "No schema in the dataset nests more than a few levels. Deep nesting is a mistake or an \
          attack on the parser, and the nested part is not checked.",
    fails: "{\"notes\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"x\"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
    passes: "{\"notes\": [\"x\"]}",
    fix: "Flatten the structure to the shape the schema describes.",
    example: None,
};

pub static MISSING_FILE: Rule = Rule {
    code: "SB111",
    name: "missing-file",
    group: Group::Load,
    severity: Severity::Error,
    summary: "A file the layout requires is missing (`dataset.json`, or a country's `country.json`).",
    why: "Records are checked against the dataset's topics and policy and against their country; \
          without those files the checks that depend on them cannot run.",
    fails: "dataset/pe/records/pe-nd-child-labor-peru.json   (and no dataset/pe/country.json)",
    passes: "dataset/pe/country.json\ndataset/pe/records/pe-nd-child-labor-peru.json",
    fix: "Add the missing file (`sourcebook new country --country PE` writes a skeleton).",
    example: None,
};
