//! The embedded JSON Schemas: their text, the kind of file each governs, and validators compiled once.

use std::collections::HashMap;
use std::sync::LazyLock;

use jsonschema::{Registry, Validator};
use serde_json::Value;

use crate::json;

pub const DEFS: &str = include_str!("../schema/defs.schema.json");
pub const RECORD: &str = include_str!("../schema/record.schema.json");
pub const COUNTRY: &str = include_str!("../schema/country.schema.json");
pub const DATASET: &str = include_str!("../schema/dataset.schema.json");

/// The kinds of file a dataset holds, each governed by one schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Dataset,
    Country,
    Record,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Dataset, Kind::Country, Kind::Record];

    pub fn schema_text(self) -> &'static str {
        match self {
            Kind::Dataset => DATASET,
            Kind::Country => COUNTRY,
            Kind::Record => RECORD,
        }
    }

    /// The schema's file name under `schema/`.
    pub fn schema_file(self) -> &'static str {
        match self {
            Kind::Dataset => "dataset.schema.json",
            Kind::Country => "country.schema.json",
            Kind::Record => "record.schema.json",
        }
    }

    pub fn schema(self) -> &'static Value {
        let i = self as usize;
        &PARSED[i]
    }

    pub fn validator(self) -> &'static Validator {
        &VALIDATORS[self as usize]
    }
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

static PARSED: LazyLock<[Value; 3]> = LazyLock::new(|| Kind::ALL.map(|k| parse(k.schema_text())));

pub(crate) fn id_of(schema: &Value) -> String {
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
            .build(k.schema())
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
            .find(|k| k.schema_file() == f)
            .map_or(&*DEFS_PARSED, |k| k.schema()),
    };
    doc.pointer(frag).map_or(node, deref)
}

static DEFS_PARSED: LazyLock<Value> = LazyLock::new(|| parse(DEFS));

/// The shared definitions schema, parsed.
pub fn defs() -> &'static Value {
    &DEFS_PARSED
}

/// Property order of every object in every schema, by schema file name and JSON pointer.
static ORDERS: LazyLock<HashMap<&'static str, HashMap<String, Vec<String>>>> =
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
            f => match Kind::ALL.iter().find(|k| k.schema_file() == f) {
                Some(k) => k.schema(),
                None => continue,
            },
        };
        if let Some(ptr) = find_pointer(doc, node, &mut String::new())
            && let Some(order) = text_orders.get(&format!("{ptr}/properties"))
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
fn find_pointer(hay: &Value, needle: &Value, pointer: &mut String) -> Option<String> {
    if std::ptr::eq(hay, needle) {
        return Some(pointer.clone());
    }
    match hay {
        Value::Object(m) => m.iter().find_map(|(k, v)| {
            let len = pointer.len();
            json::push_token(pointer, k);
            let r = find_pointer(v, needle, pointer);
            pointer.truncate(len);
            r
        }),
        Value::Array(a) => a.iter().enumerate().find_map(|(i, v)| {
            let len = pointer.len();
            json::push_token(pointer, &i.to_string());
            let r = find_pointer(v, needle, pointer);
            pointer.truncate(len);
            r
        }),
        _ => None,
    }
}

fn type_label(node: &Value) -> String {
    // Named definitions say more than "string (pattern)".
    if let Some(r) = node.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap_or_default();
        let label = match name {
            "record_id" => Some("string (record id)"),
            "alpha2" => Some("string (ISO 3166-1 alpha-2 code)"),
            "slug" => Some("string (slug)"),
            "partial_date" => Some("string (partial date YYYY, YYYY-MM or YYYY-MM-DD)"),
            "full_date" => Some("string (date YYYY-MM-DD)"),
            "text" => Some("string"),
            "url" => Some("string (http or https URL)"),
            _ => None,
        };
        if let Some(label) = label {
            return label.into();
        }
    }
    let node = deref(node);
    if let Some(e) = node.get("enum").and_then(Value::as_array) {
        let vals: Vec<String> = e
            .iter()
            .map(|v| format!("`{}`", v.as_str().unwrap_or_default()))
            .collect();
        return format!("one of {}", vals.join(", "));
    }
    match node.get("type").and_then(Value::as_str) {
        Some("array") => format!("array of {}", type_label(&node["items"])),
        Some("string") => match node.get("format").and_then(Value::as_str) {
            Some("date") => "string (date YYYY-MM-DD)".into(),
            _ => match node.get("pattern").and_then(Value::as_str) {
                Some(p) if p.len() <= 40 => format!("string matching `{}`", p.replace('|', "\\|")),
                Some(_) => "string (pattern)".into(),
                None => "string".into(),
            },
        },
        Some(t) => t.to_string(),
        None => "any".into(),
    }
}

/// A schema node's `description`, following a `$ref` into the definitions if it has none.
pub fn description(node: &Value) -> Option<&str> {
    node.get("description")
        .or_else(|| deref(node).get("description"))
        .and_then(Value::as_str)
}

/// The field reference of a kind as a Markdown table: every property, nested ones by their
/// dotted path (`[]` for array items), its type, whether it is required, and its description.
pub fn field_reference(kind: Kind) -> String {
    let mut rows = String::from("| Field | Type | Required | Description |\n|---|---|---|---|\n");
    fn walk(node: &Value, prefix: &str, rows: &mut String) {
        let node = deref(node);
        let required: Vec<&str> = node
            .get("required")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for (name, prop) in ordered_properties(node) {
            let path = format!("{prefix}{name}");
            let desc = description(prop).unwrap_or_default().replace('|', "\\|");
            let req = if required.contains(&name) { "yes" } else { "" };
            rows.push_str(&format!(
                "| `{path}` | {} | {req} | {desc} |\n",
                type_label(prop)
            ));
            let target = deref(prop);
            match target.get("type").and_then(Value::as_str) {
                Some("object") => walk(target, &format!("{path}."), rows),
                Some("array") => walk(&target["items"], &format!("{path}[]."), rows),
                _ => {}
            }
        }
    }
    walk(kind.schema(), "", &mut rows);
    rows
}

/// `docs/fields.md`: the field reference of every kind of file, generated from the schemas.
pub fn fields_markdown() -> String {
    let mut s = String::from(
        "# Field reference\n\n<!-- Generated from schema/*.schema.json; do not edit by hand. -->\n\n\
         Nested fields are written with dots; `[]` stands for each item of a list.\n",
    );
    for kind in [Kind::Record, Kind::Country, Kind::Dataset] {
        let schema = kind.schema();
        s.push_str(&format!(
            "\n## {} (`schema/{}`)\n\n{}\n\n",
            schema["title"].as_str().unwrap_or_default(),
            kind.schema_file(),
            schema["description"].as_str().unwrap_or_default()
        ));
        s.push_str(&field_reference(kind));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_compiles() {
        for k in Kind::ALL {
            let _ = k.validator();
        }
    }
}
