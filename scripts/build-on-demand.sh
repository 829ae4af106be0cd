#!/bin/sh
# Builds the on-demand module (on-demand/: the results' analysis and the map, loaded by the widget only when
# shown) into folder $1 the way Trunk builds the widget: cargo (wasm32), wasm-bindgen, wasm-opt -Oz (binaryen
# from npm), content-hashed names. Prints the glue's and the wasm's file names. Run by scripts/write-loader.sh.
set -eu
out="${1:?usage: build-on-demand.sh <folder>}"
profile="${TRUNK_PROFILE:-release}"
if [ "$profile" = release ]; then flag=--release; else flag=; fi
cargo build --quiet $flag --target wasm32-unknown-unknown -p forus-on-demand
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$work" --out-name forus-on-demand \
  "target/wasm32-unknown-unknown/$profile/forus_on_demand.wasm"
if [ "$profile" = release ]; then
  # wasm-opt reads the module's target_features section for the features it may use.
  wasm-opt -Oz "$work/forus-on-demand_bg.wasm" -o "$work/optimised.wasm"
  mv "$work/optimised.wasm" "$work/forus-on-demand_bg.wasm"
fi
hash() { sha256sum "$1" | cut -c1-16; }
glue="forus-on-demand-$(hash "$work/forus-on-demand.js").js"
wasm="forus-on-demand-$(hash "$work/forus-on-demand_bg.wasm")_bg.wasm"
cp "$work/forus-on-demand.js" "$out/$glue"
cp "$work/forus-on-demand_bg.wasm" "$out/$wasm"
echo "$glue $wasm"
