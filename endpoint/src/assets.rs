//! The widget bundle, read once at start and compressed ahead of time (gzip and brotli at their best),
//! served from memory with long caching for hashed files and short caching for the stable loader.

use anyhow::Context;
use axum::body::Bytes;
use forus_model::pack::PackKind;
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

    /// What a visitor downloads, by when: see [`Downloads`].
    pub fn downloads(&self) -> Downloads<'_> {
        let mut downloads = Downloads::default();
        let mut names: Vec<&String> = self.assets.keys().collect();
        names.sort();
        for name in names {
            let file = (name.as_str(), &self.assets[name]);
            if name == LOADER || name.starts_with("forus-widget-") {
                downloads.first_view.push(file);
            } else if let Some((kind, lang)) = PackKind::of_file(name) {
                match kind {
                    PackKind::Welcome => downloads.packs.push((lang, file.1)),
                    PackKind::Assessment => downloads.rest.push(file),
                    PackKind::Results => downloads.on_demand.push(file),
                }
            } else if name.starts_with("forus-results-") || name.starts_with("forus-map-") {
                downloads.on_demand.push(file);
            }
        }
        downloads
    }
}

/// The widget's files by when a visitor downloads them.
#[derive(Default)]
pub struct Downloads<'a> {
    /// Before the first screen, whatever the language: the loader, the JS glue, the wasm.
    pub first_view: Vec<(&'a str, &'a Asset)>,
    /// One language pack per visitor, with the first view (another only on a language switch), by language:
    /// the welcome screen's and the first step's texts.
    pub packs: Vec<(&'a str, &'a Asset)>,
    /// Once the visitor starts, in the background: the visitor's language pack with the rest of the
    /// questionnaire's texts (the assessment's packs, which the map module reads too).
    pub rest: Vec<(&'a str, &'a Asset)>,
    /// Only when needed: the modules with the assessment's consent step, delivery and results (with the map),
    /// or the map alone, and the results' language packs, which add the action plans (the geometry apart).
    pub on_demand: Vec<(&'a str, &'a Asset)>,
}

impl Downloads<'_> {
    /// Brotli bytes of the first view in the language whose pack is heaviest.
    pub fn first_view_brotli(&self) -> usize {
        let common: usize = self.first_view.iter().map(|(_, asset)| asset.brotli.len()).sum();
        common + self.packs.iter().map(|(_, pack)| pack.brotli.len()).max().unwrap_or(0)
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

/// The first view's budget, in brotli bytes: 0.4 times what SurveyJS sends for the same questionnaire (issue 11).
pub const FIRST_VIEW_GOAL: usize = 130_000;

/// Prints what a visitor downloads, by when (each file raw, gzip and brotli): the first view, with each
/// language's pack, against [`FIRST_VIEW_GOAL`]; then what comes only on demand, the world `geometry` too.
/// Returns the first view's brotli bytes in the heaviest language.
pub fn print_size_report(bundle: &WidgetBundle, geometry: &Asset) -> anyhow::Result<usize> {
    let downloads = bundle.downloads();
    anyhow::ensure!(!downloads.first_view.is_empty(), "no widget build found; run scripts/build-widget.sh first");
    let row = |name: &str, asset: &Asset| {
        println!("  {name:<46} {:>10} {:>10} {:>10}", asset.raw.len(), asset.gzip.len(), asset.brotli.len());
    };
    println!("{:<48} {:>10} {:>10} {:>10}", "file", "raw", "gzip", "brotli");
    println!("first view (welcome screen and first step):");
    downloads.first_view.iter().for_each(|(name, asset)| row(name, asset));
    println!("  one language pack, the visitor's:");
    downloads.packs.iter().for_each(|(lang, pack)| row(&format!("  pack-{lang}"), pack));
    let first_view = downloads.first_view_brotli();
    println!(
        "first view, heaviest language: {first_view} B brotli; goal {FIRST_VIEW_GOAL} B ({:.2}x the goal)",
        first_view as f64 / FIRST_VIEW_GOAL as f64
    );
    println!("once the visitor starts, in the background: one of these, the rest of the questionnaire's texts:");
    downloads.rest.iter().for_each(|(name, asset)| row(name, asset));
    println!("on demand (forus-results: the consent step, delivery and the results' analysis with its map, and");
    println!("its language packs with the action plans; forus-map: the map view):");
    downloads.on_demand.iter().for_each(|(name, asset)| row(name, asset));
    row("/api/v1/map/geometry", geometry);
    let sizes = |prefix: &str| -> Vec<usize> {
        downloads.on_demand.iter().filter(|(name, _)| name.starts_with(prefix)).map(|(_, a)| a.brotli.len()).collect()
    };
    let module = |prefix: &str| sizes(prefix).iter().sum::<usize>();
    let heaviest_pack = sizes(PackKind::Results.prefix()).into_iter().max().unwrap_or(0);
    println!(
        "on demand, the results: {} B brotli (module, heaviest pack, geometry); the map view: {} B (module, geometry)",
        module("forus-results-") + heaviest_pack + geometry.brotli.len(),
        module("forus-map-") + geometry.brotli.len()
    );
    println!("(bytes; a browser receives the brotli column)");
    Ok(first_view)
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
    fn the_first_view_counts_one_pack_the_heaviest_and_nothing_on_demand() {
        // Noise (xorshift), so compressed sizes follow raw sizes: the heaviest pack is the largest.
        let file = |name: &str, bytes: usize| {
            let mut x = 0x9e37_79b9_u32 ^ bytes as u32;
            let noise = (0..bytes)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 17;
                    x ^= x << 5;
                    x as u8
                })
                .collect();
            (name.to_string(), Asset::new(name, noise).unwrap())
        };
        let bundle = WidgetBundle {
            assets: [
                file(LOADER, 100),
                file("forus-widget-0123456789abcdef_bg.wasm", 1000),
                file("pack-welcome-en-0123456789abcdef.json", 300),
                file("pack-welcome-fr-0123456789abcdef.json", 400),
                file("pack-fr-0123456789abcdef.json", 600),
                file("forus-results-0123456789abcdef_bg.wasm", 5000),
                file("pack-results-fr-0123456789abcdef.json", 700),
                file("index.html", 50),
            ]
            .into_iter()
            .collect(),
        };
        let downloads = bundle.downloads();
        let brotli = |name: &str| bundle.get(name).unwrap().brotli.len();
        let (welcome_fr, welcome_en) =
            (brotli("pack-welcome-fr-0123456789abcdef.json"), brotli("pack-welcome-en-0123456789abcdef.json"));
        assert!(welcome_fr > welcome_en + 50);
        assert_eq!(
            downloads.first_view_brotli(),
            brotli(LOADER) + brotli("forus-widget-0123456789abcdef_bg.wasm") + welcome_fr
        );
        assert_eq!(downloads.rest.iter().map(|(name, _)| *name).collect::<Vec<_>>(), ["pack-fr-0123456789abcdef.json"]);
        assert_eq!(downloads.packs.iter().map(|(lang, _)| *lang).collect::<Vec<_>>(), ["en", "fr"]);
        assert_eq!(downloads.on_demand.len(), 2);
    }

    #[test]
    fn compresses_both_ways() {
        let asset = Asset::new("a.js", b"console.log(1);".repeat(100)).unwrap();
        assert!(asset.gzip.len() < asset.raw.len() && asset.brotli.len() < asset.raw.len());
        assert_eq!(asset.content_type, "text/javascript; charset=utf-8");
    }
}
