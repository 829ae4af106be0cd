//! Reading types from [`Json`] by hand: the few functions the widget's first view reads its JSON with (language
//! packs, `pack/reading.rs`; drafts, member lists and what the on-demand module hands back, in the widget),
//! instead of serde's derive.
//!
//! serde's derive gives every type its own deserialiser, and serde's machinery behind them weighed about 10 KB
//! brotli of the first view's module (measured: its wasm 134.9 to 124.3 KB with every derive it used stubbed
//! out). The types keep their derives, which define their JSON (the endpoint and the on-demand modules read and
//! write them so); each reader here is checked against the derive by a test beside it.
//!
//! Function pointers rather than closures: each reader inlined into each list's loop made this as large as
//! serde's derive.

use serde_json::{Number, Value};

/// A JSON value as the widget's first view reads and writes it (`src/json.rs`): serde_json's [`Value`], but an
/// object is its fields in the order written, a name given twice keeping its last value, rather than a
/// `BTreeMap`, whose insertion, search and drop weighed 1.3 KB brotli of the first view (its only map of
/// values left). Objects hold a few fields each, tens at most (a draft's answers), where a search along a list
/// is as quick.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Json {
    #[default]
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The value, leaving `null` in its place.
    pub fn take(&mut self) -> Json {
        std::mem::replace(self, Json::Null)
    }

    /// The value of the field `name` of an object.
    pub fn field_mut(&mut self, name: &str) -> Option<&mut Json> {
        match self {
            Json::Object(fields) => fields.iter_mut().find(|(field, _)| field == name).map(|(_, value)| value),
            _ => None,
        }
    }
}

impl From<&str> for Json {
    fn from(text: &str) -> Json {
        Json::String(text.to_string())
    }
}

impl From<String> for Json {
    fn from(text: String) -> Json {
        Json::String(text)
    }
}

impl From<bool> for Json {
    fn from(boolean: bool) -> Json {
        Json::Bool(boolean)
    }
}

impl From<u32> for Json {
    fn from(number: u32) -> Json {
        Json::Number(number.into())
    }
}

impl From<usize> for Json {
    fn from(number: usize) -> Json {
        Json::Number(number.into())
    }
}

impl From<u64> for Json {
    fn from(number: u64) -> Json {
        Json::Number(number.into())
    }
}

impl From<i64> for Json {
    fn from(number: i64) -> Json {
        Json::Number(number.into())
    }
}

/// serde_json's value as the same JSON (for tests, and the modules that read through serde).
impl From<Value> for Json {
    fn from(value: Value) -> Json {
        match value {
            Value::Null => Json::Null,
            Value::Bool(boolean) => Json::Bool(boolean),
            Value::Number(number) => Json::Number(number),
            Value::String(text) => Json::String(text),
            Value::Array(items) => Json::Array(items.into_iter().map(Json::from).collect()),
            Value::Object(fields) => {
                Json::Object(fields.into_iter().map(|(name, value)| (name, value.into())).collect())
            }
        }
    }
}

impl From<Json> for Value {
    fn from(json: Json) -> Value {
        match json {
            Json::Null => Value::Null,
            Json::Bool(boolean) => Value::Bool(boolean),
            Json::Number(number) => Value::Number(number),
            Json::String(text) => Value::String(text),
            Json::Array(items) => Value::Array(items.into_iter().map(Value::from).collect()),
            Json::Object(fields) => Value::Object(fields.into_iter().map(|(name, json)| (name, json.into())).collect()),
        }
    }
}

/// What went wrong, and where: ``questionnaire: section[2]: question[4]: missing field `label` ``.
pub type Read<T> = Result<T, String>;

pub fn string(value: Json) -> Read<String> {
    match value {
        Json::String(text) => Ok(text),
        _ => Err("expected a text".into()),
    }
}

pub fn strings(value: Json) -> Read<Vec<String>> {
    list(value, string)
}

pub fn boolean(value: Json) -> Read<bool> {
    match value {
        Json::Bool(boolean) => Ok(boolean),
        _ => Err("expected true or false".into()),
    }
}

/// A whole number that fits `T`.
pub fn whole<T: TryFrom<i64>>(value: Json) -> Read<T> {
    let number = match value {
        Json::Number(number) => number.as_i64(),
        _ => None,
    };
    number.and_then(|number| T::try_from(number).ok()).ok_or_else(|| "expected a whole number in range".into())
}

/// A number that fits no smaller type than `u64` (a time in milliseconds).
pub fn whole_u64(value: Json) -> Read<u64> {
    match value {
        Json::Number(number) => number.as_u64().ok_or_else(|| "expected a whole number in range".into()),
        _ => Err("expected a whole number in range".into()),
    }
}

/// (Loops and function pointers rather than iterator adapters and closures: each reader inlined into each
/// list's adapters made this as large as serde's derive.)
pub fn list<T>(value: Json, read: fn(Json) -> Read<T>) -> Read<Vec<T>> {
    let Json::Array(items) = value else { return Err("expected a list".into()) };
    let mut list = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        list.push(read(item).map_err(|e| format!("[{index}]: {e}"))?);
    }
    Ok(list)
}

/// A name serde writes for a fieldless variant (`"dimension"`), read by `from_name`.
pub fn name<T>(value: Json, from_name: fn(&str) -> Option<T>) -> Read<T> {
    from_name(&string(value)?).ok_or_else(|| "unknown variant".into())
}

/// `section[2]: question[1]: …`
fn place(name: &str, e: String) -> String {
    match e.starts_with('[') {
        true => format!("{name}{e}"),
        false => format!("{name}: {e}"),
    }
}

/// An object's fields, taken out one by one. Fields no one asks for are ignored, as serde does; `null` is
/// read as absent.
pub struct Fields(pub Vec<(String, Json)>);

impl Fields {
    pub fn of(value: Json) -> Read<Fields> {
        match value {
            Json::Object(fields) => Ok(Fields(fields)),
            _ => Err("expected an object".into()),
        }
    }

    pub fn optional<T>(&mut self, name: &str, read: fn(Json) -> Read<T>) -> Read<Option<T>> {
        // Taken in place rather than removed: nothing moves.
        match self.0.iter_mut().find(|(field, _)| field == name).map(|(_, value)| value.take()) {
            None | Some(Json::Null) => Ok(None),
            Some(value) => read(value).map(Some).map_err(|e| place(name, e)),
        }
    }

    pub fn required<T>(&mut self, name: &str, read: fn(Json) -> Read<T>) -> Read<T> {
        self.optional(name, read)?.ok_or_else(|| format!("missing field `{name}`"))
    }

    pub fn list<T>(&mut self, name: &str, read: fn(Json) -> Read<T>) -> Read<Vec<T>> {
        let value = self.required(name, Ok)?;
        list(value, read).map_err(|e| place(name, e))
    }

    pub fn string(&mut self, name: &str) -> Read<String> {
        self.required(name, string)
    }

    /// A fieldless variant by the name serde writes for it (a language, a kind).
    pub fn named<T>(&mut self, name: &str, from_name: fn(&str) -> Option<T>) -> Read<T> {
        let value = self.required(name, string)?;
        from_name(&value).ok_or_else(|| place(name, "unknown variant".into()))
    }
}

/// An enum as serde writes it by default ("externally tagged"): a fieldless variant as its name, any other as an
/// object with one field, its name, holding its fields. Its name, and its fields if any.
pub fn variant(value: Json) -> Read<(String, Option<Fields>)> {
    match value {
        Json::String(name) => Ok((name, None)),
        Json::Object(object) if object.len() == 1 => {
            let (name, fields) = object.into_iter().next().expect("one field");
            match fields {
                // serde also reads a fieldless variant written as `{"name": null}`.
                Json::Null => Ok((name, None)),
                fields => Ok((name, Some(Fields::of(fields)?))),
            }
        }
        _ => Err("expected a variant".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{questionnaire::KindName, Lang, SectionKind};
    use serde::de::DeserializeOwned;
    use serde_json::json;

    fn by_serde<T: DeserializeOwned>(name: &str) -> Option<T> {
        serde_json::from_value(Value::from(name)).ok()
    }

    /// The names read by hand are those serde writes and reads, for every variant.
    #[test]
    fn names_are_read_as_serde_reads_them() {
        for lang in Lang::ALL {
            assert_eq!(serde_json::to_value(lang).unwrap(), Value::from(lang.code()));
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        for kind in [SectionKind::Profile, SectionKind::Dimension] {
            let name = serde_json::to_value(kind).unwrap();
            assert_eq!(SectionKind::from_name(name.as_str().unwrap()), Some(kind));
        }
        for (name, kind) in KindName::ALL {
            assert_eq!(by_serde::<KindName>(name), Some(kind), "{name}");
        }
        for unknown in ["", "Dimension", "fr-CA", "xx"] {
            assert_eq!(Lang::from_code(unknown), None);
            assert_eq!(SectionKind::from_name(unknown), None);
            assert_eq!(KindName::from_name(unknown), None);
            assert!(by_serde::<KindName>(unknown).is_none());
        }
    }

    #[test]
    fn fields_are_taken_as_serde_takes_them() {
        let mut fields =
            Fields::of(json!({"id": "a", "n": 3, "gone": null, "list": ["x", "y"], "big": -1}).into()).unwrap();
        assert_eq!(fields.string("id"), Ok("a".to_string()));
        assert_eq!(fields.required("n", whole::<u8>), Ok(3));
        assert_eq!(fields.optional("gone", string), Ok(None));
        assert_eq!(fields.optional("absent", string), Ok(None));
        assert_eq!(fields.list("list", string), Ok(vec!["x".to_string(), "y".to_string()]));
        assert_eq!(fields.required("big", whole::<u32>), Err("big: expected a whole number in range".to_string()));
        assert_eq!(fields.string("absent"), Err("missing field `absent`".to_string()));
        assert!(Fields::of(json!([1]).into()).is_err());
    }

    #[test]
    fn variants_are_read_in_every_form_serde_reads() {
        assert_eq!(
            variant(json!("map").into()).map(|(name, fields)| (name, fields.is_none())),
            Ok(("map".into(), true))
        );
        assert_eq!(
            variant(json!({"map": null}).into()).map(|(name, fields)| (name, fields.is_none())),
            Ok(("map".into(), true))
        );
        let (name, fields) = variant(json!({"back": {"draft": 1}}).into()).unwrap();
        assert_eq!((name.as_str(), fields.map(|f| f.0.len())), ("back", Some(1)));
        for refused in [json!({}), json!({"a": {}, "b": {}}), json!(3), json!({"a": 3})] {
            let refused = Json::from(refused);
            assert!(variant(refused).is_err());
        }
    }
}
