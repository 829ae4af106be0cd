#!/usr/bin/env bash
# The main job on a fresh machine: install what is missing, build the widget, start the endpoint on the
# embedded SQLite default (./data/forus.db) and print the demo URL. Stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build-widget.sh
cargo build --release -p forus-endpoint
cat <<'NOTE'

Review page: /review on the address below. The demo member (coordination-sud) needs no review; to review
another member's submissions (say CONGAD's), make a reviewer token in another terminal with
  target/release/forus-endpoint reviewers add --member congad
and paste it into the page. Published figures are released every 30 s here (FORUS_RELEASE_INTERVAL).
NOTE
FORUS_RELEASE_INTERVAL="${FORUS_RELEASE_INTERVAL:-30s}" exec target/release/forus-endpoint --widget-dir dist "$@"
