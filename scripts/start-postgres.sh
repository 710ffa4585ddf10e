#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server (Debian's packages) for the catalog tests, on a Unix socket and
# 127.0.0.1:54329, owned by the `postgres` user, with its data under /tmp. Prints the URL to use.
set -euo pipefail
PORT=${HOTICH_TEST_PG_PORT:-54329}
DATA=/tmp/hotich-test-pg
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
if ! "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" 2>/dev/null; then
  if [ ! -s "$DATA/PG_VERSION" ]; then
    rm -rf "$DATA"; install -d -o postgres -g postgres "$DATA"
    runuser -u postgres -- "$BIN/initdb" -D "$DATA" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  runuser -u postgres -- "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -s \
    -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" start
fi
echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
