#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the warehouse tests: a cluster in a
# temporary folder, on a loopback port, owned by an unprivileged user (initdb
# refuses root). Prints the connection string as `export PG_URL=...` lines.
#   eval "$(bash scripts/pg-server.sh start)"   ... tests ...   bash scripts/pg-server.sh stop
# Finds the server binaries of the newest PostgreSQL under /usr/lib/postgresql.
set -euo pipefail
state=${PG_TEST_STATE:-/tmp/retention-metrics-pg}
port=${PG_TEST_PORT:-54329}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bindir" ]; then echo "pg-server.sh: no PostgreSQL server under /usr/lib/postgresql (apt-get install -y postgresql)" >&2; exit 1; fi
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    runuser -u postgres -- "$@"
  else "$@"; fi
}
case "${1:-}" in
  start)
    if [ -f "$state/data/postmaster.pid" ]; then as_owner "$bindir/pg_ctl" -D "$state/data" -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$state"; mkdir -p "$state"
    [ "$(id -u)" = 0 ] && { id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres; chown postgres "$state"; }
    as_owner "$bindir/initdb" -D "$state/data" -U postgres --auth=trust -E UTF8 --locale=C >"$state/initdb.log" 2>&1 \
      || { cat "$state/initdb.log" >&2; exit 1; }
    as_owner "$bindir/pg_ctl" -D "$state/data" -l "$state/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $state -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c timezone=UTC" start >/dev/null \
      || { cat "$state/server.log" >&2; exit 1; }
    echo "export PG_URL=postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    [ -d "$state/data" ] && as_owner "$bindir/pg_ctl" -D "$state/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$state"
    ;;
  *) echo "usage: pg-server.sh start|stop" >&2; exit 2 ;;
esac
