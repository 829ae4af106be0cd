#!/bin/sh
# Lays a release module's functions out so that each is followed by the one most like it
# (scripts/name-by-likeness.mjs names them in that order, wasm-opt sorts them by name and drops the names), and
# sorts each function's locals by use: the same code, smaller once brotli-compressed. In place; run after
# wasm-opt's -Os by scripts/write-loader.sh (the widget's module) and scripts/build-on-demand.sh.
set -eu
wasm="${1:?usage: order-functions.sh <module.wasm>}"
node scripts/name-by-likeness.mjs "$wasm" "$wasm.named"
wasm-opt "$wasm.named" --reorder-functions-by-name --reorder-locals -o "$wasm"
rm "$wasm.named"
