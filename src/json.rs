//! JSON read and written in the first view's module with no serde code: read by [`parse_value`] below into a
//! [`Json`] (`forus_model::read`'s: serde_json's `Value` with its objects as lists, no `BTreeMap`), then into a
//! type by hand (`forus_model::read`, through [`read`]); written by [`write`] from a `Json` built by hand
//! (`Draft::to_value`).
//! serde's derives still define these types' JSON (the endpoint and the on-demand modules read and write them
//! so), and each reader and writer by hand is tested against its type's derive, both ways. Measured: with the
//! drafts, the member list, the parts and their returns read and written this way, and the pack's names read by
//! hand, no serde deserialiser nor serde_json's writer is left in the first view: its wasm 134.9 to 127.7 KB
//! brotli. Before that, serde_json's reader had gone (monomorphised for every type read, with its number
//! parsing: 6 KB brotli), types being read by serde through a `Value` (`forus_model::value`, still how the
//! results' module reads the endpoint's replies).
//! The map's module reads no questionnaire, so has no `Value` code of its own: reading through a `Value` makes
//! it grow (139.4 KB brotli with serde_json's reader, against 144.2 KB with this one, both measured with the
//! functions sorted by name), and it is built without this reader (feature `json-reader`), with serde_json's
//! and the types' derives.
//!
//! Why a reader of our own: serde_json's reader of a `Value` alone weighed 3.8 KB brotli more than this one (its
//! float parsing above all); `JSON.parse` and a walk of its result through wasm-bindgen weighed 1 KB less than
//! this reader, but took three times as long to read the first view's language pack at 4x CPU (65 to 82 ms,
//! profiled, against 24 to 34 ms here and 14 to 38 ms for serde_json's), one call across to JavaScript per value
//! and key; writing drafts that way (to a `Value`, across to JavaScript, `JSON.stringify`) cost about 2 ms per
//! answer at 4x CPU, hence [`write`], ours too. The JSON read here is the widget's own (language packs, drafts,
//! the outbox, the endpoint's replies), and a number with a fraction or an exponent, rare, is parsed by the
//! browser.

use forus_model::read::Json;
use serde::de::DeserializeOwned;
use serde_json::Number;

/// Reads `json` as a `T`; what is wrong with it, if anything.
#[cfg(feature = "json-reader")]
pub fn parse<T: DeserializeOwned>(json: &str) -> Result<T, String> {
    forus_model::value::from_value(parse_value(json)?).map_err(|error| error.to_string())
}

#[cfg(not(feature = "json-reader"))]
pub fn parse<T: DeserializeOwned>(json: &str) -> Result<T, String> {
    serde_json::from_str(json).map_err(|error| error.to_string())
}

/// Reads `json` as a `T` by `by_hand`, its reader on a [`Json`] (`forus_model::read`): the first view's module
/// then holds no serde code. A module without this reader (the map's) reads with `T`'s derive instead, which
/// for it is lighter; `by_hand` is checked against the derive by a test beside it.
#[cfg(feature = "json-reader")]
pub fn read<T: DeserializeOwned>(json: &str, by_hand: fn(Json) -> Result<T, String>) -> Result<T, String> {
    parse_value(json).and_then(by_hand)
}

#[cfg(not(feature = "json-reader"))]
pub fn read<T: DeserializeOwned>(json: &str, _: fn(Json) -> Result<T, String>) -> Result<T, String> {
    parse(json)
}

/// Reads `json` into a [`Json`], as serde_json reads it into a `Value`: whole numbers as integers, others as
/// floats; a name given twice in an object keeps its last value.
pub fn parse_value(json: &str) -> Result<Json, String> {
    let mut reader = Reader { text: json.as_bytes(), at: 0, depth: 0 };
    let value = reader.value()?;
    reader.skip_whitespace();
    match reader.at == reader.text.len() {
        true => Ok(value),
        false => Err(reader.error()),
    }
}

/// A number with a fraction or an exponent.
#[cfg(target_arch = "wasm32")]
fn float(token: &str) -> Option<f64> {
    js_sys::JSON::parse(token).ok()?.as_f64()
}

#[cfg(not(target_arch = "wasm32"))]
fn float(token: &str) -> Option<f64> {
    token.parse().ok()
}

/// JSON text read from `at` on. Lenient where only the widget writes (a `+` or leading zeros in a number are
/// read); strict where a mistake would change what is read.
struct Reader<'a> {
    text: &'a [u8],
    at: usize,
    /// Lists and objects open around `at`: a stored draft is anyone's to edit, and deeper nesting than
    /// serde_json's limit (127 levels) is refused rather than let it exhaust the stack and stop the widget.
    depth: u8,
}

impl Reader<'_> {
    fn error(&self) -> String {
        format!("not JSON at byte {}", self.at)
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.text.get(self.at), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    fn next(&mut self) -> Option<u8> {
        let byte = *self.text.get(self.at)?;
        self.at += 1;
        Some(byte)
    }

    /// The next byte after whitespace, taken if it is `byte`.
    fn take(&mut self, byte: u8) -> bool {
        self.skip_whitespace();
        let found = self.text.get(self.at) == Some(&byte);
        self.at += usize::from(found);
        found
    }

    fn word(&mut self, word: &[u8], value: Json) -> Result<Json, String> {
        match self.text[self.at..].starts_with(word) {
            true => {
                self.at += word.len();
                Ok(value)
            }
            false => Err(self.error()),
        }
    }

    fn value(&mut self) -> Result<Json, String> {
        self.skip_whitespace();
        match self.text.get(self.at) {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.word(b"true", Json::Bool(true)),
            Some(b'f') => self.word(b"false", Json::Bool(false)),
            Some(b'n') => self.word(b"null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.error()),
        }
    }

    /// After whitespace, at `[`.
    fn array(&mut self) -> Result<Json, String> {
        let mut items = Vec::new();
        self.items(b']', |reader| {
            items.push(reader.value()?);
            Ok(())
        })?;
        Ok(Json::Array(items))
    }

    /// After whitespace, at `{`.
    fn object(&mut self) -> Result<Json, String> {
        let mut fields: Vec<(String, Json)> = Vec::new();
        self.items(b'}', |reader| {
            reader.skip_whitespace();
            if reader.text.get(reader.at) != Some(&b'"') {
                return Err(reader.error());
            }
            let name = reader.string()?;
            if !reader.take(b':') {
                return Err(reader.error());
            }
            let value = reader.value()?;
            match fields.iter_mut().find(|(field, _)| *field == name) {
                Some((_, earlier)) => *earlier = value,
                None => fields.push((name, value)),
            }
            Ok(())
        })
        .map(|()| Json::Object(fields))
    }

    /// The items of a list or an object, each read by `item`, separated by commas, up to `close`: after its
    /// opening bracket.
    fn items(&mut self, close: u8, mut item: impl FnMut(&mut Self) -> Result<(), String>) -> Result<(), String> {
        if self.depth == 127 {
            return Err(format!("nested too deep at byte {}", self.at));
        }
        self.depth += 1;
        self.at += 1;
        if self.take(close) {
            self.depth -= 1;
            return Ok(());
        }
        loop {
            item(self)?;
            if self.take(close) {
                self.depth -= 1;
                return Ok(());
            }
            if !self.take(b',') {
                return Err(self.error());
            }
        }
    }

    /// At `"`.
    fn string(&mut self) -> Result<String, String> {
        self.at += 1;
        let mut text = Vec::new();
        loop {
            let run = self.at;
            while self.text.get(self.at).is_some_and(|&byte| byte != b'"' && byte != b'\\' && byte >= 0x20) {
                self.at += 1;
            }
            // Whole UTF-8 characters: the text is a `str`, cut only before ASCII bytes.
            text.extend_from_slice(&self.text[run..self.at]);
            let escaped = match self.next() {
                Some(b'"') => return String::from_utf8(text).map_err(|_| self.error()),
                Some(b'\\') => match self.next() {
                    Some(b'u') => self.escaped_char()?,
                    Some(b'n') => '\n',
                    Some(b't') => '\t',
                    Some(b'r') => '\r',
                    Some(b'b') => '\u{8}',
                    Some(b'f') => '\u{c}',
                    Some(byte @ (b'"' | b'\\' | b'/')) => char::from(byte),
                    _ => return Err(self.error()),
                },
                // The end, or a control character, which JSON escapes.
                _ => return Err(self.error()),
            };
            text.extend_from_slice(escaped.encode_utf8(&mut [0; 4]).as_bytes());
        }
    }

    /// After `\u`: a character, or a pair of UTF-16 surrogates; one alone (JavaScript strings may hold one) is
    /// read as U+FFFD, as the browser shows it.
    fn escaped_char(&mut self) -> Result<char, String> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first) && self.text[self.at..].starts_with(b"\\u") {
            let before = self.at;
            self.at += 2;
            let second = self.hex4()?;
            if (0xDC00..0xE000).contains(&second) {
                return Ok(char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)).unwrap_or('\u{FFFD}'));
            }
            self.at = before;
        }
        Ok(char::from_u32(first).unwrap_or('\u{FFFD}'))
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let digits = self.text.get(self.at..self.at + 4).filter(|digits| digits.iter().all(u8::is_ascii_hexdigit));
        let code = digits.and_then(|digits| u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok());
        let code = code.ok_or_else(|| self.error())?;
        self.at += 4;
        Ok(code)
    }

    fn number(&mut self) -> Result<Json, String> {
        let start = self.at;
        while matches!(self.text.get(self.at), Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')) {
            self.at += 1;
        }
        let token = std::str::from_utf8(&self.text[start..self.at]).unwrap_or_default();
        if let Ok(whole) = token.parse::<u64>() {
            return Ok(Json::from(whole));
        }
        if let Ok(whole) = token.parse::<i64>() {
            return Ok(Json::from(whole));
        }
        match float(token).and_then(Number::from_f64) {
            Some(number) => Ok(Json::Number(number)),
            None => Err(format!("not a number at byte {start}")),
        }
    }
}

/// Writes `value` as JSON, as `serde_json::to_string` writes it (the same escapes; a number with a fraction or
/// an exponent written by the browser; an object's fields in their order, where serde_json sorts a `Value`'s).
/// The first view writes its JSON this way, its types built into a [`Json`] by hand (`Draft::to_value`), so its
/// module holds no serde code (see `forus_model::read`).
pub fn write(value: &Json) -> String {
    let mut json = String::new();
    write_into(&mut json, value);
    json
}

fn write_into(json: &mut String, value: &Json) {
    match value {
        Json::Null => json.push_str("null"),
        Json::Bool(true) => json.push_str("true"),
        Json::Bool(false) => json.push_str("false"),
        Json::Number(number) => match (number.as_u64(), number.as_i64()) {
            (Some(whole), _) => json.push_str(&whole.to_string()),
            (None, Some(whole)) => json.push_str(&whole.to_string()),
            _ => json.push_str(&float_text(number.as_f64().unwrap_or_default())),
        },
        Json::String(text) => write_string(json, text),
        Json::Array(items) => {
            json.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    json.push(',');
                }
                write_into(json, item);
            }
            json.push(']');
        }
        Json::Object(fields) => {
            json.push('{');
            for (index, (key, item)) in fields.iter().enumerate() {
                if index > 0 {
                    json.push(',');
                }
                write_string(json, key);
                json.push(':');
                write_into(json, item);
            }
            json.push('}');
        }
    }
}

fn write_string(json: &mut String, text: &str) {
    json.push('"');
    for c in text.chars() {
        match c {
            '"' => json.push_str("\\\""),
            '\\' => json.push_str("\\\\"),
            '\n' => json.push_str("\\n"),
            '\r' => json.push_str("\\r"),
            '\t' => json.push_str("\\t"),
            '\u{8}' => json.push_str("\\b"),
            '\u{c}' => json.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                json.push_str("\\u00");
                json.push(HEX[c as usize >> 4] as char);
                json.push(HEX[c as usize & 0xf] as char);
            }
            c => json.push(c),
        }
    }
    json.push('"');
}

/// A finite number with a fraction or an exponent, shortest first (the browser's, which reads back the same).
#[cfg(target_arch = "wasm32")]
fn float_text(number: f64) -> String {
    js_sys::JSON::stringify(&wasm_bindgen::JsValue::from_f64(number)).map(String::from).unwrap_or_default()
}

#[cfg(not(target_arch = "wasm32"))]
fn float_text(number: f64) -> String {
    number.to_string()
}

/// An object's fields, in this order.
pub fn object<const N: usize>(fields: [(&str, Json); N]) -> Vec<(String, Json)> {
    fields.into_iter().map(|(name, value)| (name.to_string(), value)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use forus_model::{
        pack::{pack_file, PackKind},
        Lang,
    };
    use serde_json::Value;

    fn reads_as_serde_json(json: &str) {
        assert_eq!(parse_value(json).map(Value::from), Ok(serde_json::from_str::<Value>(json).unwrap()), "{json}");
    }

    #[test]
    fn every_language_pack_reads_as_serde_json_reads_it() {
        for lang in Lang::ALL {
            for kind in [PackKind::Welcome, PackKind::Assessment, PackKind::Results] {
                reads_as_serde_json(&pack_file(lang, kind));
            }
        }
    }

    #[test]
    fn texts_numbers_and_nesting_read_as_serde_json_reads_them() {
        let numbers = r#"{"a": [1, -2, 3.5, -0.25, 1e3, 2.5E-2, 18446744073709551615, -9223372036854775808, 1.0]}"#;
        let texts = r#" "é « » 🌍 \" \\ \/ \b \f \n \r \t \u00e9 \u20AC \ud83c\udf0d" "#;
        let nesting = "\n\t[ {} , [[ ]], \"\", {\"b\": {\"c\": null, \"d\": true, \"e\": false}} ]\r\n";
        for json in [numbers, texts, nesting, "0", "\"\""] {
            reads_as_serde_json(json);
        }
    }

    #[test]
    fn a_lone_surrogate_reads_as_the_replacement_character() {
        assert_eq!(parse_value(r#""a\ud800b\udc00""#), Ok(Json::from("a\u{FFFD}b\u{FFFD}")));
    }

    #[test]
    fn what_is_not_json_is_refused_saying_where() {
        let broken = [
            "",
            "{",
            "[1,]",
            "{\"a\" 1}",
            "{a: 1}",
            "\"tab\there\"",
            "\"open",
            "tru",
            "[1] 2",
            "\"\\x\"",
            "\"\\u12\"",
            "1.2.3",
        ];
        for json in broken {
            assert!(parse_value(json).is_err(), "{json:?}");
        }
        assert_eq!(parse_value("[1, x]"), Err("not JSON at byte 4".into()));
    }

    #[test]
    fn is_written_as_serde_json_writes_it() {
        let every_character: String = (0..0x80u8).map(char::from).chain("é€😀\u{2028}".chars()).collect();
        let value = serde_json::json!({
            "text": every_character, "empty": "", "list": [1, -2, 2.5, 1e21, 1e-7, null, true, false, [], {}],
            "nested": {"b": {"a": [u64::MAX, i64::MIN]}},
        });
        let json = write(&value.clone().into());
        // Texts, keys and whole numbers as serde_json writes them; every number reads back the same.
        let text_only = serde_json::json!({"text": value["text"], "nested": value["nested"], "empty": ""});
        assert_eq!(write(&text_only.clone().into()), serde_json::to_string(&text_only).unwrap());
        assert_eq!(serde_json::from_str::<Value>(&json).unwrap(), value);
        assert_eq!(parse_value(&json).map(Value::from), Ok(value));
    }

    #[test]
    fn an_objects_fields_keep_their_order_and_a_name_given_twice_its_last_value() {
        let json = r#"{"b": 1, "a": [2], "b": 3, "c": {"x": null, "x": true}}"#;
        reads_as_serde_json(json);
        let read = parse_value(json).unwrap();
        assert_eq!(write(&read), r#"{"b":3,"a":[2],"c":{"x":true}}"#);
    }

    #[test]
    fn nesting_is_read_as_deep_as_serde_json_reads_it_and_no_deeper() {
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        reads_as_serde_json(&nested(127));
        reads_as_serde_json(&format!("{{\"a\": {}}}", nested(126)));
        assert!(serde_json::from_str::<Value>(&nested(128)).is_err());
        assert_eq!(parse_value(&nested(128)), Err("nested too deep at byte 127".into()));
        assert!(parse_value(&nested(100_000)).is_err(), "refused, not a stack overflow");
    }
}
