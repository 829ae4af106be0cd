//! Writes the widget's language packs into a folder as content-hashed files (`pack-<lang>-<hash>.json`, so
//! browsers may keep them a year) and prints their names as a JSON object by language, for the loader.
//!
//! Usage: `write-packs <folder>` (Trunk's staging folder; see scripts/write-loader.sh).

use forus_model::{pack::pack_file, Lang};
use sha2::{Digest, Sha256};
use std::{fs, path::PathBuf, process::ExitCode};

fn main() -> ExitCode {
    let Some(folder) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: write-packs <folder>");
        return ExitCode::FAILURE;
    };
    let mut names = serde_json::Map::new();
    for lang in Lang::ALL {
        let json = pack_file(lang);
        let hash: String = Sha256::digest(json.as_bytes()).iter().take(8).map(|b| format!("{b:02x}")).collect();
        let name = format!("pack-{}-{hash}.json", lang.code());
        if let Err(error) = fs::write(folder.join(&name), json) {
            eprintln!("write-packs: cannot write {name} in {}: {error}", folder.display());
            return ExitCode::FAILURE;
        }
        names.insert(lang.code().into(), name.into());
    }
    println!("{}", serde_json::Value::Object(names));
    ExitCode::SUCCESS
}
