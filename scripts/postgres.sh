#!/usr/bin/env bash
# A private PostgreSQL cluster for the test suite: scripts/postgres.sh start|stop|url
#
# The cluster lives in $PG_DIR (var/pg by default), listens on 127.0.0.1:$PG_PORT only
# (54329 by default) with its socket in the cluster directory, and never touches the
# distribution's own cluster. `start` prints the DATABASE_URL to use; pytest-django
# then creates its own test_ database beside it. initdb refuses to run as root, so as
# root the cluster belongs to the postgres user.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_DIR=${PG_DIR:-$PWD/var/pg}
if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$PWD" 2>/dev/null; then
  # The postgres user cannot reach a checkout under a private home (e.g. /root).
  PG_DIR=/tmp/xunjie-pg-$(printf '%s' "$PWD" | md5sum | cut -c1-8)
fi
PG_PORT=${PG_PORT:-54329}
PG_USER=${PG_USER:-xunjie}
PG_PASSWORD=${PG_PASSWORD:-xunjie-test}
PG_DB=${PG_DB:-xunjie}
DATA="$PG_DIR/data"
LOG="$PG_DIR/server.log"

bindir() {
  if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir
    return
  fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$dir" ]; then
    echo "postgres.sh: no PostgreSQL server found; run scripts/install-test-deps.sh" >&2
    exit 1
  fi
  echo "$dir"
}
BIN=$(bindir)

# Run as the cluster's owner: postgres when we are root, ourselves otherwise.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

psql_admin() {
  as_owner "$BIN/psql" -h "$DATA" -p "$PG_PORT" -d postgres -v ON_ERROR_STOP=1 -qAt "$@"
}

url() {
  echo "postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
}

start() {
  mkdir -p "$PG_DIR"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$PG_DIR"
  fi
  if [ ! -s "$DATA/PG_VERSION" ]; then
    as_owner "$BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 \
      --locale=C.UTF-8 >/dev/null
  fi
  if ! as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    # Tests need no durability: fsync off makes the suite's many small commits cheap.
    as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start -o \
      "-h 127.0.0.1 -p $PG_PORT -k $DATA -c fsync=off -c synchronous_commit=off \
       -c full_page_writes=off -c max_connections=200" >/dev/null
  fi
  if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER'")" != 1 ]; then
    # CREATEDB: pytest-django creates and drops its test_ database.
    psql_admin -c "CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD'"
  fi
  if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" != 1 ]; then
    psql_admin -c "CREATE DATABASE $PG_DB OWNER $PG_USER"
  fi
  url
}

stop() {
  if [ -s "$DATA/PG_VERSION" ] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
    echo "postgres.sh: stopped"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) url ;;
  *)
    echo "usage: $0 start|stop|url" >&2
    exit 2
    ;;
esac
