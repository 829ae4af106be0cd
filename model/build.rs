//! Converts `questionnaire.toml` into compact JSON so the wasm bundle needs no TOML parser.

use std::{env, fs, path::Path};

fn main() {
    println!("cargo::rerun-if-changed=questionnaire.toml");
    let source = fs::read_to_string("questionnaire.toml").expect("model/questionnaire.toml is readable");
    let value: toml::Value = toml::from_str(&source).expect("model/questionnaire.toml is valid TOML");
    let json = serde_json::to_string(&value).expect("TOML converts to JSON");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("questionnaire.json");
    fs::write(out, json).expect("OUT_DIR is writable");
}
