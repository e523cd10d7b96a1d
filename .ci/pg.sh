#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 + PostGIS cluster on a free local port and
# prints its URL; `pg.sh stop URL` stops and removes it. Used by .ci/run and by
# developers who want the database tests to run on PostgreSQL as well:
#   export TEST_DATABASE_URL=$(.ci/pg.sh start)
#   .ci/pg.sh stop "$TEST_DATABASE_URL"
set -euo pipefail
BIN=/usr/lib/postgresql/15/bin
cmd=${1:-start}
if [ "$cmd" = stop ]; then
	port=$(echo "${2:-}" | sed -E 's#.*:([0-9]+)/.*#\1#')
	dir=$(cat "/tmp/wam-pg-$port.dir" 2>/dev/null) || exit 0
	runuser -u postgres -- "$BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
	rm -rf "$dir" "/tmp/wam-pg-$port.dir"
	exit 0
fi
[ -x "$BIN/initdb" ] || { echo "PostgreSQL 15 is not installed (apt-get install postgresql-15-postgis-3)" >&2; exit 1; }
port=55432
while (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
dir=$(mktemp -d /tmp/wam-pg.XXXXXX)
chown postgres:postgres "$dir"
runuser -u postgres -- "$BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
# A throwaway test cluster: durability settings off for speed.
runuser -u postgres -- "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" \
	-o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off" -w start >/dev/null
echo "$dir" > "/tmp/wam-pg-$port.dir"
echo "postgres://postgres@127.0.0.1:$port/postgres"
