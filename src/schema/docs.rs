//! What the schemas say to people: each field's type and description, and the field reference
//! (`docs/fields.md`) generated from them.

use serde_json::Value;

use super::embedded::{deref, file_name, of, ordered_properties};
use crate::layout::Kind;

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
    walk(of(kind), "", &mut rows);
    rows
}

/// `docs/fields.md`: the field reference of every kind of file, generated from the schemas.
pub fn fields_markdown() -> String {
    let mut s = String::from(
        "# Field reference\n\n<!-- Generated from schema/*.schema.json; do not edit by hand. -->\n\n\
         Nested fields are written with dots; `[]` stands for each item of a list.\n",
    );
    for kind in [Kind::Record, Kind::Country, Kind::Dataset] {
        let schema = of(kind);
        s.push_str(&format!(
            "\n## {} (`schema/{}`)\n\n{}\n\n",
            schema["title"].as_str().unwrap_or_default(),
            file_name(kind),
            schema["description"].as_str().unwrap_or_default()
        ));
        s.push_str(&field_reference(kind));
    }
    s
}
