#!/usr/bin/env bash
# Prints the bytes a visitor downloads for the widget: each file raw, gzip and brotli (as the endpoint
# serves them), and the total.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/forus-widget.js ] || scripts/build-widget.sh
cargo run --quiet --release -p forus-endpoint -- --widget-dir dist --widget-size
