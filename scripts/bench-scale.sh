#!/usr/bin/env bash
# Scale benchmark of the endpoint: fills N submissions (default 1,000,000) through the API, then prints startup
# time, resident memory, release computation time, export time and memory, and report latency. SQLite by default;
# --postgres for PostgreSQL. Usage: scripts/bench-scale.sh [--postgres] [N]
set -euo pipefail
cd "$(dirname "$0")/.."
# --postgres: on a local PostgreSQL server (scripts/postgres.sh installs and starts one), not a SQLite file.
[ "${1:-}" = "--postgres" ] && { shift; FORUS_TEST_POSTGRES_URL=$(scripts/postgres.sh | tail -n 1); export FORUS_TEST_POSTGRES_URL; }
cargo build --release -p forus-endpoint --bin forus-endpoint --example scale
exec target/release/examples/scale target/release/forus-endpoint "${1:-1000000}"
