//! The widget bundle, read once at start and compressed ahead of time (gzip and brotli at their best),
//! served from memory with long caching for hashed files and short caching for the stable loader.

use anyhow::Context;
use axum::body::Bytes;
use std::{
    collections::HashMap,
    hash::{Hash, Hasher},
    io::Write,
    path::{Path, PathBuf},
};

/// The stable URL member sites embed (`/widget/forus-widget.js`); everything it loads has a hashed name.
pub const LOADER: &str = "forus-widget.js";

pub struct Asset {
    pub content_type: &'static str,
    pub raw: Bytes,
    pub gzip: Bytes,
    pub brotli: Bytes,
    pub etag: String,
    /// Content-hashed file name: may be cached for a year.
    pub immutable: bool,
}

#[derive(Default)]
pub struct WidgetBundle {
    assets: HashMap<String, Asset>,
}

impl WidgetBundle {
    /// Reads every file under `dir` (Trunk's output). A missing folder gives an empty bundle: the API still
    /// works, and the log says how to build the widget.
    pub fn load(dir: &Path) -> anyhow::Result<WidgetBundle> {
        let mut assets = HashMap::new();
        if !dir.is_dir() {
            tracing::warn!(dir = %dir.display(), "no widget build found; run scripts/build-widget.sh");
            return Ok(WidgetBundle { assets });
        }
        for path in files_under(dir)? {
            let name = path.strip_prefix(dir)?.to_string_lossy().replace('\\', "/");
            let raw = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            assets.insert(name.clone(), Asset::new(&name, raw)?);
        }
        Ok(WidgetBundle { assets })
    }

    pub fn get(&self, name: &str) -> Option<&Asset> {
        self.assets.get(name)
    }

    /// Files a visitor downloads (the loader and what it pulls in), largest first.
    pub fn visitor_files(&self) -> Vec<(&str, &Asset)> {
        let mut files: Vec<(&str, &Asset)> = self
            .assets
            .iter()
            .filter(|(name, _)| name.ends_with(".js") || name.ends_with(".wasm") || name.ends_with(".css"))
            .map(|(name, asset)| (name.as_str(), asset))
            .collect();
        files.sort_by_key(|(name, asset)| (std::cmp::Reverse(asset.raw.len()), *name));
        files
    }
}

impl Asset {
    pub fn new(name: &str, raw: Vec<u8>) -> anyhow::Result<Asset> {
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(&raw)?;
        let gzip = gzip.finish()?;
        let mut brotli = Vec::new();
        let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
        brotli::BrotliCompress(&mut raw.as_slice(), &mut brotli, &params)?;
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        raw.hash(&mut hasher);
        Ok(Asset {
            content_type: content_type(name),
            etag: format!("\"{:016x}\"", hasher.finish()),
            immutable: is_hashed(name),
            raw: raw.into(),
            gzip: gzip.into(),
            brotli: brotli.into(),
        })
    }
}

fn files_under(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            files.extend(files_under(&path)?);
        } else {
            files.push(path);
        }
    }
    Ok(files)
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or_default() {
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "html" => "text/html; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

/// Trunk names built files `name-<hash in hex>.ext`.
fn is_hashed(name: &str) -> bool {
    let stem = name.rsplit('/').next().unwrap_or(name);
    let stem = stem.split('.').next().unwrap_or(stem);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| (8..=16).contains(&hash.len()) && hash.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Prints what a visitor downloads: each file raw, gzip and brotli, and the totals.
pub fn print_size_report(bundle: &WidgetBundle) -> anyhow::Result<()> {
    let files = bundle.visitor_files();
    anyhow::ensure!(!files.is_empty(), "no widget build found; run scripts/build-widget.sh first");
    println!("{:<44} {:>10} {:>10} {:>10}", "file", "raw", "gzip", "brotli");
    let (mut raw, mut gzip, mut brotli) = (0, 0, 0);
    for (name, asset) in files {
        println!("{name:<44} {:>10} {:>10} {:>10}", asset.raw.len(), asset.gzip.len(), asset.brotli.len());
        raw += asset.raw.len();
        gzip += asset.gzip.len();
        brotli += asset.brotli.len();
    }
    println!("{:<44} {raw:>10} {gzip:>10} {brotli:>10}", "total");
    println!("(bytes; a browser receives the brotli column)");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_content_hashed_names_are_immutable() {
        assert!(is_hashed("forus_widget-0123456789abcdef.js"));
        assert!(is_hashed("forus_widget-0123456789abcdef_bg.wasm"));
        assert!(!is_hashed(LOADER));
        assert!(!is_hashed("index.html"));
    }

    #[test]
    fn compresses_both_ways() {
        let asset = Asset::new("a.js", b"console.log(1);".repeat(100)).unwrap();
        assert!(asset.gzip.len() < asset.raw.len() && asset.brotli.len() < asset.raw.len());
        assert_eq!(asset.content_type, "text/javascript; charset=utf-8");
    }
}
