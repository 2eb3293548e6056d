#!/bin/sh
# A private PostgreSQL cluster for the tests labelled `postgres`, like the private cupsd:
#   postgres-cluster.sh start STATE   initdb + start in a fresh mktemp directory, its path in STATE
#   postgres-cluster.sh restart STATE a server restart (fast shutdown), data kept
#   postgres-cluster.sh stop STATE    stop it and remove everything
# It listens on a Unix socket in that 0700 directory only (trust there: no other user gets in).
# As root it runs as the `postgres` account (initdb refuses root).
set -eu
action=$1
state=$2
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ]; then
    echo "postgres-cluster: no PostgreSQL server (Debian package postgresql)" >&2
    exit 1
fi

as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

stop() {
    [ -f "$state" ] || return 0
    dir=$(cat "$state")
    case "$dir" in /tmp/missive-pg.*) ;; *) echo "postgres-cluster: unexpected state $dir" >&2; exit 1 ;; esac
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    rm -f "$state"
}

case "$action" in
start)
    stop
    dir=$(mktemp -d /tmp/missive-pg.XXXXXX)
    if [ "$(id -u)" = 0 ]; then
        chown postgres "$dir"
    fi
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # The socket's name carries a port number; no TCP listener is opened.
    port=5432
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-k $dir -p $port -c listen_addresses='' -c fsync=off -c max_connections=200" start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    echo "$dir" >"$state"
    echo "postgres-cluster: socket in $dir, port $port"
    ;;
restart)
    dir=$(cat "$state")
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -m fast restart >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    ;;
stop)
    stop
    ;;
*)
    echo "usage: postgres-cluster.sh start|restart|stop STATE" >&2
    exit 2
    ;;
esac
