#!/usr/bin/env bash
# A throwaway PostgreSQL for the tests and benchmarks: Debian's server binaries, a cluster in
# <dir>/data, listening on a free port of 127.0.0.1 only, with a password for the superuser.
#   scripts/servers/postgres.sh start <dir>   prints `export TABI_TEST_PG_URL=...` on stdout
#   scripts/servers/postgres.sh stop <dir>    stops it (the caller removes <dir>)
# Durability is switched off (fsync, full-page writes): the data lives for one test run.
set -euo pipefail
command="${1:-}"; dir="${2:-}"
[ -n "$command" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop <dir>" >&2; exit 2; }

bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
[ -x "$bindir/initdb" ] || {
  echo "postgres.sh: no PostgreSQL server found in /usr/lib/postgresql/*/bin (scripts/install-deps test)" >&2; exit 1; }

# initdb and postgres refuse to run as root: run them as the `postgres` user the Debian package makes.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$command" in
start)
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  data="$dir/data"
  password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  mkdir -p "$data"
  printf '%s\n' "$password" > "$dir/pwfile"
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres: "$dir"; chmod 755 "$dir"; fi
  chmod 700 "$data"; chmod 600 "$dir/pwfile"
  as_owner "$bindir/initdb" -D "$data" -U postgres --pwfile="$dir/pwfile" --auth=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2; exit 1; }
  rm -f "$dir/pwfile"
  as_owner "$bindir/pg_ctl" -D "$data" -w -t 60 -l "$dir/server.log" start -o \
    "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir \
     -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  echo "export TABI_TEST_PG_URL=postgresql://postgres:$password@127.0.0.1:$port/postgres"
  echo "export TABI_TEST_PG_BIN=$bindir"
  ;;
stop)
  [ -d "$dir/data" ] || exit 0
  as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  ;;
*) echo "usage: $0 start|stop <dir>" >&2; exit 2 ;;
esac
