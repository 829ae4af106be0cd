#!/bin/sh
# Builds the map module (map/: the participation map, loaded by the widget only when a map is shown) into
# folder $1 the way Trunk builds the widget: cargo (wasm32), wasm-bindgen, wasm-opt -Oz (binaryen from npm),
# content-hashed names. Prints the glue's and the wasm's file names. Run by scripts/write-loader.sh.
set -eu
out="${1:?usage: build-map-module.sh <folder>}"
profile="${TRUNK_PROFILE:-release}"
if [ "$profile" = release ]; then flag=--release; else flag=; fi
cargo build --quiet $flag --target wasm32-unknown-unknown -p forus-map
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$work" --out-name forus-map \
  "target/wasm32-unknown-unknown/$profile/forus_map.wasm"
if [ "$profile" = release ]; then
  # wasm-opt reads the module's target_features section for the features it may use.
  wasm-opt -Oz "$work/forus-map_bg.wasm" -o "$work/optimised.wasm"
  mv "$work/optimised.wasm" "$work/forus-map_bg.wasm"
fi
hash() { sha256sum "$1" | cut -c1-16; }
glue="forus-map-$(hash "$work/forus-map.js").js"
wasm="forus-map-$(hash "$work/forus-map_bg.wasm")_bg.wasm"
cp "$work/forus-map.js" "$out/$glue"
cp "$work/forus-map_bg.wasm" "$out/$wasm"
echo "$glue $wasm"
