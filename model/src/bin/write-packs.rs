//! Writes the widget's language packs into a folder as content-hashed files (so browsers may keep them a year),
//! every kind per language (`pack-welcome-<lang>-<hash>.json` for the first view, `pack-<lang>-<hash>.json` for
//! the rest of the assessment, `pack-results-<lang>-<hash>.json` for the results), and prints their names for the
//! loader: `{"en": {"welcome": …, "assessment": …, "results": …}, …}`.
//!
//! Usage: `write-packs <folder>` (Trunk's staging folder; see scripts/write-loader.sh).

use forus_model::{
    pack::{pack_file, PackKind},
    Lang,
};
use sha2::{Digest, Sha256};
use std::{fs, path::PathBuf, process::ExitCode};

fn main() -> ExitCode {
    let Some(folder) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: write-packs <folder>");
        return ExitCode::FAILURE;
    };
    let mut names = serde_json::Map::new();
    for lang in Lang::ALL {
        let mut kinds = serde_json::Map::new();
        for kind in PackKind::ALL {
            let json = pack_file(lang, kind);
            let hash: String = Sha256::digest(json.as_bytes()).iter().take(8).map(|b| format!("{b:02x}")).collect();
            let name = format!("{}{}-{hash}.json", kind.prefix(), lang.code());
            if let Err(error) = fs::write(folder.join(&name), json) {
                eprintln!("write-packs: cannot write {name} in {}: {error}", folder.display());
                return ExitCode::FAILURE;
            }
            kinds.insert(kind.key().into(), name.into());
        }
        names.insert(lang.code().into(), kinds.into());
    }
    println!("{}", serde_json::Value::Object(names));
    ExitCode::SUCCESS
}
