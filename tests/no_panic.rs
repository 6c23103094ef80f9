//! No input makes `check` panic: arbitrary bytes, and arbitrary JSON in every field of a record.

mod common;

use common::Scratch;
use proptest::prelude::*;
use serde_json::{Map, Value};
use sourcebook::engine::{self as check, Options};

fn check_record(s: &Scratch, bytes: &[u8]) -> sourcebook::diag::Report {
    s.write("pe/records/pe-2000-fuzz.json", bytes);
    check::check(&Options::new(s.root())).expect("a dataset directory always checks")
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::String),
        "[0-9]{4}(-[0-9]{2}){0,2}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let s = Scratch::peru();
        let r = check_record(&s, &bytes);
        prop_assert!(r.summary.errors >= 1);
    }

    #[test]
    fn arbitrary_text_with_json_punctuation(text in "[\\{\\}\\[\\]\",:0-9a-z \\n\\\\\u{feff}é-]{0,200}") {
        let s = Scratch::peru();
        check_record(&s, text.as_bytes());
    }

    #[test]
    fn arbitrary_json_in_any_field(key in prop::sample::select(vec![
        "id", "country", "topics", "placement", "title", "authors", "publisher", "published",
        "accessed", "urls", "excerpts", "rights", "identifiers", "format", "extra",
    ]), value in json_value()) {
        let s = Scratch::peru();
        let text = s.read(common::PE_RECORD);
        let mut record: Value = serde_json::from_str(&text).unwrap();
        record[key] = value;
        let bytes = serde_json::to_vec_pretty(&record).unwrap();
        check_record(&s, &bytes);
    }
}
