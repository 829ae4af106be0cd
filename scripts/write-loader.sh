#!/bin/sh
# Trunk post-build hook: writes forus-widget.js, the stable URL member sites embed, pointing at this build's
# content-hashed wasm-bindgen module and wasm file (names read from the page Trunk generated).
set -eu
dir="${TRUNK_STAGING_DIR:?run by trunk}"
glue=$(sed -n "s/.*import init, \* as bindings from '\.\/\([^']*\.js\)'.*/\1/p" "$dir/index.html" | head -n 1)
wasm=$(sed -n "s/.*module_or_path: '\.\/\([^']*\.wasm\)'.*/\1/p" "$dir/index.html" | head -n 1)
if [ -z "$glue" ] || [ -z "$wasm" ] || [ ! -f "$dir/$glue" ] || [ ! -f "$dir/$wasm" ]; then
  echo "write-loader: no wasm-bindgen output found in $dir" >&2
  exit 1
fi
sed -e "s/__GLUE__/$glue/" -e "s/__WASM__/$wasm/" loader/forus-widget.js > "$dir/forus-widget.js"
