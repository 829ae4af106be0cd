#!/usr/bin/env bash
# Builds the widget for release into dist/ (optimised by scripts/optimise-wasm.sh, content-hashed names): its
# module, the language packs, the on-demand modules (results, map) and the stable loader forus-widget.js.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# The release modules (this one and the on-demand ones, built by Trunk's hook) rebuild std with the pinned
# compiler for size, and a panic aborts at once, without formatting a message or its location (release builds
# install no panic hook: the message was never shown). These are unstable options, so RUSTC_BOOTSTRAP allows
# them, for these wasm builds only (write-loader.sh unsets them all for the native tool it runs); std's crates
# are fetched by setup.sh. Measured: first view 241.1 to 225.1 KB brotli (its wasm 215.1 to 199.3 KB). std's
# `optimize_for_size` picks its smaller algorithms (sorting, integer printing): first view 224.1 to 218.4 KB.
# `{:?}` formats nothing (`-Zfmt-debug=none`): no code of ours shows or stores a Debug form (only tests, which
# are not built this way, and panics, which format nothing here), so every Debug impl and the escaping tables
# behind them drop out: first view 182.6 to 179.8 KB (its wasm 166.5 to 163.8 KB).
export RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none"
trunk build --release --offline "$@"
test -f dist/forus-widget.js
