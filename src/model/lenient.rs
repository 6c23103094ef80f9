//! Reading a JSON value into the model leniently, for a file that does not fully match its
//! schema: an object's unknown keys are passed over (the schema validator has reported them),
//! so a misspelt key beside a field does not hide the field. Everything else is read as
//! strictly as ever: a value of the wrong type is still an error.

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use serde_json::{Map, Value};

/// A borrowed JSON value as a serde deserializer that passes over unknown struct fields.
#[derive(Clone, Copy)]
pub struct Lenient<'a>(pub &'a Value);

type Error = serde_json::Error;

impl<'de> Deserializer<'de> for Lenient<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => v.visit_unit(),
            Value::Bool(b) => v.visit_bool(*b),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    v.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    v.visit_i64(i)
                } else {
                    v.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => v.visit_borrowed_str(s),
            Value::Array(a) => v.visit_seq(Seq(a.iter())),
            Value::Object(o) => v.visit_map(Fields::new(o, None)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => v.visit_none(),
            _ => v.visit_some(self),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(o) => v.visit_map(Fields::new(o, Some(fields))),
            _ => self.deserialize_any(v),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        // The model's enums are all unit variants written as strings.
        match self.0 {
            Value::String(s) => {
                v.visit_enum(IntoDeserializer::<Error>::into_deserializer(s.as_str()))
            }
            other => Err(de::Error::invalid_type(unexpected(other), &"a string")),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        v: V,
    ) -> Result<V::Value, Error> {
        v.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

fn unexpected(v: &Value) -> de::Unexpected<'_> {
    match v {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Number(_) => de::Unexpected::Other("a number"),
        Value::String(s) => de::Unexpected::Str(s),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    }
}

struct Seq<'a>(std::slice::Iter<'a, Value>);

impl<'de> SeqAccess<'de> for Seq<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0
            .next()
            .map(|v| seed.deserialize(Lenient(v)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// An object's entries; with `fields`, only the keys a struct declares.
struct Fields<'a> {
    entries: serde_json::map::Iter<'a>,
    fields: Option<&'static [&'static str]>,
    value: Option<&'a Value>,
}

impl<'a> Fields<'a> {
    fn new(o: &'a Map<String, Value>, fields: Option<&'static [&'static str]>) -> Self {
        Fields {
            entries: o.iter(),
            fields,
            value: None,
        }
    }
}

impl<'de> MapAccess<'de> for Fields<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        for (k, v) in self.entries.by_ref() {
            if self.fields.is_some_and(|f| !f.contains(&k.as_str())) {
                continue;
            }
            self.value = Some(v);
            return seed
                .deserialize(BorrowedStrDeserializer::<Error>::new(k))
                .map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let v = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("a value asked for before its key"))?;
        seed.deserialize(Lenient(v))
    }
}

/// Read `value` as a `T`, passing over unknown keys; `None` when it does not fit.
pub fn read<'a, T: serde::Deserialize<'a>>(value: &'a Value) -> Option<T> {
    T::deserialize(Lenient(value)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Published, Rights, RightsStatus};
    use serde_json::json;

    #[test]
    fn unknown_keys_are_passed_over_and_wrong_types_are_not() {
        let r: Option<Rights> = read(&json!({
            "status": "copyrighted", "holdr": "EFE", "basis": "fair_use", "quoted_words": 3
        }));
        let r = r.expect("a misspelt key does not hide the rest");
        assert_eq!(r.status, RightsStatus::Copyrighted);
        assert_eq!(r.holder, None);
        assert_eq!(r.quoted_words, 3);
        // The strict reading refuses the same object.
        assert!(
            serde_json::from_value::<Rights>(json!({
                "status": "copyrighted", "holdr": "EFE", "basis": "fair_use", "quoted_words": 3
            }))
            .is_err()
        );
        for bad in [
            json!({"status": "copyrighted", "quoted_words": 101.0}),
            json!({"status": "nope", "quoted_words": 3}),
            json!({"status": "copyrighted"}),
            json!("copyrighted"),
        ] {
            assert_eq!(read::<Rights>(&bad), None, "{bad}");
        }
        let p: Option<Published> = read(&json!({"date": "2001-11", "as_printed": "Nov 2001"}));
        assert_eq!(p.map(|p| p.date.to_string()), Some("2001-11".into()));
        assert_eq!(read::<Published>(&json!({"date": "2001-02-29"})), None);
    }
}
