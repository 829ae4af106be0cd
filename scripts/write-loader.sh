#!/bin/sh
# Trunk post-build hook: writes forus-widget.js, the stable URL member sites embed, pointing at this build's
# content-hashed wasm-bindgen module and wasm file.
set -eu
dir="${TRUNK_STAGING_DIR:?run by trunk}"
glue=$(cd "$dir" && ls forus_widget-*.js | head -n 1)
wasm=$(cd "$dir" && ls forus_widget-*_bg.wasm | head -n 1)
[ -n "$glue" ] && [ -n "$wasm" ] || { echo "write-loader: no wasm-bindgen output in $dir" >&2; exit 1; }
sed -e "s/__GLUE__/$glue/" -e "s/__WASM__/$wasm/" loader/forus-widget.js > "$dir/forus-widget.js"
