//! The JSON Schemas: well-formed, editor-compatible, satisfied by every shipped file and
//! rejecting what they must. Validators here are built from the files on disk with the
//! jsonschema crate directly, independently of the embedding in the library.

use std::fs;
use std::path::{Path, PathBuf};

use jsonschema::{Draft, Registry, Validator};
use serde_json::{Value, json};

const DEFS_ID: &str = "https://sourcebook.dev/schema/v1/defs.schema.json";

fn read(path: impl AsRef<Path>) -> Value {
    let text = fs::read_to_string(path.as_ref()).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.as_ref().display()))
}

fn schema(name: &str) -> Value {
    read(Path::new("schema").join(name))
}

/// A validator for `name` with format validation on, built under `draft`.
fn validator(name: &str, draft: Draft) -> Validator {
    let mut defs = schema("defs.schema.json");
    let mut root = schema(name);
    if draft == Draft::Draft7 {
        // Interpret both documents as draft-07, as editors that only know draft-07 do.
        for s in [&mut defs, &mut root] {
            s["$schema"] = json!("http://json-schema.org/draft-07/schema#");
        }
    }
    let registry = Registry::new()
        .add(DEFS_ID, defs)
        .unwrap()
        .prepare()
        .unwrap();
    jsonschema::options()
        .with_draft(draft)
        .offline()
        .with_registry(&registry)
        .should_validate_formats(true)
        .should_ignore_unknown_formats(false)
        .build(&root)
        .unwrap()
}

fn dataset_files() -> Vec<(PathBuf, &'static str)> {
    let mut out = vec![(PathBuf::from("dataset/dataset.json"), "dataset.schema.json")];
    let mut countries: Vec<_> = fs::read_dir("dataset")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    countries.sort();
    for c in countries {
        out.push((c.join("country.json"), "country.schema.json"));
        let mut recs: Vec<_> = fs::read_dir(c.join("records"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        recs.sort();
        out.extend(recs.into_iter().map(|r| (r, "record.schema.json")));
    }
    out
}

fn errors(v: &Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{} at {}: {e}", e.kind().keyword(), e.instance_path()))
        .collect()
}

#[test]
fn every_shipped_file_validates_under_2020_12_and_draft_07() {
    let files = dataset_files();
    assert_eq!(
        files
            .iter()
            .filter(|(_, s)| *s == "record.schema.json")
            .count(),
        11
    );
    for draft in [Draft::Draft202012, Draft::Draft7] {
        for (path, name) in &files {
            let errs = errors(&validator(name, draft), &read(path));
            assert!(errs.is_empty(), "{} ({draft:?}): {errs:#?}", path.display());
        }
    }
}

fn peru_record() -> Value {
    read("dataset/pe/records/pe-2004-four-child-prostitution-rings-identified.json")
}

/// The first keyword each draft reports for `instance`, asserting both reject it.
fn rejected(name: &str, instance: &Value) -> Vec<String> {
    [Draft::Draft202012, Draft::Draft7]
        .map(|d| {
            let errs = errors(&validator(name, d), instance);
            assert!(!errs.is_empty(), "{d:?} accepted {instance}");
            errs.join("; ")
        })
        .to_vec()
}

#[test]
fn rejects_a_missing_required_field() {
    for field in ["id", "country", "topics", "title", "rights"] {
        let mut r = peru_record();
        r.as_object_mut().unwrap().remove(field);
        for e in rejected("record.schema.json", &r) {
            assert!(e.starts_with("required"), "{field}: {e}");
        }
    }
}

#[test]
fn rejects_an_unknown_field_at_every_level() {
    let mut r = peru_record();
    r["publised"] = json!("2004");
    for e in rejected("record.schema.json", &r) {
        assert!(e.contains("additionalProperties"), "{e}");
    }
    let mut r = peru_record();
    r["rights"]["note"] = json!("x");
    for e in rejected("record.schema.json", &r) {
        assert!(e.contains("additionalProperties at /rights"), "{e}");
    }
    let mut r = peru_record();
    r["excerpts"][0]["page"] = json!("1");
    rejected("record.schema.json", &r);
}

#[test]
fn rejects_malformed_dates() {
    for bad in [
        "2001-13",
        "16 March 2004",
        "2004-13-01",
        "2001-00",
        "04",
        "2001-1-01",
    ] {
        let mut r = peru_record();
        r["published"]["date"] = json!(bad);
        for e in rejected("record.schema.json", &r) {
            assert!(e.contains("pattern at /published/date"), "{bad}: {e}");
        }
    }
    for good in ["2019", "2001-11", "2004-02-29"] {
        let mut r = peru_record();
        r["published"]["date"] = json!(good);
        assert!(errors(&validator("record.schema.json", Draft::Draft202012), &r).is_empty());
    }
    // Accessed dates are full dates and calendar-checked by the `date` format.
    for bad in ["2011", "2011-09", "2011-02-30", "17 September 2011"] {
        let mut r = peru_record();
        r["accessed"] = json!([bad]);
        assert!(
            !errors(&validator("record.schema.json", Draft::Draft202012), &r).is_empty(),
            "{bad}"
        );
    }
}

#[test]
fn rejects_country_codes_that_are_not_two_capital_letters() {
    for bad in ["pe", "PER", "P", "P3", ""] {
        let mut r = peru_record();
        r["country"] = json!(bad);
        rejected("record.schema.json", &r);
        let mut c = read("dataset/pe/country.json");
        c["code"] = json!(bad);
        rejected("country.schema.json", &c);
    }
}

#[test]
fn rejects_bad_ids_versions_and_vocabulary() {
    let mut r = peru_record();
    r["id"] = json!("PE-2004-Four");
    rejected("record.schema.json", &r);
    let mut r = peru_record();
    r["rights"]["status"] = json!("fair use");
    rejected("record.schema.json", &r);
    let mut r = peru_record();
    r["topics"] = json!(["csec", "csec"]);
    rejected("record.schema.json", &r);
    let mut r = peru_record();
    r["title"] = json!("");
    rejected("record.schema.json", &r);
    let mut d = read("dataset/dataset.json");
    d["version"] = json!("1.0");
    rejected("dataset.schema.json", &d);
    let mut c = read("dataset/pe/country.json");
    c["helplines"][0]["e164"] = json!("01518 0000");
    rejected("country.schema.json", &c);
}

#[test]
fn schemas_are_valid_under_both_metaschemas() {
    for name in [
        "defs.schema.json",
        "record.schema.json",
        "country.schema.json",
        "dataset.schema.json",
    ] {
        let s = schema(name);
        assert!(
            jsonschema::meta::validate(&s).is_ok(),
            "{name} against 2020-12"
        );
        let mut d7 = s.clone();
        d7["$schema"] = json!("http://json-schema.org/draft-07/schema#");
        assert!(
            jsonschema::draft7::meta::is_valid(&d7),
            "{name} against draft-07"
        );
        let id = s["$id"].as_str().unwrap();
        assert!(
            id.starts_with("https://") && id.contains("/v1/") && id.ends_with(name),
            "{name}: {id}"
        );
        assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    }
}

/// Keywords that mean the same in draft-07 and 2020-12.
const PORTABLE: &[&str] = &[
    "$schema",
    "$id",
    "$ref",
    "$defs",
    "title",
    "description",
    "examples",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "enum",
    "const",
    "pattern",
    "format",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "propertyNames",
];

/// Walk every subschema: portable keywords only, a description on every property, closed
/// objects, and nothing but annotations beside a `$ref` (draft-07 ignores `$ref` siblings).
fn audit(node: &Value, at: &str, problems: &mut Vec<String>) {
    let Some(obj) = node.as_object() else { return };
    for k in obj.keys() {
        if !PORTABLE.contains(&k.as_str()) {
            problems.push(format!("{at}: keyword {k} is not portable"));
        }
    }
    if obj.contains_key("$ref") {
        for k in obj.keys() {
            if !["$ref", "description", "examples", "title"].contains(&k.as_str()) {
                problems.push(format!("{at}: {k} beside $ref"));
            }
        }
    }
    // Closed: no other keys, or (for a map) keys held to a pattern or list and every value
    // constrained. An empty subschema constrains nothing.
    let constrains = |key: &str, by: &[&str]| {
        obj.get(key)
            .and_then(Value::as_object)
            .is_some_and(|s| by.iter().any(|k| s.contains_key(*k)))
    };
    let closed = obj.get("additionalProperties") == Some(&json!(false))
        || (constrains("propertyNames", &["pattern", "enum", "$ref"])
            && constrains("additionalProperties", &["type", "enum", "const", "$ref"]));
    if obj.get("type") == Some(&json!("object")) && !closed {
        problems.push(format!("{at}: object is not closed"));
    }
    if let Some(props) = obj.get("properties").and_then(Value::as_object) {
        for (name, p) in props {
            if p.get("description")
                .and_then(Value::as_str)
                .is_none_or(str::is_empty)
            {
                problems.push(format!("{at}/properties/{name}: no description"));
            }
            audit(p, &format!("{at}/properties/{name}"), problems);
        }
    }
    if let Some(defs) = obj.get("$defs").and_then(Value::as_object) {
        for (name, d) in defs {
            audit(d, &format!("{at}/$defs/{name}"), problems);
        }
    }
    for key in ["items", "additionalProperties", "propertyNames"] {
        if let Some(sub) = obj.get(key).filter(|v| v.is_object()) {
            audit(sub, &format!("{at}/{key}"), problems);
        }
    }
}

#[test]
fn schemas_use_portable_keywords_describe_every_property_and_are_closed() {
    let mut problems = Vec::new();
    for name in [
        "defs.schema.json",
        "record.schema.json",
        "country.schema.json",
        "dataset.schema.json",
    ] {
        audit(&schema(name), name, &mut problems);
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_audit_catches_what_it_looks_for() {
    let mut problems = Vec::new();
    audit(
        &json!({"type": "object", "properties": {"a": {"type": "string", "if": {}}, "b": {"$ref": "#/x", "minLength": 1, "description": "b"}}}),
        "t",
        &mut problems,
    );
    assert_eq!(problems.len(), 4, "{problems:#?}");

    // Maps: closed only with both their keys and their values constrained.
    let map = |names: Value, values: Value| {
        let mut problems = Vec::new();
        audit(
            &json!({"type": "object", "propertyNames": names, "additionalProperties": values}),
            "m",
            &mut problems,
        );
        problems
    };
    let pattern = json!({"pattern": "^SB[0-9]{3}$"});
    let levels = json!({"enum": ["error", "warning"]});
    assert_eq!(map(pattern.clone(), levels.clone()), Vec::<String>::new());
    assert_eq!(map(json!({}), levels), ["m: object is not closed"]);
    assert_eq!(map(pattern, json!({})), ["m: object is not closed"]);
    let mut problems = Vec::new();
    audit(
        &json!({"type": "object", "additionalProperties": {"type": "string"}}),
        "o",
        &mut problems,
    );
    assert_eq!(problems, ["o: object is not closed"]);
}

#[test]
fn embedded_schemas_are_the_files_on_disk() {
    for (name, text) in sourcebook::schema::files() {
        assert_eq!(
            fs::read_to_string(Path::new("schema").join(name)).unwrap(),
            text,
            "{name}"
        );
    }
}

/// Every object the record schema describes, at any depth, admits no key it does not name. A
/// `release` takes a record from the check's field-by-field reading (which passes over unknown
/// keys, for the rules' sake) only when the file matched its schema; that is the record serde
/// reads from the file whole only while this holds.
#[test]
fn every_object_in_the_record_schemas_admits_no_unknown_key() {
    fn walk(node: &Value, at: &str, objects: &mut usize) {
        match node {
            Value::Object(o) => {
                if o.contains_key("properties") || o.get("type") == Some(&json!("object")) {
                    *objects += 1;
                    assert_eq!(
                        o.get("additionalProperties"),
                        Some(&json!(false)),
                        "{at} admits keys it does not name"
                    );
                }
                for (k, v) in o {
                    walk(v, &format!("{at}/{k}"), objects);
                }
            }
            Value::Array(a) => {
                for (i, v) in a.iter().enumerate() {
                    walk(v, &format!("{at}/{i}"), objects);
                }
            }
            _ => {}
        }
    }
    for name in ["record.schema.json", "defs.schema.json"] {
        let mut objects = 0;
        walk(&schema(name), name, &mut objects);
        assert!(objects > 3, "{name}: {objects} objects");
    }
}
