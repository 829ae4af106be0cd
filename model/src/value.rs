//! A type read from a [`Json`] by serde, as `serde_json::from_value` reads a `Value`, but with an error that says
//! what kind of mistake it found without quoting the JSON. The results' module reads the endpoint's replies this
//! way (the widget's `src/json.rs`; the first view reads its own JSON by hand, `crate::read`, with no serde code
//! at all): serde's messages quote what they found,
//! a number with a fraction printed by Rust's float formatting. With serde_json's error, its quoting and every
//! type's description, that weighed 6.9 KB brotli of the first view's module (measured: its wasm 152.8 to 145.9
//! KB), for messages no visitor reads: JSON that is not what the widget wrote is treated as absent, or as an
//! unexpected reply. (The on-demand modules read their embedded regions with serde_json's reader, which brings
//! that formatting back: for them it changes nothing.)

use crate::read::Json;
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, Expected, IntoDeserializer, MapAccess, SeqAccess, Unexpected,
    VariantAccess, Visitor,
};
use std::fmt;

/// Reads a `T` from `value`.
pub fn from_value<T: de::DeserializeOwned>(value: Json) -> Result<T, Mismatch> {
    T::deserialize(ValueDeserializer(value))
}

/// What kind of mistake made JSON unreadable as the type asked for (`invalid type`, `missing field `id``...).
#[derive(Debug, Clone, PartialEq)]
pub struct Mismatch(&'static str, Option<&'static str>);

impl fmt::Display for Mismatch {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(self.0)?;
        match self.1 {
            Some(field) => {
                formatter.write_str(" `")?;
                formatter.write_str(field)?;
                formatter.write_str("`")
            }
            None => Ok(()),
        }
    }
}

impl std::error::Error for Mismatch {}

// Every constructor names the kind of mistake and formats nothing, so no `Display` of serde's (nor Rust's float
// formatting behind them) is linked in.
impl de::Error for Mismatch {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Mismatch("invalid data", None)
    }

    fn invalid_type(_: Unexpected, _: &dyn Expected) -> Self {
        Mismatch("invalid type", None)
    }

    fn invalid_value(_: Unexpected, _: &dyn Expected) -> Self {
        Mismatch("invalid value", None)
    }

    fn invalid_length(_: usize, _: &dyn Expected) -> Self {
        Mismatch("invalid length", None)
    }

    fn unknown_variant(_: &str, _: &'static [&'static str]) -> Self {
        Mismatch("unknown variant", None)
    }

    fn unknown_field(_: &str, _: &'static [&'static str]) -> Self {
        Mismatch("unknown field", None)
    }

    fn missing_field(field: &'static str) -> Self {
        Mismatch("missing field", Some(field))
    }

    fn duplicate_field(field: &'static str) -> Self {
        Mismatch("duplicate field", Some(field))
    }
}

struct ValueDeserializer(Json);

impl<'de> Deserializer<'de> for ValueDeserializer {
    type Error = Mismatch;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        match self.0 {
            Json::Null => visitor.visit_unit(),
            Json::Bool(b) => visitor.visit_bool(b),
            Json::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(whole), _) => visitor.visit_u64(whole),
                (None, Some(whole)) => visitor.visit_i64(whole),
                (None, None) => visitor.visit_f64(n.as_f64().unwrap_or_default()),
            },
            Json::String(text) => visitor.visit_string(text),
            Json::Array(items) => {
                let length = items.len();
                let mut items = Items(items.into_iter());
                let read = visitor.visit_seq(&mut items)?;
                match items.0.len() {
                    0 => Ok(read),
                    _ => Err(de::Error::invalid_length(length, &"fewer items")),
                }
            }
            Json::Object(fields) => visitor.visit_map(Fields { fields: fields.into_iter(), value: None }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        match self.0 {
            Json::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, Mismatch> {
        visitor.visit_newtype_struct(self)
    }

    /// An enum as serde writes it: a unit variant as its name, another as an object of one field, its name.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        match self.0 {
            Json::String(variant) => visitor.visit_enum(variant.into_deserializer()),
            Json::Object(fields) if fields.len() == 1 => {
                let (variant, value) = fields.into_iter().next().unwrap_or_default();
                visitor.visit_enum(Variant { variant, value })
            }
            Json::Object(_) => Err(de::Error::invalid_value(Unexpected::Map, &"one field")),
            _ => Err(de::Error::invalid_type(Unexpected::Other("JSON"), &"an enum")),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit unit_struct seq
        tuple tuple_struct map struct identifier
    }
}

impl<'de> IntoDeserializer<'de, Mismatch> for ValueDeserializer {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

struct Items(std::vec::IntoIter<Json>);

impl<'de> SeqAccess<'de> for Items {
    type Error = Mismatch;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Mismatch> {
        self.0.next().map(|item| seed.deserialize(ValueDeserializer(item))).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Fields {
    fields: std::vec::IntoIter<(String, Json)>,
    /// The value of the field whose name was just read.
    value: Option<Json>,
}

impl<'de> MapAccess<'de> for Fields {
    type Error = Mismatch;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Mismatch> {
        let Some((name, value)) = self.fields.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(IntoDeserializer::<Mismatch>::into_deserializer(name)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Mismatch> {
        seed.deserialize(ValueDeserializer(self.value.take().unwrap_or_default()))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.fields.len())
    }
}

/// An enum's variant written as an object of one field: its name, and what it holds.
struct Variant {
    variant: String,
    value: Json,
}

impl<'de> EnumAccess<'de> for Variant {
    type Error = Mismatch;
    type Variant = ValueDeserializer;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, ValueDeserializer), Mismatch> {
        let variant = seed.deserialize(IntoDeserializer::<Mismatch>::into_deserializer(self.variant))?;
        Ok((variant, ValueDeserializer(self.value)))
    }
}

impl<'de> VariantAccess<'de> for ValueDeserializer {
    type Error = Mismatch;

    fn unit_variant(self) -> Result<(), Mismatch> {
        de::Deserialize::deserialize(self)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Mismatch> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Mismatch> {
        self.deserialize_any(visitor)
    }

    /// Its fields as an object, not as a list, as serde_json reads it.
    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], visitor: V) -> Result<V::Value, Mismatch> {
        match self.0 {
            Json::Object(_) => self.deserialize_any(visitor),
            _ => Err(de::Error::invalid_type(Unexpected::Other("JSON"), &"an object")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::{json, Value};
    use std::collections::BTreeMap;

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Plain,
        Named(String),
        Pair(u8, u8),
        Shape { sides: u32 },
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Everything {
        whole: u32,
        negative: i64,
        fraction: f64,
        text: String,
        flag: bool,
        maybe: Option<String>,
        absent: Option<u8>,
        #[serde(default)]
        defaulted: Vec<u8>,
        list: Vec<Kind>,
        map: BTreeMap<String, Option<u16>>,
        tuple: (u8, String),
        newtype: Newtype,
        unit: (),
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Newtype(String);

    fn reads_as_serde_json<T: de::DeserializeOwned + PartialEq + fmt::Debug>(value: Value) {
        match (from_value::<T>(value.clone().into()), serde_json::from_value::<T>(value.clone())) {
            (Ok(read), Ok(expected)) => assert_eq!(read, expected, "{value}"),
            (Err(_), Err(_)) => {}
            (read, expected) => panic!("{value}: {read:?}, where serde_json reads {expected:?}"),
        }
    }

    #[test]
    fn every_shape_reads_as_serde_json_reads_it() {
        reads_as_serde_json::<Everything>(json!({
            "whole": 4_000_000_000u32, "negative": -7, "fraction": 2.5, "text": "é 🌍", "flag": true,
            "maybe": "yes", "absent": null, "list": ["plain", {"plain": null}, {"named": "x"}, {"pair": [1, 2]},
            {"shape": {"sides": 3}}],
            "map": {"a": 1, "b": null}, "tuple": [7, "seven"], "newtype": "inside", "unit": null, "ignored": [1, {}],
        }));
        // A struct written as the list of its fields' values, as serde_json also reads it.
        reads_as_serde_json::<Everything>(json!([
            1,
            -2,
            0.5,
            "t",
            false,
            null,
            null,
            [],
            [],
            {},
            [1, "one"],
            "n",
            null
        ]));
        reads_as_serde_json::<f64>(json!(3));
        reads_as_serde_json::<i8>(json!(-128));
        reads_as_serde_json::<Option<Vec<u64>>>(json!([18446744073709551615u64]));
    }

    #[test]
    fn what_is_not_the_type_is_refused_saying_what_is_wrong() {
        let refused = |value: Value| from_value::<Everything>(value.into()).unwrap_err().to_string();
        let mut everything = json!({
            "whole": 1, "negative": -1, "fraction": 1.5, "text": "", "flag": false, "maybe": null, "list": [],
            "map": {}, "tuple": [1, ""], "newtype": "", "unit": null,
        });
        assert!(from_value::<Everything>(everything.clone().into()).is_ok());
        everything["whole"] = json!(1.5);
        assert_eq!(refused(everything.clone()), "invalid type");
        everything["whole"] = json!(-1);
        assert_eq!(refused(everything.clone()), "invalid value");
        everything["whole"] = json!(1);
        everything["list"] = json!(["square"]);
        assert_eq!(refused(everything.clone()), "unknown variant");
        everything["list"] = json!([{"plain": null, "named": "two fields"}]);
        assert_eq!(refused(everything.clone()), "invalid value");
        everything["list"] = json!(["named"]);
        assert_eq!(refused(everything.clone()), "invalid type");
        everything["list"] = json!([]);
        everything["tuple"] = json!([1, "", 3]);
        assert_eq!(refused(everything.clone()), "invalid length");
        everything["tuple"] = json!([1, ""]);
        everything.as_object_mut().unwrap().remove("text");
        assert_eq!(refused(everything), "missing field `text`");
        let values = [json!(1.5), json!(-1), json!(256), json!("1"), json!([1, 2]), json!({"a": 1}), json!(null)];
        let variants = [
            json!("pair"),
            json!({"pair": [1]}),
            json!({"pair": 1}),
            json!({"shape": {}}),
            json!({"shape": [4]}),
            json!({"x": 1}),
        ];
        for value in values.into_iter().chain(variants) {
            reads_as_serde_json::<u8>(value.clone());
            reads_as_serde_json::<Kind>(value.clone());
            reads_as_serde_json::<Everything>(value);
        }
    }
}
