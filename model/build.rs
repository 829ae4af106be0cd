//! Turns the TOML sources (readable for translators and reviewers) into compact JSON and Rust, so the wasm bundle
//! needs no TOML parser and a missing or misspelt text key fails the build.
//!
//! - `locales/<lang>/interface.toml`: every interface text. Generates the `Ui` enum (one variant per key, in
//!   English's order) and one pack per language, `interface-<lang>.json`: the messages in that order.
//! - `questionnaire/v1.toml`, `questionnaire/v2/*.toml` (concatenated in file-name order): the questionnaires'
//!   structure. `locales/<lang>/questionnaire-v<N>.toml` holds their texts, keyed by section and question id; the
//!   build merges them into `questionnaire-v<N>.json`, every text an object `{en, fr, es, pt}`.
//! - `data/coalitions.toml`: Forus's regional coalitions and their countries.

use serde_json::{Map, Value};
use std::{env, fs, path::Path};

const LANGS: [&str; 4] = ["en", "fr", "es", "pt"];
const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    println!("cargo::rerun-if-changed=locales");

    interface(out);

    let v1 = toml_to_json("questionnaire/v1.toml", &[read("questionnaire/v1.toml")]);
    write(out.join("questionnaire-v1.json"), &with_texts(v1, 1));

    println!("cargo::rerun-if-changed=questionnaire/v2");
    let mut parts: Vec<_> = fs::read_dir("questionnaire/v2")
        .expect("model/questionnaire/v2 exists")
        .map(|entry| entry.expect("readable directory").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    parts.sort();
    let sources: Vec<String> = parts.iter().map(|p| read(p.to_str().expect("UTF-8 path"))).collect();
    let v2 = toml_to_json("questionnaire/v2/*.toml", &sources);
    write(out.join("questionnaire-v2.json"), &with_texts(v2, 2));

    let coalitions = toml_to_json("data/coalitions.toml", &[read("data/coalitions.toml")]);
    write(out.join("coalitions.json"), &coalitions);
}

/// The `Ui` enum and each language's pack of interface messages, in the enum's order. The `[loader]` table is
/// checked like the others but left out of both: `scripts/write-loader.sh` writes it into the JavaScript loader,
/// which shows it when the wasm cannot load.
fn interface(out: &Path) {
    let in_wasm = |(key, _): &(String, Value)| !key.starts_with("loader.");
    let english: Vec<_> = messages("en").into_iter().filter(in_wasm).collect();
    let mut variants = String::new();
    for (key, message) in &english {
        let example = match message {
            Value::String(text) => text.clone(),
            Value::Object(forms) => forms.get("other").and_then(Value::as_str).unwrap_or_default().to_string(),
            _ => unreachable!("checked by messages()"),
        };
        let doc = example.replace('\n', " ");
        variants.push_str(&format!("    /// `{key}`: {doc}\n    {},\n", variant_name(key)));
    }
    let keys: Vec<String> = english.iter().map(|(key, _)| format!("{key:?}")).collect();
    let names: Vec<String> = english.iter().map(|(key, _)| format!("Ui::{}", variant_name(key))).collect();
    let code = format!(
        "/// A message of the interface, named by its key in `model/locales/<lang>/interface.toml`.\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]\n\
         pub enum Ui {{\n{variants}}}\n\n\
         impl Ui {{\n    /// Every message, in the packs' order.\n    pub const ALL: [Ui; {n}] = [{names}];\n\n    \
         /// The message's key in the language files.\n    pub fn key(self) -> &'static str {{\n        \
         const KEYS: [&str; {n}] = [{keys}];\n        KEYS[self as usize]\n    }}\n}}\n",
        n = english.len(),
        names = names.join(", "),
        keys = keys.join(", "),
    );
    fs::write(out.join("ui.rs"), code).expect("OUT_DIR is writable");

    for lang in LANGS {
        let messages: Vec<_> = messages(lang).into_iter().filter(in_wasm).collect();
        let file = format!("locales/{lang}/interface.toml");
        let mut pack = Vec::new();
        for (key, english_message) in &english {
            let Some((_, message)) = messages.iter().find(|(k, _)| k == key) else {
                panic!("model/{file}: `{key}` is missing (every language has the keys English has)");
            };
            check_placeholders(&file, key, english_message, message);
            pack.push(message.clone());
        }
        if let Some((extra, _)) = messages.iter().find(|(key, _)| !english.iter().any(|(k, _)| k == key)) {
            panic!("model/{file}: `{extra}` is not in English's file (a misspelt key?)");
        }
        write(out.join(format!("interface-{lang}.json")), &Value::Array(pack));
    }
}

/// The messages of one language as (`table.key`, text or table of plural forms), in file order.
fn messages(lang: &str) -> Vec<(String, Value)> {
    let file = format!("locales/{lang}/interface.toml");
    let table: toml::Table = toml::from_str(&read(&file)).unwrap_or_else(|e| panic!("model/{file} is valid TOML: {e}"));
    let mut messages = Vec::new();
    for (namespace, entries) in table {
        let toml::Value::Table(entries) = entries else {
            panic!("model/{file}: `{namespace}` must be a [table] of messages");
        };
        for (key, message) in entries {
            let key = format!("{namespace}.{key}");
            let message = serde_json::to_value(&message).expect("TOML converts to JSON");
            let valid = match &message {
                Value::String(text) => !text.trim().is_empty(),
                Value::Object(forms) => {
                    forms.contains_key("other")
                        && forms.iter().all(|(category, text)| {
                            PLURAL_CATEGORIES.contains(&category.as_str())
                                && text.as_str().is_some_and(|t| !t.trim().is_empty())
                        })
                }
                _ => false,
            };
            assert!(
                valid,
                "model/{file}: `{key}` must be a non-empty text, or a table of plural forms with at least `other`"
            );
            messages.push((key, message));
        }
    }
    messages
}

/// A translation may use only the placeholders English uses: a misspelt `{cuont}` would show as is.
fn check_placeholders(file: &str, key: &str, english: &Value, message: &Value) {
    let names = |message: &Value| -> Vec<String> {
        let texts: Vec<&str> = match message {
            Value::String(text) => vec![text],
            Value::Object(forms) => forms.values().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let mut names: Vec<String> = texts
            .iter()
            .flat_map(|text| {
                text.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(n, _)| n.to_string()))
            })
            .collect();
        names.sort();
        names.dedup();
        names
    };
    let allowed = names(english);
    if let Some(unknown) = names(message).into_iter().find(|name| !allowed.contains(name)) {
        panic!("model/{file}: `{key}` uses {{{unknown}}}, which English's text does not have");
    }
}

/// `ui.start_again` → `StartAgain`; other tables prefix their name: `level.emerging` → `LevelEmerging`.
fn variant_name(key: &str) -> String {
    let (namespace, name) = key.split_once('.').expect("keys are table.key");
    let words = if namespace == "ui" { name.to_string() } else { format!("{namespace}_{name}") };
    words
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map(|first| first.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
        })
        .collect()
}

/// The questionnaire structure with the texts of every language that has a file for `version` merged in.
fn with_texts(mut structure: Value, version: u32) -> Value {
    for lang in LANGS {
        let file = format!("locales/{lang}/questionnaire-v{version}.toml");
        if !Path::new(&file).exists() {
            // Version 1 predates Portuguese; its texts fall back to English.
            assert!(version < 2, "model/{file} is missing");
            continue;
        }
        let texts = toml_to_json(&file, &[read(&file)]);
        merge_texts(&mut structure, &texts, lang, &file, "");
    }
    structure
}

/// Puts each text of `texts` (one language) where the structure expects it:
/// - a string for `key` becomes `structure[key][lang]`;
/// - a list of strings (levels), or of lists (next steps per level), fills the list element by element;
/// - a table for `key` goes into `structure[key]`, or into the element of one of the structure's lists (sections,
///   questions) whose `id` is `key`; a table for `options` names each option's label by its id.
fn merge_texts(structure: &mut Value, texts: &Value, lang: &str, file: &str, path: &str) {
    let Value::Object(texts) = texts else { unreachable!("a text table") };
    let Value::Object(node) = structure else { panic!("model/{file}: `{path}` has texts but is not a table") };
    for (key, text) in texts {
        let here = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
        match text {
            Value::String(_) | Value::Array(_) => {
                let slot = node.entry(key.clone()).or_insert(Value::Null);
                put_text(slot, text, lang, file, &here);
            }
            Value::Object(entries) if key == "options" => {
                let Some(Value::Array(options)) = node.get_mut("options") else {
                    panic!("model/{file}: `{here}` names options, but the question has none");
                };
                for (id, label) in entries {
                    let option = options
                        .iter_mut()
                        .find(|o| o["id"] == *id)
                        .unwrap_or_else(|| panic!("model/{file}: `{here}.{id}` is not an option of the question"));
                    put_text(&mut option["label"], label, lang, file, &format!("{here}.{id}"));
                }
            }
            Value::Object(_) => {
                let element = if node.get(key).is_some_and(Value::is_object) {
                    node.get_mut(key)
                } else if let Some(list) = node.values_mut().find(|v| has_element(v, key)) {
                    list.as_array_mut().and_then(|items| items.iter_mut().find(|item| item["id"] == *key))
                } else {
                    Some(node.entry(key.clone()).or_insert_with(|| Value::Object(Map::new())))
                };
                merge_texts(element.expect("found above"), text, lang, file, &here);
            }
            _ => panic!("model/{file}: `{here}` must be a text, a list of texts or a table"),
        }
    }
}

fn has_element(list: &Value, id: &str) -> bool {
    list.as_array().is_some_and(|items| items.iter().any(|item| item["id"] == *id))
}

/// Sets `lang`'s text in `slot` (an object `{en, fr, …}`, possibly with other keys such as a step's `only_for`),
/// or element by element in a list of them.
fn put_text(slot: &mut Value, text: &Value, lang: &str, file: &str, path: &str) {
    match text {
        Value::String(text) => {
            if slot.is_null() {
                *slot = Value::Object(Map::new());
            }
            let Value::Object(object) = slot else { panic!("model/{file}: `{path}` is not a text in the structure") };
            object.insert(lang.to_string(), Value::String(text.clone()));
        }
        Value::Array(items) => {
            if slot.is_null() {
                *slot = Value::Array(Vec::new());
            }
            let Value::Array(slots) = slot else { panic!("model/{file}: `{path}` is not a list in the structure") };
            if slots.len() < items.len() {
                slots.resize(items.len(), Value::Null);
            }
            if slots.len() != items.len() {
                panic!("model/{file}: `{path}` has {} texts where the structure has {}", items.len(), slots.len());
            }
            for (i, (slot, item)) in slots.iter_mut().zip(items).enumerate() {
                if slot.as_object().is_some_and(Map::is_empty) {
                    *slot = Value::Null;
                }
                put_text(slot, item, lang, file, &format!("{path}[{i}]"));
            }
        }
        _ => panic!("model/{file}: `{path}` must be a text or a list of texts"),
    }
}

fn read(path: &str) -> String {
    println!("cargo::rerun-if-changed={path}");
    fs::read_to_string(path).unwrap_or_else(|e| panic!("model/{path} is readable: {e}"))
}

/// Parses the concatenation of `sources` (each a whole TOML fragment).
fn toml_to_json(name: &str, sources: &[String]) -> Value {
    let value: toml::Value =
        toml::from_str(&sources.join("\n")).unwrap_or_else(|e| panic!("model/{name} is valid TOML: {e}"));
    serde_json::to_value(value).expect("TOML converts to JSON")
}

fn write(path: impl AsRef<Path>, value: &Value) {
    fs::write(path, serde_json::to_string(value).expect("JSON serialises")).expect("OUT_DIR is writable");
}
