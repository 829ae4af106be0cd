//! JSON read and written by the browser (`JSON.parse`, `JSON.stringify`), carried to and from serde through
//! serde_json's [`Value`]: the first view's module then holds no JSON parser or writer of its own (serde_json's
//! reader and writer, their number parsing and formatting), only the `Value` that reading a language pack needs
//! anyway. Measured: the first view 177.5 to 170.5 KB brotli (its wasm 161.5 to 154.2 KB), the results'
//! module 211.8 to 210.6 KB; the map's module, which reads no questionnaire and so had no `Value` code, grew
//! 139.7 to 141.9 KB with it and is built without it (feature `browser-json`). Without the feature, and in
//! native builds (the unit tests, the tools), serde_json reads and writes the same JSON.

use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;

/// Reads `json` as a `T`; what is wrong with it, if anything.
#[cfg(all(target_arch = "wasm32", feature = "browser-json"))]
pub fn parse<T: DeserializeOwned>(json: &str) -> Result<T, String> {
    serde_json::from_value(parse_value(json)?).map_err(|error| error.to_string())
}

/// `value` as JSON; empty if it cannot be (it always can for the widget's types).
#[cfg(all(target_arch = "wasm32", feature = "browser-json"))]
pub fn to_string<T: Serialize>(value: &T) -> String {
    let value = serde_json::to_value(value).map(|value| browser::to_js(&value));
    value.ok().and_then(|value| js_sys::JSON::stringify(&value).ok()).map(String::from).unwrap_or_default()
}

#[cfg(all(target_arch = "wasm32", feature = "browser-json"))]
pub fn parse_value(json: &str) -> Result<Value, String> {
    let parsed = js_sys::JSON::parse(json).map_err(|_| "not JSON".to_string())?;
    Ok(browser::from_js(&parsed))
}

#[cfg(not(all(target_arch = "wasm32", feature = "browser-json")))]
pub fn parse<T: DeserializeOwned>(json: &str) -> Result<T, String> {
    serde_json::from_str(json).map_err(|error| error.to_string())
}

#[cfg(not(all(target_arch = "wasm32", feature = "browser-json")))]
pub fn to_string<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

#[cfg(not(all(target_arch = "wasm32", feature = "browser-json")))]
pub fn parse_value(json: &str) -> Result<Value, String> {
    parse(json)
}

/// Between serde_json's `Value` and what `JSON.parse` gives and `JSON.stringify` takes.
pub mod browser {
    use js_sys::{Array, Object, Reflect};
    use serde_json::{Map, Number, Value};
    use wasm_bindgen::{JsCast, JsValue};

    /// What `JSON.parse` gave, as a `Value`. Whole numbers become integers, as serde_json reads `3`; others
    /// floats (`JSON.parse` keeps no difference between `3` and `3.0`, which serde reads alike into a float).
    pub fn from_js(js: &JsValue) -> Value {
        if let Some(text) = js.as_string() {
            Value::String(text)
        } else if let Some(n) = js.as_f64() {
            whole(n).unwrap_or_else(|| Number::from_f64(n).map_or(Value::Null, Value::Number))
        } else if let Some(flag) = js.as_bool() {
            Value::Bool(flag)
        } else if let Some(items) = js.dyn_ref::<Array>() {
            Value::Array(items.iter().map(|item| from_js(&item)).collect())
        } else if js.is_object() {
            let mut map = Map::new();
            for entry in Object::entries(js.unchecked_ref()).iter() {
                let entry: Array = entry.unchecked_into();
                map.insert(entry.get(0).as_string().unwrap_or_default(), from_js(&entry.get(1)));
            }
            Value::Object(map)
        } else {
            Value::Null
        }
    }

    /// Numbers JavaScript holds exactly (up to 2^53) as integers.
    fn whole(n: f64) -> Option<Value> {
        const EXACT: f64 = 9_007_199_254_740_992.0;
        if n.fract() != 0.0 || !(-EXACT..=EXACT).contains(&n) {
            return None;
        }
        Some(if n >= 0.0 { Value::from(n as u64) } else { Value::from(n as i64) })
    }

    /// `value` as what `JSON.stringify` writes back.
    pub fn to_js(value: &Value) -> JsValue {
        match value {
            Value::Null => JsValue::NULL,
            Value::Bool(flag) => JsValue::from_bool(*flag),
            Value::Number(n) => JsValue::from_f64(n.as_f64().unwrap_or(f64::NAN)),
            Value::String(text) => JsValue::from_str(text),
            Value::Array(items) => items.iter().map(to_js).collect::<Array>().into(),
            Value::Object(map) => {
                let object = Object::new();
                for (key, item) in map {
                    let _ = Reflect::set(&object, &JsValue::from_str(key), &to_js(item));
                }
                object.into()
            }
        }
    }
}
