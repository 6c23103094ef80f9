//! The way of one file through `check`: load it, run the text rules over every string, validate
//! it against its schema, read it into the typed model, run the file rules, and leave an index
//! entry for the cross-file rules. What a file leaves behind is small unless it has findings.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde_json::Value;

use super::index::index_entry;
use super::options::Options;
use crate::diag::{Diagnostic, Rule, SourceLines, SourceText, resolve};
use crate::json::{Pointer, Target};
use crate::layout::{FileName, Kind};
use crate::load::{File, Source};
use crate::model::{self, Document, PartialDate, Record};
use crate::reference::placeholder::is_placeholder;
use crate::rules::context::{Env, FileCtx, IndexEntry};
use crate::rules::strings::{Text, visit_strings};
use crate::rules::{Check, RULES, TextCheck};

/// What the check keeps of one file.
pub struct Processed {
    pub entry: IndexEntry,
    pub diags: Vec<Diagnostic>,
    /// The lines of the file its findings show, when it has findings.
    pub kept: Option<(FileName, SourceLines)>,
    /// The dataset's metadata, from `dataset.json` when it is valid. Boxed in the document,
    /// so other files carry only a pointer's worth.
    pub dataset: Option<Box<model::Dataset>>,
}

impl Processed {
    /// Hand the findings and kept text over to the run's collections (`room`: how many files
    /// the run has); what is left is the index entry and, from `dataset.json`, the dataset's
    /// metadata.
    pub fn keep_into(
        self,
        diags: &mut Vec<Diagnostic>,
        kept: &mut HashMap<FileName, SourceLines>,
        room: usize,
    ) -> (IndexEntry, Option<Box<model::Dataset>>) {
        // Settled here, on the collecting thread: see `Diagnostic::settle`.
        diags.extend(self.diags.into_iter().map(|mut d| {
            d.settle();
            d
        }));
        let mut entry = self.entry;
        entry.settle();
        if let Some((display, mut lines)) = self.kept {
            lines.settle();
            // Room for every file at the first one kept, so the map never grows by doubling
            // (which briefly holds it twice); a clean check makes no map at all.
            if kept.capacity() == 0 {
                kept.reserve(room);
            }
            kept.insert(display, lines);
        }
        (entry, self.dataset)
    }
}

/// The rules that look at each string.
static TEXT_RULES: LazyLock<Vec<TextCheck>> = LazyLock::new(|| {
    RULES
        .iter()
        .filter_map(|r| match r.check {
            Check::Text(f) => Some(f),
            _ => None,
        })
        .collect()
});

/// Read, parse, validate and rule-check the file at `index` of the walk.
pub fn process(source: &Source, index: usize, env: &Env<'_>, opts: &Options) -> Processed {
    process_keeping(source, index, env, opts, false).0
}

/// [`process`], and when `keep` is set, the record the file holds if it is a record file in
/// which this file's checks found nothing (of any level), with every top-level field read.
/// Then the file matched its schema, which allows no key it does not define at any depth
/// (tests/schema.rs holds it to that), so the record is the one serde reads from the file
/// whole. A file with a finding gives none: the lenient reading the rules see passes over
/// what the schema reported, so it is not what serde would read.
pub fn process_keeping(
    source: &Source,
    index: usize,
    env: &Env<'_>,
    opts: &Options,
    keep: bool,
) -> (Processed, Option<Record>) {
    let mut diags = Vec::new();
    let file = source.load(index, opts.limits, &mut diags);
    let mut entry = IndexEntry {
        index: index as u32,
        ..IndexEntry::default()
    };
    let mut dataset = None;
    let mut not_shown = Vec::new();
    let mut record = None;
    if let Some(value) = &file.value {
        let typed = check_value(
            &file,
            value,
            env,
            opts.max_per_rule,
            &mut diags,
            &mut not_shown,
        );
        entry = index_entry(index, typed.doc.as_ref(), env.dataset);
        dataset = typed.metadata;
        if keep && diags.is_empty() && not_shown.is_empty() {
            record = typed
                .doc
                .filter(|d| d.unread(value).is_empty())
                .and_then(Document::into_record);
        }
    }
    cap(&mut diags, opts.max_per_rule, &file.display, not_shown);
    let kept = if diags.is_empty() {
        None
    } else {
        keep_text(&file, &mut diags, opts.source_lines).map(|l| (file.display.clone(), l))
    };
    let processed = Processed {
        entry,
        diags,
        kept,
        dataset,
    };
    (processed, record)
}

/// The rules on a parsed file; its typed content.
fn check_value(
    file: &File,
    value: &Value,
    env: &Env<'_>,
    max_per_rule: usize,
    diags: &mut Vec<Diagnostic>,
    not_shown: &mut Vec<NotShown>,
) -> FileContent {
    // One walk over every string for the text rules, before typing: it also tells whether a
    // placeholder is left.
    let untyped = FileCtx::new(&file.place, &file.display, value, None, *env);
    let mut unfilled = false;
    visit_strings(value, &mut |path, s| {
        unfilled |= is_placeholder(s);
        let text = Text::scan(s);
        for f in TEXT_RULES.iter() {
            f(&untyped, path, &text, diags);
        }
    });
    let typed = validate_and_type(file, value, unfilled, max_per_rule, diags, not_shown);
    let ctx = FileCtx::new(&file.place, &file.display, value, typed.doc.as_ref(), *env);
    for r in RULES {
        if let Check::File(f) = r.check {
            f(&ctx, diags);
        }
    }
    typed
}

/// What typing a file gives: its content for the rules, and from a valid `dataset.json` the
/// dataset's metadata.
struct FileContent {
    doc: Option<Document>,
    metadata: Option<Box<model::Dataset>>,
}

/// Schema-validate a file and read it into the typed model, field by field: every rule then
/// runs on what could be read, so a fault in one field hides no other fault. Fields the schema
/// found at fault (but for unknown keys beside them) are read by no rule, so each fault is
/// said once. A skeleton still holding a placeholder (`unfilled`) is not typed.
fn validate_and_type(
    file: &File,
    value: &Value,
    unfilled: bool,
    max_per_rule: usize,
    diags: &mut Vec<Diagnostic>,
    not_shown: &mut Vec<NotShown>,
) -> FileContent {
    let kind = file.place.kind();
    let found = crate::schema::validate(kind, &file.display, value, max_per_rule);
    let clean = found.diagnostics.is_empty() && found.not_shown.is_empty();
    let faulty: Vec<String> = found
        .diagnostics
        .iter()
        .filter(|d| !std::ptr::eq(d.rule, &crate::schema::codes::UNKNOWN_FIELD))
        .filter_map(|d| d.primary.pointer()?.tokens().next().map(|t| t.into_owned()))
        .collect();
    diags.extend(found.diagnostics);
    not_shown.extend(
        found
            .not_shown
            .into_iter()
            .map(|(r, n)| (r, n, found.counting_stopped)),
    );
    // A skeleton still being filled in is checked for its placeholders (and its shape) only;
    // the other rules would otherwise report what the placeholders stand for.
    if unfilled {
        return FileContent {
            doc: None,
            metadata: None,
        };
    }
    let mut doc = Document::read(kind, value);
    doc.forget(&faulty.iter().map(String::as_str).collect::<Vec<_>>());
    let mut metadata = None;
    // The strict reading, for what the schema lets through but a field's type cannot hold, and
    // for the dataset's metadata: only where the schema found nothing.
    if clean && (kind == Kind::Dataset || !doc.unread(value).is_empty()) {
        match model::strict(kind, value) {
            Ok(m) => metadata = m.map(Box::new),
            Err(e) => diags.extend(not_in_the_model(file, value, &e)),
        }
    }
    FileContent {
        doc: Some(doc),
        metadata,
    }
}

/// What the schema lets through but the model cannot hold: a date that does not exist (which
/// SB301 reports), or a number the schema calls an integer but is written with a fraction
/// (101.0) or is too large for its field. Said at the value.
fn not_in_the_model(
    file: &File,
    value: &Value,
    e: &serde_path_to_error::Error<serde_json::Error>,
) -> Option<Diagnostic> {
    let mut pointer = Pointer::ROOT;
    for seg in e.path().iter() {
        match seg {
            serde_path_to_error::Segment::Seq { index } => pointer.push_index(*index),
            serde_path_to_error::Segment::Map { key } => pointer.push_key(key),
            _ => {}
        }
    }
    let impossible_date = model::raw_publication_dates(value)
        .any(|(p, s)| p == pointer.as_str() && s.parse::<PartialDate>().is_err());
    if impossible_date {
        return None;
    }
    Some(Diagnostic::new(
        &crate::schema::codes::OTHER,
        format!(
            "`{}` cannot be read as the model's type: {}",
            pointer.field_path(),
            e.inner()
        ),
        crate::diag::Label::at_pointer(file.display.clone(), pointer, Target::Value),
    ))
}

/// Keep at most `max` findings of each rule (the first found), and say in one more how many
/// are not shown: a file with half a million wrong items is reported in a page, not a
/// million lines. `max` 0 keeps all.
/// Findings of a rule counted but not worded, and whether counting stopped before the end.
type NotShown = (&'static Rule, usize, bool);

/// `dropped` holds what was counted before being worded (schema errors).
fn cap(diags: &mut Vec<Diagnostic>, max: usize, display: &str, mut dropped: Vec<NotShown>) {
    if max == 0 || (diags.len() <= max && dropped.is_empty()) {
        return;
    }
    let mut seen: HashMap<&'static str, usize> = HashMap::new();
    diags.retain(|d| {
        let n = seen.entry(d.rule.code).or_insert(0);
        *n += 1;
        if *n <= max {
            return true;
        }
        match dropped.iter_mut().find(|(r, _, _)| r.code == d.rule.code) {
            Some((_, k, _)) => *k += 1,
            None => dropped.push((d.rule, 1, false)),
        }
        false
    });
    for (rule, n, at_least) in dropped {
        let n = if at_least {
            format!("at least {n}")
        } else {
            n.to_string()
        };
        diags.push(
            Diagnostic::new(
                rule,
                format!(
                    "{n} more {} findings in this file are not shown; the first {max} are",
                    rule.code,
                ),
                crate::diag::Label::whole_file(display),
            )
            .with_help("fix these first, or run `check --max-per-rule 0` to see every one"),
        );
    }
}

/// Work out the positions of a file's findings in its text, and keep the lines they show when
/// `lines` asks for them.
fn keep_text(file: &File, diags: &mut [Diagnostic], lines: bool) -> Option<SourceLines> {
    let text = file.text();
    let sources = HashMap::from([(
        &*file.display,
        SourceText {
            text: &text,
            body_offset: file.body_offset,
        },
    )]);
    resolve(diags, &sources);
    lines.then(|| {
        SourceLines::around(
            &text,
            diags
                .iter()
                .flat_map(|d| std::iter::once(&d.primary).chain(&d.secondary))
                .filter(|l| l.file == file.display)
                .filter_map(|l| l.position.as_ref()),
        )
    })
}
