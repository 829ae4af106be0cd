#!/usr/bin/env bash
# Installs (Debian package) and starts a local PostgreSQL server for the storage tests, with a role `forus`
# (password `forus`) allowed to create databases. Idempotent. Prints the admin URL the tests use.
set -euo pipefail
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v pg_lsclusters >/dev/null; then
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
fi
cluster=$(pg_lsclusters --no-header | awk 'NR == 1 { print $1 " " $2 }')
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
  as_root pg_createcluster "$version" main >/dev/null
  cluster="$version main"
fi
# shellcheck disable=SC2086
pg_lsclusters --no-header | awk 'NR == 1 { print $4 }' | grep -q online || as_root pg_ctlcluster $cluster start
port=$(pg_lsclusters --no-header | awk 'NR == 1 { print $3 }')
for _ in $(seq 1 30); do
  as_root su postgres -c "psql -p $port -qtAc 'SELECT 1'" >/dev/null 2>&1 && break
  sleep 1
done
as_root su postgres -c "psql -p $port -qtAc \"SELECT 1 FROM pg_roles WHERE rolname = 'forus'\"" | grep -q 1 \
  || as_root su postgres -c "psql -p $port -qc \"CREATE ROLE forus LOGIN CREATEDB PASSWORD 'forus'\"" >/dev/null
# Databases left by earlier test runs.
as_root su postgres -c "psql -p $port -qtAc \"SELECT datname FROM pg_database WHERE datname LIKE 'forus_test_%'\"" \
  | while read -r database; do as_root su postgres -c "dropdb -p $port $database"; done
echo "postgres://forus:forus@127.0.0.1:$port/postgres"
