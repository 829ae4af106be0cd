#!/usr/bin/env bash
# Load benchmark of the endpoint: durable submissions/s with p50/p99 latency at 64 connections on SQLite,
# map GETs/s, and a bare axum hello world as the ceiling, in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
# --postgres: on a local PostgreSQL server (scripts/postgres.sh installs and starts one), not a SQLite file.
[ "${1:-}" = "--postgres" ] && { shift; FORUS_TEST_POSTGRES_URL=$(scripts/postgres.sh | tail -n 1); export FORUS_TEST_POSTGRES_URL; }
cargo build --release -p forus-endpoint --bin forus-endpoint --example load
exec target/release/examples/load target/release/forus-endpoint
