//! The schemas as the binary carries them: their text, parsed once, compiled into validators
//! once, and what is read from them directly (references, key order).

use std::collections::HashMap;
use std::sync::LazyLock;

use jsonschema::{Registry, Validator};
use serde_json::Value;

use crate::json::{self, Pointer};
use crate::layout::Kind;

pub const DEFS: &str = include_str!("../../schema/defs.schema.json");
pub const RECORD: &str = include_str!("../../schema/record.schema.json");
pub const COUNTRY: &str = include_str!("../../schema/country.schema.json");
pub const DATASET: &str = include_str!("../../schema/dataset.schema.json");

/// The text of the schema governing `kind`.
pub fn text(kind: Kind) -> &'static str {
    match kind {
        Kind::Dataset => DATASET,
        Kind::Country => COUNTRY,
        Kind::Record => RECORD,
    }
}

/// The file name under `schema/` of the schema governing `kind`.
pub fn file_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Dataset => "dataset.schema.json",
        Kind::Country => "country.schema.json",
        Kind::Record => "record.schema.json",
    }
}

/// The schema governing `kind`, parsed.
pub fn of(kind: Kind) -> &'static Value {
    &PARSED[kind as usize]
}

/// The compiled validator for `kind`.
pub fn validator(kind: Kind) -> &'static Validator {
    &VALIDATORS[kind as usize]
}

/// Every embedded schema file with its name, for releases and editor mappings.
pub fn files() -> [(&'static str, &'static str); 4] {
    [
        ("country.schema.json", COUNTRY),
        ("dataset.schema.json", DATASET),
        ("defs.schema.json", DEFS),
        ("record.schema.json", RECORD),
    ]
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("embedded schemas are valid JSON (tested)")
}

static PARSED: LazyLock<[Value; 3]> = LazyLock::new(|| Kind::ALL.map(|k| parse(text(k))));

pub(super) fn id_of(schema: &Value) -> String {
    schema["$id"]
        .as_str()
        .expect("every schema has an $id")
        .to_string()
}

/// Validators for each kind, with format validation on and nothing fetched: sibling schemas
/// are registered by `$id`, and a reference to anything else fails at build time.
static VALIDATORS: LazyLock<[Validator; 3]> = LazyLock::new(|| {
    let registry = Registry::new()
        .add(id_of(defs()), defs().clone())
        .and_then(|r| r.prepare())
        .expect("the definitions schema registers");
    Kind::ALL.map(|k| {
        jsonschema::options()
            .offline()
            .with_registry(&registry)
            .should_validate_formats(true)
            .should_ignore_unknown_formats(false)
            .build(of(k))
            .expect("embedded schemas compile (tested)")
    })
});

/// Resolve a `$ref` within the embedded schemas to the node it names.
pub fn deref(node: &Value) -> &Value {
    let Some(r) = node.get("$ref").and_then(Value::as_str) else {
        return node;
    };
    let (file, frag) = r.split_once('#').unwrap_or((r, ""));
    let doc: &Value = match file {
        "" | "defs.schema.json" => &DEFS_PARSED,
        f => Kind::ALL
            .iter()
            .find(|k| file_name(**k) == f)
            .map_or(&*DEFS_PARSED, |k| of(*k)),
    };
    doc.pointer(frag).map_or(node, deref)
}

static DEFS_PARSED: LazyLock<Value> = LazyLock::new(|| parse(DEFS));

/// The shared definitions schema, parsed.
pub fn defs() -> &'static Value {
    &DEFS_PARSED
}

/// Property order of every object in every schema, by schema file name and JSON pointer.
static ORDERS: LazyLock<HashMap<&'static str, HashMap<Pointer, Vec<String>>>> =
    LazyLock::new(|| {
        files()
            .into_iter()
            .map(|(name, text)| {
                (
                    name,
                    json::key_orders(text).expect("embedded schemas parse"),
                )
            })
            .collect()
    });

/// The properties of a schema object in the order the schema file lists them.
pub fn ordered_properties(node: &Value) -> Vec<(&str, &Value)> {
    let Some(props) = node.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    // Find which schema file and pointer this node is, by identity.
    for (file, text_orders) in ORDERS.iter() {
        let doc: &Value = match *file {
            "defs.schema.json" => &DEFS_PARSED,
            f => match Kind::ALL.iter().find(|k| file_name(**k) == f) {
                Some(k) => of(*k),
                None => continue,
            },
        };
        if let Some(ptr) = find_pointer(doc, node, &mut Pointer::default())
            && let Some(order) = text_orders.get(&ptr.key("properties"))
        {
            return order
                .iter()
                .filter_map(|k| props.get_key_value(k).map(|(k, v)| (k.as_str(), v)))
                .collect();
        }
    }
    props.iter().map(|(k, v)| (k.as_str(), v)).collect()
}

/// The pointer at which `needle` sits inside `hay`, compared by address.
fn find_pointer(hay: &Value, needle: &Value, pointer: &mut Pointer) -> Option<Pointer> {
    if std::ptr::eq(hay, needle) {
        return Some(pointer.clone());
    }
    match hay {
        Value::Object(m) => m.iter().find_map(|(k, v)| {
            let len = pointer.len();
            pointer.push_key(k);
            let r = find_pointer(v, needle, pointer);
            pointer.truncate(len);
            r
        }),
        Value::Array(a) => a.iter().enumerate().find_map(|(i, v)| {
            let len = pointer.len();
            pointer.push_index(i);
            let r = find_pointer(v, needle, pointer);
            pointer.truncate(len);
            r
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_compiles() {
        for k in Kind::ALL {
            let _ = validator(k);
        }
    }
}
