//! The crate's layers stay as `docs/architecture.md` draws them: every top-level module of the
//! library imports only the modules its row allows, and the graph of imports between modules
//! (each file is a module; an edge for every `crate::`, `super::`, `self::` or child-module
//! path, in `use` declarations and in code) has no cycle, in the library or in the binary.
//!
//! Test code (`#[cfg(test)]` modules and the files they declare) is left out: it sits above
//! everything, and the rule harness runs the whole engine.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each top-level module of the library and the modules it may import. Lower layers first.
const LAYERS: &[(&str, &[&str])] = &[
    // Foundations: no domain knowledge of the layers above.
    ("spelling", &[]),
    ("bytes", &[]),
    ("error", &["spelling"]),
    ("escape", &[]),
    ("json", &["bytes"]),
    ("layout", &[]),
    ("model", &["bytes", "layout"]),
    ("reference", &[]),
    ("fsutil", &["error"]),
    ("progress", &[]),
    ("ordered", &[]),
    // Findings as data.
    ("diag", &["json", "layout"]),
    // Producers of the loading and schema codes.
    (
        "load",
        &["diag", "error", "fsutil", "json", "layout", "spelling"],
    ),
    (
        "schema",
        &["diag", "json", "layout", "model", "reference", "spelling"],
    ),
    // The dataset rules: checks only.
    (
        "rules",
        &["bytes", "diag", "json", "layout", "model", "reference"],
    ),
    // Every code, and the engine that runs them.
    ("catalog", &["diag", "load", "rules", "schema"]),
    (
        "engine",
        &[
            "catalog",
            "diag",
            "error",
            "json",
            "layout",
            "load",
            "model",
            "ordered",
            "progress",
            "reference",
            "rules",
            "schema",
        ],
    ),
    // Renderers read the diagnostic stream, never the engine.
    ("report", &["diag", "escape"]),
    // Commands: never a rule family.
    (
        "snapshot",
        &["error", "layout", "load", "model", "ordered", "progress"],
    ),
    ("diff", &["escape", "json", "model", "snapshot"]),
    (
        "stats",
        &["error", "escape", "model", "progress", "snapshot"],
    ),
    (
        "fmt",
        &[
            "diag", "error", "fsutil", "json", "layout", "load", "progress", "schema",
        ],
    ),
    (
        "scaffold",
        &[
            "diag",
            "error",
            "fmt",
            "fsutil",
            "layout",
            "load",
            "model",
            "reference",
        ],
    ),
    (
        "import",
        &[
            "diag",
            "diff",
            "error",
            "fmt",
            "fsutil",
            "layout",
            "load",
            "model",
            "reference",
            "scaffold",
        ],
    ),
    (
        "release",
        &[
            "diag",
            "diff",
            "engine",
            "error",
            "fsutil",
            "json",
            "layout",
            "model",
            "ordered",
            "progress",
            "reference",
            "schema",
            "snapshot",
            "stats",
        ],
    ),
    // The static site (the `site` feature): checks through the engine, renders the release's
    // CSL mapping; never a rule family.
    (
        "site",
        &[
            "diag", "engine", "error", "fsutil", "layout", "load", "model", "release", "snapshot",
        ],
    ),
];

type Module = Vec<String>;

/// A crate's source: each module's path and its text with comments, literals and test code
/// removed.
struct Crate {
    modules: BTreeMap<Module, String>,
}

impl Crate {
    /// The crate rooted at `root_file` (`lib.rs` or `main.rs`) under `src`, following `mod`
    /// declarations that are not test-only.
    fn read(src: &Path, root_file: &str) -> Crate {
        let mut modules = BTreeMap::new();
        let mut todo = vec![(Vec::new(), src.join(root_file))];
        while let Some((module, path)) = todo.pop() {
            let raw = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let (code, children) = strip(&raw);
            let dir = if module.is_empty() {
                src.to_path_buf()
            } else if path.file_name().is_some_and(|n| n == "mod.rs") {
                path.parent().unwrap().to_path_buf()
            } else {
                path.with_extension("")
            };
            for child in children {
                let file = dir.join(format!("{child}.rs"));
                let file = if file.exists() {
                    file
                } else {
                    dir.join(&child).join("mod.rs")
                };
                let mut m = module.clone();
                m.push(child);
                todo.push((m, file));
            }
            modules.insert(module, code);
        }
        Crate { modules }
    }

    fn from_texts(texts: &[(&str, &str)]) -> Crate {
        let modules = texts.iter().map(|(m, t)| (split(m), strip(t).0)).collect();
        Crate { modules }
    }

    /// The module a path names from `from`: the longest known module its segments lead to.
    fn resolve(&self, from: &Module, path: &[String]) -> Option<Module> {
        let mut base: Module;
        let mut rest = path;
        match path.first().map(String::as_str) {
            Some("crate") => {
                base = Vec::new();
                rest = &path[1..];
            }
            Some("self") => {
                base = from.clone();
                rest = &path[1..];
            }
            Some("super") => {
                base = from.clone();
                while rest.first().is_some_and(|s| s == "super") {
                    base.pop()?;
                    rest = &rest[1..];
                }
            }
            Some(_) => base = from.clone(),
            None => return None,
        }
        let mut found = base.clone();
        for seg in rest {
            base.push(seg.clone());
            if self.modules.contains_key(&base) {
                found = base.clone();
            } else {
                break;
            }
        }
        Some(found)
    }

    /// Every module each module imports (itself left out).
    fn edges(&self) -> BTreeMap<Module, BTreeSet<Module>> {
        let mut out: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
        for (module, code) in &self.modules {
            let children: BTreeSet<&str> = self
                .modules
                .keys()
                .filter(|m| m.len() == module.len() + 1 && m.starts_with(module))
                .map(|m| m.last().unwrap().as_str())
                .collect();
            let targets = out.entry(module.clone()).or_default();
            for path in paths(code) {
                let first = path[0].as_str();
                let anchored = matches!(first, "crate" | "self" | "super");
                if !anchored && !children.contains(first) {
                    continue;
                }
                if let Some(t) = self.resolve(module, &path)
                    && t != *module
                {
                    targets.insert(t);
                }
            }
        }
        out
    }
}

fn split(m: &str) -> Module {
    m.split("::")
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Remove comments, string and character literals and `#[cfg(test)]` items from Rust source;
/// return what is left and the child modules it declares (test-only ones left out).
fn strip(src: &str) -> (String, Vec<String>) {
    let code = without_literals(src);
    let mut out = String::with_capacity(code.len());
    let mut children = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        rest = &rest[at + "#[cfg(test)]".len()..];
        // The item it guards: up to its `;`, or its braces.
        let semi = rest.find(';').unwrap_or(rest.len());
        let brace = rest.find('{').unwrap_or(rest.len());
        if semi < brace {
            rest = &rest[semi + 1..];
        } else {
            let mut depth = 0;
            let mut end = rest.len();
            for (i, c) in rest.char_indices().skip(brace) {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = i + 1;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    for line in out.lines() {
        let l = line.trim();
        let l = l.strip_prefix("pub ").unwrap_or(l);
        let l = l
            .strip_prefix("pub(crate) ")
            .or_else(|| l.strip_prefix("pub(super) "))
            .unwrap_or(l);
        if let Some(name) = l.strip_prefix("mod ").and_then(|r| r.strip_suffix(';')) {
            children.push(name.trim().to_string());
        }
    }
    (out, children)
}

/// The source with comments removed and every string and character literal emptied, so that
/// neither a path in a message nor a brace in a string is read as code.
fn without_literals(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if (c == b'r' || (c == b'b' && b.get(i + 1) == Some(&b'r')))
            && !prev_is_ident(b, i)
            && raw_string_start(b, i + usize::from(c == b'b')).is_some()
        {
            let start = i + usize::from(c == b'b');
            let hashes = raw_string_start(b, start).unwrap();
            let close: Vec<u8> = std::iter::once(b'"')
                .chain(std::iter::repeat_n(b'#', hashes))
                .collect();
            i = start + 2 + hashes;
            while i < b.len() && !b[i..].starts_with(&close) {
                i += 1;
            }
            i += close.len();
            out.push_str("\"\"");
        } else if c == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == b'\'' {
            // A character literal ('x', '\n', '\u{7f}', '"') or a lifetime ('a).
            let lit_end = if b.get(i + 1) == Some(&b'\\') {
                b[i + 2..]
                    .iter()
                    .position(|&x| x == b'\'')
                    .map(|p| i + 2 + p)
            } else {
                let ch_len = src[i + 1..].chars().next().map_or(1, char::len_utf8);
                (b.get(i + 1 + ch_len) == Some(&b'\'')).then_some(i + 1 + ch_len)
            };
            match lit_end {
                Some(end) => {
                    out.push_str("' '");
                    i = end + 1;
                }
                None => {
                    out.push('\'');
                    i += 1;
                }
            }
        } else {
            let ch = src[i..].chars().next().unwrap();
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

fn prev_is_ident(b: &[u8], i: usize) -> bool {
    i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')
}

/// The number of `#` after `r` when a raw string starts at `i`.
fn raw_string_start(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i) != Some(&b'r') {
        return None;
    }
    let hashes = b[i + 1..].iter().take_while(|&&x| x == b'#').count();
    (b.get(i + 1 + hashes) == Some(&b'"')).then_some(hashes)
}

/// Every path in the code: each `use` tree expanded, and every `a::b` path outside them.
fn paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = code;
    let mut outside = String::new();
    while let Some(at) = find_keyword(rest, "use") {
        outside.push_str(&rest[..at]);
        let tail = &rest[at + 3..];
        let end = tail.find(';').unwrap_or(tail.len());
        expand(tail[..end].trim(), &mut Vec::new(), &mut out);
        rest = &tail[(end + 1).min(tail.len())..];
    }
    outside.push_str(rest);
    let b = outside.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if is_ident_start(b[i]) && !prev_is_ident(b, i) && !(i >= 2 && &b[i - 2..i] == b"::") {
            let mut j = i;
            let mut segs = Vec::new();
            loop {
                let s = j;
                while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
                    j += 1;
                }
                segs.push(outside[s..j].to_string());
                if b[j..].starts_with(b"::") && b.get(j + 2).is_some_and(|&c| is_ident_start(c)) {
                    j += 2;
                } else {
                    break;
                }
            }
            if segs.len() > 1 {
                out.push(segs);
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

/// The offset of `word` as a whole word in `s`.
fn find_keyword(s: &str, word: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(p) = s[from..].find(word) {
        let at = from + p;
        let before = at == 0 || !(b[at - 1].is_ascii_alphanumeric() || b[at - 1] == b'_');
        let after = b
            .get(at + word.len())
            .is_none_or(|c| !(c.is_ascii_alphanumeric() || *c == b'_'));
        if before && after {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

/// Expand a `use` tree (`crate::a::{b, c::{d, self}}`) into full paths.
fn expand(tree: &str, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    let tree = tree.trim();
    if let Some(inner) = tree.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand(&inner[start..i], prefix, out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        expand(&inner[start..], prefix, out);
        return;
    }
    match tree.split_once("::") {
        Some((head, tail)) => {
            prefix.push(head.trim().to_string());
            expand(tail, prefix, out);
            prefix.pop();
        }
        None => {
            let name = tree.split(" as ").next().unwrap_or_default().trim();
            if name.is_empty() || name == "*" {
                if !prefix.is_empty() {
                    out.push(prefix.clone());
                }
            } else if name == "self" {
                out.push(prefix.clone());
            } else {
                let mut p = prefix.clone();
                p.push(name.to_string());
                out.push(p);
            }
        }
    }
}

fn name(m: &Module) -> String {
    if m.is_empty() {
        "crate".into()
    } else {
        m.join("::")
    }
}

/// The first cycle in the graph, as the modules around it.
fn cycle(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Option<Vec<Module>> {
    fn visit(
        m: &Module,
        edges: &BTreeMap<Module, BTreeSet<Module>>,
        state: &mut BTreeMap<Module, u8>,
        stack: &mut Vec<Module>,
    ) -> Option<Vec<Module>> {
        match state.get(m) {
            Some(2) => return None,
            Some(1) => {
                let from = stack.iter().position(|s| s == m).unwrap();
                let mut c = stack[from..].to_vec();
                c.push(m.clone());
                return Some(c);
            }
            _ => {}
        }
        state.insert(m.clone(), 1);
        stack.push(m.clone());
        for t in edges.get(m).into_iter().flatten() {
            if let Some(c) = visit(t, edges, state, stack) {
                return Some(c);
            }
        }
        stack.pop();
        state.insert(m.clone(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for m in edges.keys() {
        if let Some(c) = visit(m, edges, &mut state, &mut Vec::new()) {
            return Some(c);
        }
    }
    None
}

/// Every import of one top-level module into another that its row does not allow.
fn upward(krate: &Crate) -> Vec<String> {
    let allowed: BTreeMap<&str, &[&str]> = LAYERS.iter().copied().collect();
    let mut bad = Vec::new();
    for (from, targets) in krate.edges() {
        let Some(top) = from.first() else { continue };
        for t in targets {
            let ok = match t.first() {
                None => false, // the crate root only declares the modules
                Some(tt) if tt == top => true,
                Some(tt) => allowed
                    .get(top.as_str())
                    .is_some_and(|a| a.contains(&tt.as_str())),
            };
            if !ok {
                bad.push(format!("{} imports {}", name(&from), name(&t)));
            }
        }
    }
    bad
}

fn src() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn every_top_level_module_has_a_row_and_imports_only_downward() {
    let lib = Crate::read(&src(), "lib.rs");
    let tops: BTreeSet<&str> = lib
        .modules
        .keys()
        .filter(|m| m.len() == 1)
        .map(|m| m[0].as_str())
        .collect();
    let rows: BTreeSet<&str> = LAYERS.iter().map(|(m, _)| *m).collect();
    assert_eq!(tops, rows, "every top-level module needs a row in LAYERS");
    // Each row names only rows above it in the table, so the table itself is a layering.
    for (i, (m, allowed)) in LAYERS.iter().enumerate() {
        for a in *allowed {
            let at = LAYERS.iter().position(|(x, _)| x == a).unwrap();
            assert!(at < i, "{m} may import {a}, which is not below it");
        }
    }
    let bad = upward(&lib);
    assert!(
        bad.is_empty(),
        "imports against the layers:\n{}",
        bad.join("\n")
    );
}

#[test]
fn no_module_imports_in_a_cycle() {
    for root in ["lib.rs", "main.rs"] {
        let krate = Crate::read(&src(), root);
        let edges = krate.edges();
        if let Some(c) = cycle(&edges) {
            let names: Vec<String> = c.iter().map(name).collect();
            panic!("{root}: import cycle: {}", names.join(" -> "));
        }
    }
}

/// The scanner sees what is there: the edges the architecture rests on are found.
#[test]
fn the_scanner_finds_known_imports() {
    let lib = Crate::read(&src(), "lib.rs");
    let edges = lib.edges();
    let has = |from: &str, to: &str| {
        edges
            .get(&split(from))
            .is_some_and(|t| t.contains(&split(to)))
    };
    assert!(has("engine::pipeline", "rules::context"));
    assert!(
        has("rules", "rules::dates::future_date"),
        "a child path in code"
    );
    assert!(has("rules::dates::future_date", "diag"));
    assert!(has("load::walk", "load::codes"), "a `super::` path");
    assert!(has("release::build", "engine"));
    assert!(lib.modules.len() > 90, "{} modules", lib.modules.len());
    assert!(
        !lib.modules.contains_key(&split("engine::testing")),
        "test-only modules are left out"
    );
}

/// The checks fail on the faults they look for.
#[test]
fn an_upward_import_and_a_cycle_are_caught() {
    let krate = Crate::from_texts(&[
        ("", "pub mod diag; pub mod rules;"),
        (
            "diag",
            "use crate::rules::Rule; // diag must not know the rules\nconst S: &str = \"crate::engine::x\";",
        ),
        (
            "rules",
            "use crate::diag::{Diagnostic, self};\n#[cfg(test)]\nmod tests { use crate::engine; }",
        ),
    ]);
    assert_eq!(upward(&krate), ["diag imports rules"]);
    let c = cycle(&krate.edges()).expect("diag and rules import each other");
    assert_eq!(c.len(), 3, "{c:?}");
    let fine = Crate::from_texts(&[
        ("", ""),
        ("diag", "fn f<'a>(c: char) -> bool { c == '{' }"),
        ("rules", "use crate::diag::Diagnostic;"),
    ]);
    assert!(upward(&fine).is_empty());
    assert!(cycle(&fine.edges()).is_none());
}

#[test]
fn use_trees_expand_to_full_paths() {
    let mut out = Vec::new();
    expand(
        "crate::{a::b, c::{d, self}, e as f}",
        &mut Vec::new(),
        &mut out,
    );
    let got: Vec<String> = out.iter().map(|p| p.join("::")).collect();
    assert_eq!(got, ["crate::a::b", "crate::c::d", "crate::c", "crate::e"]);
}
