//! Converts the questionnaire definitions and the coalition table from TOML (readable for translators and
//! reviewers) into compact JSON, so the wasm bundle needs no TOML parser.
//!
//! - `questionnaire/v1.toml`: the first questionnaire, kept so stored and queued v1 submissions stay readable.
//! - `questionnaire/v2/*.toml`: the current one, one file per step, concatenated in file-name order.
//! - `data/coalitions.toml`: Forus's regional coalitions and their countries.

use std::{env, fs, path::Path};

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    convert("questionnaire/v1.toml", &[read("questionnaire/v1.toml")], Path::new(&out).join("questionnaire-v1.json"));

    println!("cargo::rerun-if-changed=questionnaire/v2");
    let mut parts: Vec<_> = fs::read_dir("questionnaire/v2")
        .expect("model/questionnaire/v2 exists")
        .map(|entry| entry.expect("readable directory").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    parts.sort();
    let sources: Vec<String> = parts.iter().map(|p| read(p.to_str().expect("UTF-8 path"))).collect();
    convert("questionnaire/v2/*.toml", &sources, Path::new(&out).join("questionnaire-v2.json"));

    convert("data/coalitions.toml", &[read("data/coalitions.toml")], Path::new(&out).join("coalitions.json"));
}

fn read(path: &str) -> String {
    println!("cargo::rerun-if-changed={path}");
    fs::read_to_string(path).unwrap_or_else(|e| panic!("model/{path} is readable: {e}"))
}

/// Parses the concatenation of `sources` (each a whole TOML fragment) and writes it as JSON.
fn convert(name: &str, sources: &[String], out: impl AsRef<Path>) {
    let source = sources.join("\n");
    let value: toml::Value = toml::from_str(&source).unwrap_or_else(|e| panic!("model/{name} is valid TOML: {e}"));
    let json = serde_json::to_string(&value).expect("TOML converts to JSON");
    fs::write(out, json).expect("OUT_DIR is writable");
}
