#!/usr/bin/env bash
# Builds the widget for release into dist/ (wasm-opt -Oz via npm binaryen, content-hashed names): its
# module, the language packs, the on-demand modules (results, map) and the stable loader forus-widget.js.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
trunk build --release --offline "$@"
test -f dist/forus-widget.js
