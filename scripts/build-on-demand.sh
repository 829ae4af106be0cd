#!/bin/sh
# Builds the on-demand modules (on-demand/, loaded by the widget only when shown) into folder $1 the way Trunk
# builds the widget: cargo (wasm32), wasm-bindgen, scripts/optimise-wasm.sh (binaryen from npm),
# minified glue (esbuild from npm), content-hashed names.
# Two flavours of the one crate: forus-results (the assessment's consent step, delivery and results with their
# map) and forus-map (the map view alone, lighter, as it must paint fast). Prints "results-glue results-wasm map-glue map-wasm". Run by
# scripts/write-loader.sh.
set -eu
out="${1:?usage: build-on-demand.sh <folder>}"
profile="${TRUNK_PROFILE:-release}"
if [ "$profile" = release ]; then flag=--release; else flag=; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
hash() { sha256sum "$1" | cut -c1-16; }
names=
for flavour in results map; do
  if [ "$flavour" = results ]; then features=--features=results; else features=; fi
  cargo build --quiet $flag --target wasm32-unknown-unknown -p forus-on-demand $features
  wasm-bindgen --target web --no-typescript --out-dir "$work" --out-name "forus-$flavour" \
    "target/wasm32-unknown-unknown/$profile/forus_on_demand.wasm"
  if [ "$profile" = release ]; then
    sh scripts/optimise-wasm.sh "$work/forus-${flavour}_bg.wasm" "$work/forus-$flavour.js"
    sh scripts/minify-js.sh "$work/forus-$flavour.js"
  fi
  glue="forus-$flavour-$(hash "$work/forus-$flavour.js").js"
  wasm="forus-$flavour-$(hash "$work/forus-${flavour}_bg.wasm")_bg.wasm"
  cp "$work/forus-$flavour.js" "$out/$glue"
  cp "$work/forus-${flavour}_bg.wasm" "$out/$wasm"
  names="$names $glue $wasm"
done
echo $names
