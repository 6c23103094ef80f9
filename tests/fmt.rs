//! `sourcebook fmt`: the committed dataset is canonical; any scrambling of a file (key order,
//! whitespace, line ends, escapes) is restored byte for byte; values never change.

mod common;

use common::{Scratch, sourcebook, stderr, stdout};
use proptest::prelude::*;
use serde_json::{Map, Value, json};
use sourcebook::fmt::format;
use sourcebook::layout::Kind;

/// Write `v` with keys in an order picked by `seed`, and whitespace picked by `style`.
fn scramble(v: &Value, seed: u64, style: u8) -> String {
    fn go(v: &Value, seed: &mut u64, style: u8, out: &mut String) {
        let sep = match style % 3 {
            0 => "",
            1 => " ",
            _ => "\r\n\t ",
        };
        match v {
            Value::Object(m) => {
                let mut keys: Vec<&String> = m.keys().collect();
                // A deterministic shuffle from the seed.
                for i in (1..keys.len()).rev() {
                    *seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    keys.swap(i, (*seed >> 33) as usize % (i + 1));
                }
                out.push('{');
                for (i, k) in keys.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(sep);
                    out.push_str(&serde_json::to_string(k).unwrap());
                    out.push(':');
                    out.push_str(sep);
                    go(&m[*k], seed, style, out);
                }
                out.push_str(sep);
                out.push('}');
            }
            Value::Array(a) => {
                out.push('[');
                for (i, x) in a.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(sep);
                    go(x, seed, style, out);
                }
                out.push(']');
            }
            // Escape every non-ASCII character, as some tools do.
            Value::String(s) if style >= 3 => {
                out.push('"');
                for c in s.chars() {
                    match c {
                        '"' => out.push_str("\\\""),
                        '\\' => out.push_str("\\\\"),
                        c if (c as u32) < 0x20 || !c.is_ascii() => {
                            let mut buf = [0u16; 2];
                            for u in c.encode_utf16(&mut buf) {
                                out.push_str(&format!("\\u{u:04X}"));
                            }
                        }
                        c => out.push(c),
                    }
                }
                out.push('"');
            }
            v => out.push_str(&v.to_string()),
        }
    }
    let mut out = String::new();
    let mut seed = seed;
    go(v, &mut seed, style, &mut out);
    out
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ]{1,20}",
        "\\PC{1,20}",
        Just("Per\u{fa} \u{2013} \u{201c}x\u{201d}\u{a0}y".to_string())
    ]
}

fn record() -> impl Strategy<Value = Value> {
    (
        "[a-z]{2}-[0-9]{4}-[a-z]{1,8}",
        text(),
        prop::option::of(text()),
        prop::collection::vec((prop::option::of("[0-9]{1,3}"), prop::option::of(text()), text()), 0..4),
        prop::option::of("[0-9]{4}(-[0-9]{2}){0,2}"),
        any::<u32>(),
        prop::option::of(any::<f64>().prop_filter("finite", |f| f.is_finite())),
    )
        .prop_map(|(id, title, subtitle, excerpts, date, words, extra)| {
            let mut r = Map::new();
            r.insert("id".into(), json!(id));
            r.insert("country".into(), json!("PE"));
            r.insert("topics".into(), json!(["csec"]));
            r.insert("title".into(), json!(title));
            if let Some(s) = subtitle {
                r.insert("subtitle".into(), json!(s));
            }
            if let Some(d) = date {
                r.insert("published".into(), json!({"as_printed": d, "date": d}));
            }
            if !excerpts.is_empty() {
                let ex: Vec<Value> = excerpts
                    .into_iter()
                    .map(|(l, h, t)| {
                        let mut e = Map::new();
                        e.insert("text".into(), json!(t));
                        if let Some(h) = h {
                            e.insert("heading".into(), json!(h));
                        }
                        if let Some(l) = l {
                            e.insert("locator".into(), json!(l));
                        }
                        Value::Object(e)
                    })
                    .collect();
                r.insert("excerpts".into(), Value::Array(ex));
            }
            r.insert("rights".into(), json!({"quoted_words": words, "basis": "fair_use", "holder": "H", "status": "copyrighted"}));
            // An unknown field (a schema error, but fmt must keep it).
            if let Some(x) = extra {
                r.insert("extra".into(), json!({"b": [x, null, true], "a": {}}));
            }
            Value::Object(r)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn formatting_keeps_values_and_is_idempotent(r in record(), seed in any::<u64>(), style in 0u8..6) {
        let input = scramble(&r, seed, style);
        let once = format(&input, Kind::Record).unwrap();
        let parsed: Value = serde_json::from_str(&once).unwrap();
        prop_assert_eq!(&parsed, &r);
        prop_assert_eq!(format(&once, Kind::Record).unwrap(), once.clone());
        // Every scrambling of the same record gives the same canonical text.
        prop_assert_eq!(format(&scramble(&r, seed ^ 0x9e37, (style + 1) % 6), Kind::Record).unwrap(), once);
    }
}

#[test]
fn the_committed_dataset_is_canonical() {
    let out = sourcebook(&["fmt", "--check"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("0 of 13 files would be reformatted"));
}

#[test]
fn a_shuffled_minified_copy_fails_the_check_and_is_restored_byte_for_byte() {
    let s = Scratch::peru();
    let files: Vec<String> = common::read_tree(s.root())
        .into_iter()
        .map(|(rel, _)| rel)
        .collect();
    assert_eq!(files.len(), 13);
    let originals: Vec<String> = files.iter().map(|f| s.read(f)).collect();
    for (i, f) in files.iter().enumerate() {
        let v: Value = serde_json::from_str(&originals[i]).unwrap();
        s.write(f, scramble(&v, i as u64 + 7, (i % 6) as u8));
    }
    let root = s.root().to_str().unwrap();
    let check = sourcebook(&["fmt", "--check", "--dataset", root], &[]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stdout(&check).contains("13 of 13 files would be reformatted"),
        "{}",
        stdout(&check)
    );
    assert!(
        stdout(&check).contains("(formatted)\n@@"),
        "a unified diff is shown"
    );
    // --check changed nothing.
    assert_ne!(s.read(&files[0]), originals[0]);
    let fix = sourcebook(&["fmt", "--dataset", root], &[]);
    assert_eq!(fix.status.code(), Some(0), "{}", stderr(&fix));
    for (i, f) in files.iter().enumerate() {
        assert_eq!(s.read(f), originals[i], "{f} not restored");
    }
    assert_eq!(
        sourcebook(&["fmt", "--check", "--dataset", root], &[])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn a_file_that_does_not_parse_is_reported_and_left_untouched() {
    let s = Scratch::peru();
    s.write(common::PE_RECORD, "{\"id\": 1,}");
    let out = sourcebook(&["fmt", "--dataset", s.root().to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("does not parse"), "{}", stderr(&out));
    assert_eq!(s.read(common::PE_RECORD), "{\"id\": 1,}");
}

#[test]
fn a_file_that_is_not_utf8_is_reported_and_left_untouched_even_when_canonical() {
    let s = Scratch::peru();
    // A canonical file but for one byte that is not UTF-8, inside the title.
    let mut bytes = s.read(common::PE_RECORD).into_bytes();
    let at = bytes.windows(4).position(|w| w == b"Four").unwrap();
    bytes[at + 1] = 0xFF;
    s.write(common::PE_RECORD, &bytes);
    let root = s.root().to_str().unwrap();
    for args in [
        &["fmt", "--check", "--dataset", root][..],
        &["fmt", "--dataset", root],
    ] {
        let out = sourcebook(args, &[]);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(stderr(&out).contains("not valid UTF-8"), "{}", stderr(&out));
        assert!(
            stdout(&out).contains("1 could not be parsed"),
            "{}",
            stdout(&out)
        );
    }
    assert_eq!(std::fs::read(s.path(common::PE_RECORD)).unwrap(), bytes);
}

#[test]
fn named_paths_limit_what_is_formatted() {
    let s = Scratch::peru();
    let one = "pe/records/pe-nd-child-labor-peru.json";
    let v: Value = serde_json::from_str(&s.read(one)).unwrap();
    s.write(one, v.to_string());
    s.write(
        "pe/country.json",
        serde_json::from_str::<Value>(&s.read("pe/country.json"))
            .unwrap()
            .to_string(),
    );
    let root = s.root().to_str().unwrap();
    let out = sourcebook(
        &["fmt", "--dataset", root, s.path(one).to_str().unwrap()],
        &[],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains("1 of 1 files reformatted"),
        "{}",
        stdout(&out)
    );
    assert!(
        !s.read("pe/country.json").contains('\n'),
        "an unnamed file was formatted"
    );
}
