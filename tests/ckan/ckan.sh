#!/usr/bin/env bash
# A real CKAN for dxplan's portal tests (tests/portal.rs), on loopback only.
#
#   tests/ckan/ckan.sh install       the Python venv with CKAN and the test plugin
#   tests/ckan/ckan.sh start DIR     PostgreSQL, Redis and CKAN as our own processes;
#                                    writes DIR/env (URL, tokens, pids)
#   tests/ckan/ckan.sh stop DIR      stops them by process id
#
# PostgreSQL and Redis come from Debian (postgresql, redis-server); CKAN from
# PyPI. With `start DIR WATCH_PID` everything is stopped once process
# WATCH_PID has exited (the test binary that started it). Any failure exits
# non-zero with the log that explains it: the tests never skip.
set -euo pipefail

CKAN_VERSION=2.11.6
HERE="$(cd "$(dirname "$0")" && pwd)"
VENV="${DXPLAN_CKAN_VENV:-$HOME/.cache/dxplan-ckan/venv-$CKAN_VERSION}"
PG_BIN="${DXPLAN_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"

die() { echo "ckan.sh: $*" >&2; exit 1; }

install() {
    [ -x "$VENV/bin/ckan" ] || {
        python3 -m venv "$VENV"
        "$VENV/bin/pip" install -q --disable-pip-version-check "ckan[requirements]==$CKAN_VERSION"
    }
    "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps \
        --force-reinstall "$HERE/plugin"
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Run a PostgreSQL program as the `postgres` user when we are root (initdb
# and the server refuse to run as root).
as_pg() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

wait_for() { # what, seconds, command...
    local what=$1 secs=$2; shift 2
    for _ in $(seq "$((secs * 4))"); do "$@" >/dev/null 2>&1 && return 0; sleep 0.25; done
    return 1
}

start_postgres() {
    local dir=$1 port=$2
    mkdir -p "$dir/pg" "$dir/pgsock"
    [ "$(id -u)" = 0 ] && chown postgres "$dir/pg" "$dir/pgsock"
    as_pg "$PG_BIN/initdb" -D "$dir/pg" -U ckan --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    as_pg "$PG_BIN/pg_ctl" -D "$dir/pg" -l "$dir/pg/server.log" -w -t 60 \
        -o "-p $port -k $dir/pgsock -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
        || { cat "$dir/pg/server.log" >&2; die "PostgreSQL did not start"; }
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U ckan ckan
    echo "PG_PID=$(head -1 "$dir/pg/postmaster.pid")" >>"$dir/env"
}

start_redis() {
    local dir=$1 port=$2
    redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no \
        --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir"
    wait_for redis 20 test -s "$dir/redis.pid" || die "Redis did not start: $(cat "$dir/redis.log")"
    echo "REDIS_PID=$(cat "$dir/redis.pid")" >>"$dir/env"
}

configure_ckan() {
    local dir=$1 pg=$2 redis=$3 port=$4
    local ini="$dir/ckan.ini"
    "$VENV/bin/ckan" generate config "$ini" >/dev/null 2>>"$dir/cli.log"
    "$VENV/bin/ckan" config-tool "$ini" \
        "sqlalchemy.url=postgresql://ckan@127.0.0.1:$pg/ckan" \
        "ckan.site_url=http://127.0.0.1:$port" \
        "ckan.redis.url=redis://127.0.0.1:$redis/0" \
        "solr_url=http://127.0.0.1:9/solr/none" \
        "ckan.storage_path=$dir/storage" \
        "ckan.max_resource_size=2" \
        "ckan.plugins=activity dxplan_test_search" \
        "ckan.views.default_views=" >/dev/null 2>>"$dir/cli.log" \
        || { cat "$dir/cli.log" >&2; die "cannot write $ini"; }
    mkdir -p "$dir/storage"
}

ckan() { "$VENV/bin/ckan" -c "$DIR/ckan.ini" "$@" 2>>"$DIR/cli.log"; }

add_users() {
    ckan db init >"$DIR/dbinit.log" 2>&1 || { cat "$DIR/dbinit.log" >&2; die "ckan db init failed"; }
    ckan user add dxadmin email=dxadmin@example.org password=dxadmin-pass-1234 >/dev/null \
        && ckan sysadmin add dxadmin >/dev/null \
        && ckan user add outsider email=outsider@example.org password=outsider-pass-1234 >/dev/null \
        || { tail -20 "$DIR/cli.log" >&2; die "cannot add the test users"; }
    echo "ADMIN_TOKEN=$(ckan user token add dxadmin tests | tail -1 | tr -d '[:space:]')" >>"$DIR/env"
    echo "OUTSIDER_TOKEN=$(ckan user token add outsider tests | tail -1 | tr -d '[:space:]')" >>"$DIR/env"
}

start_ckan() {
    local port=$1
    setsid "$VENV/bin/ckan" -c "$DIR/ckan.ini" run --disable-reloader -H 127.0.0.1 -p "$port" \
        >"$DIR/ckan.log" 2>&1 </dev/null &
    echo "CKAN_PID=$!" >>"$DIR/env"
    wait_for ckan 120 python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
        "http://127.0.0.1:$port/api/3/action/status_show" \
        || { tail -40 "$DIR/ckan.log" >&2; die "CKAN did not answer on port $port"; }
    echo "CKAN_URL=http://127.0.0.1:$port" >>"$DIR/env"
}

start() {
    DIR=$1
    [ -x "$VENV/bin/ckan" ] || die "no CKAN in $VENV: run tests/ckan/ckan.sh install (or bash .ci/run)"
    [ -x "$PG_BIN/initdb" ] || die "no PostgreSQL server (apt-get install postgresql)"
    command -v redis-server >/dev/null || die "no redis-server (apt-get install redis-server)"
    [ -e "$DIR/env" ] && stop "$DIR"
    rm -rf "$DIR" && mkdir -p "$DIR" && : >"$DIR/env"
    trap 'stop "$DIR" >/dev/null 2>&1' ERR
    local pg redis port
    pg=$(free_port) redis=$(free_port) port=$(free_port)
    start_postgres "$DIR" "$pg"
    start_redis "$DIR" "$redis"
    configure_ckan "$DIR" "$pg" "$redis" "$port"
    add_users
    start_ckan "$port"
    trap - ERR
    if [ -n "${2:-}" ]; then
        # Stop everything once the process that asked for CKAN has gone.
        setsid bash -c "while kill -0 $2 2>/dev/null; do sleep 1; done; '$HERE/ckan.sh' stop '$DIR'" \
            >/dev/null 2>&1 </dev/null &
    fi
}

stop() {
    local dir=$1
    [ -e "$dir/env" ] || return 0
    # shellcheck disable=SC1091
    ( . "$dir/env"
      [ -n "${CKAN_PID:-}" ] && kill "$CKAN_PID" 2>/dev/null
      [ -n "${REDIS_PID:-}" ] && kill "$REDIS_PID" 2>/dev/null
      [ -n "${PG_PID:-}" ] && as_pg "$PG_BIN/pg_ctl" -D "$dir/pg" -m immediate stop >/dev/null 2>&1
      true )
    rm -f "$dir/env"
}

case "${1:-}" in
    install) install ;;
    start) [ -n "${2:-}" ] || die "usage: ckan.sh start DIR [WATCH_PID]"; start "$2" "${3:-}" ;;
    stop) [ -n "${2:-}" ] || die "usage: ckan.sh stop DIR"; stop "$2" ;;
    *) die "usage: ckan.sh install | start DIR [WATCH_PID] | stop DIR" ;;
esac
