#!/usr/bin/env bash
# Prints the bytes a visitor downloads for the widget, by when: the first view (loader, glue, wasm, one
# language pack) against its goal of 130,000 B brotli, then what comes only when needed (the assessment's
# consent step, delivery and results; the map; the world geometry). Each file raw, gzip and brotli, as the endpoint serves them.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/forus-widget.js ] || scripts/build-widget.sh
cargo run --quiet --release -p forus-endpoint -- --widget-dir dist --widget-size
