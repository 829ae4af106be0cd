#!/usr/bin/env bash
# Benchmark of the participation map: the time an SDG filter switch takes in headless Chromium (performance
# marks, against a baseline measured in the same run) and the world geometry's bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/forus-widget.js ] || scripts/build-widget.sh
cargo build --release -p forus-endpoint
cd end2end && npx playwright test --config bench.config.ts
