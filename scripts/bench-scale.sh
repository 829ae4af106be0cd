#!/usr/bin/env bash
# Scale benchmark of the endpoint: fills N submissions (default 1,000,000) through the API, then prints startup
# time, resident memory, release computation time, export time and memory, and report latency. SQLite by default;
# set DATABASE_URL=postgres://… for PostgreSQL. Usage: scripts/bench-scale.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p forus-endpoint --bin forus-endpoint --example scale
exec target/release/examples/scale target/release/forus-endpoint "${1:-1000000}"
