#!/usr/bin/env bash
# The main job on a fresh machine: install what is missing, build the widget, start the endpoint on the
# embedded SQLite default (./data/forus.db) and print the demo URL. Stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build-widget.sh
cargo build --release -p forus-endpoint
exec target/release/forus-endpoint --widget-dir dist "$@"
