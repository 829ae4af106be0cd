#!/bin/sh
# Trunk post-build hook: writes the language packs, the on-demand modules, and forus-widget.js, the stable URL member sites embed,
# pointing at this build's content-hashed wasm-bindgen module, wasm file (names read from the page Trunk
# generated), packs and on-demand modules.
set -eu
dir="${TRUNK_STAGING_DIR:?run by trunk}"
glue=$(sed -n "s/.*import init, \* as bindings from '\.\/\([^']*\.js\)'.*/\1/p" "$dir/index.html" | head -n 1)
wasm=$(sed -n "s/.*module_or_path: '\.\/\([^']*\.wasm\)'.*/\1/p" "$dir/index.html" | head -n 1)
if [ -z "$glue" ] || [ -z "$wasm" ] || [ ! -f "$dir/$glue" ] || [ ! -f "$dir/$wasm" ]; then
  echo "write-loader: no wasm-bindgen output found in $dir" >&2
  exit 1
fi
# A release's module optimised with its glue (Trunk's wasm-opt is off: index.html), as build-on-demand.sh does
# its modules; the glue then minified (esbuild from npm): no comments, whitespace or long local names.
if [ "${TRUNK_PROFILE:-release}" = release ]; then
  sh scripts/optimise-wasm.sh "$dir/$wasm" "$dir/$glue"
  sh scripts/minify-js.sh "$dir/$glue"
fi
# Trunk names the wasm and the glue by hashes of wasm-bindgen's output, taken before wasm-opt: a change to
# wasm-opt's arguments alone would ship other bytes under names browsers keep for a year (and the glue follows
# the module's renamed imports). Named by their final bytes instead, as build-on-demand.sh names the on-demand
# modules.
final="${wasm%-*}-$(sha256sum "$dir/$wasm" | cut -c1-16)_bg.wasm"
if [ "$final" != "$wasm" ]; then
  mv "$dir/$wasm" "$dir/$final"
  sed -i "s|\./$wasm|./$final|g" "$dir/index.html"
  wasm=$final
fi
final="${glue%-*}-$(sha256sum "$dir/$glue" | cut -c1-16).js"
if [ "$final" != "$glue" ]; then
  mv "$dir/$glue" "$dir/$final"
  sed -i "s|\./$glue|./$final|g" "$dir/index.html"
  glue=$final
fi
# The language packs, content-hashed beside the wasm; their names go into the loader.
# A native tool: without build-widget.sh's release-wasm options (std rebuilt needs a --target).
packs=$(env -u RUSTC_BOOTSTRAP -u CARGO_UNSTABLE_BUILD_STD -u CARGO_UNSTABLE_BUILD_STD_FEATURES -u CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS \
  cargo run --quiet -p forus-model --bin write-packs -- "$dir")
case "$packs" in
  '{"en":{"assessment":"pack-en-'*) ;;
  *) echo "write-loader: write-packs printed no pack names" >&2; exit 1 ;;
esac
# The on-demand modules: what the first view does not need.
set -- $(sh scripts/build-on-demand.sh "$dir")
results_glue=$1 results_wasm=$2 map_glue=$3 map_wasm=$4
# The loader's one text, shown when the widget cannot load, in every language of model/locales/.
texts="{"
for file in model/locales/*/interface.toml; do
  lang=$(basename "$(dirname "$file")")
  text=$(sed -n '/^\[loader\]/,/^\[/s/^load_failed = \(".*"\)$/\1/p' "$file" | head -n 1)
  [ -n "$text" ] || { echo "write-loader: no load_failed text in $file" >&2; exit 1; }
  texts="$texts \"$lang\": $text,"
done
texts=$(printf '%s }' "$texts" | sed 's/[&|\\]/\\&/g')
sed -e "s/__GLUE__/$glue/" -e "s|__PACKS__|$packs|" -e "s/__RESULTS_GLUE__/$results_glue/" -e "s/__RESULTS_WASM__/$results_wasm/" \
  -e "s/__MAP_GLUE__/$map_glue/" -e "s/__MAP_WASM__/$map_wasm/" -e "s/__WASM__/$wasm/" -e "s|__LOAD_FAILED__|$texts|" loader/forus-widget.js > "$dir/forus-widget.js"
# A release ships its loader minified too.
if [ "${TRUNK_PROFILE:-release}" = release ]; then
  sh scripts/minify-js.sh "$dir/forus-widget.js"
  # The development page (index.html) preloads the glue and the wasm with Trunk's subresource integrity, of
  # what they were before: hash them again.
  for file in "$glue" "$wasm"; do
    integrity=$(node -e "process.stdout.write(require('crypto').createHash('sha384').update(require('fs').readFileSync(process.argv[1])).digest('base64'))" "$dir/$file")
    sed -i "s|\(href=\"\./$file\"[^>]* integrity=\"sha384-\)[^\"]*\"|\1$integrity\"|" "$dir/index.html"
    grep -q "sha384-$integrity" "$dir/index.html" || { echo "write-loader: the integrity of $file in index.html" >&2; exit 1; }
  done
fi
