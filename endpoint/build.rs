//! Converts the Natural Earth TopoJSON (data/) into the map's compact geometry at build time (with the
//! `forus-map-build` crate in map-build/), so the binary carries 60 KB of projected, quantised paths instead of
//! 860 KB of source data.

use std::{env, fs, path::Path};

fn main() {
    println!("cargo::rerun-if-changed=data/countries-110m.json");
    println!("cargo::rerun-if-changed=data/countries-50m.json");
    let coarse = fs::read_to_string("data/countries-110m.json").expect("endpoint/data/countries-110m.json");
    let detailed = fs::read_to_string("data/countries-50m.json").expect("endpoint/data/countries-50m.json");
    let world = forus_map_build::build_world(&coarse, &detailed).expect("the world geometry converts");
    let json = serde_json::to_string(&world).expect("the world geometry serialises");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("world.json");
    fs::write(out, json).expect("OUT_DIR is writable");
}
