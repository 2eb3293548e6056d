#!/bin/sh
# A private PostgreSQL cluster for the tests labelled `postgres`, like the private cupsd:
#   postgres-cluster.sh start STATE   initdb + start in a fresh mktemp directory, its path in STATE
#   postgres-cluster.sh start-tls STATE  the same, also on 127.0.0.1 with TLS only and passwords
#                                     (a throwaway CA in DIR/tls; role "missive", password in
#                                     DIR/tls/password; STATE's second line is the port)
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
    dir=$(head -n 1 "$state")
    case "$dir" in /tmp/missive-pg.*) ;; *) echo "postgres-cluster: unexpected state $dir" >&2; exit 1 ;; esac
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    rm -f "$state"
}

case "$action" in
start | start-tls)
    stop
    dir=$(mktemp -d /tmp/missive-pg.XXXXXX)
    if [ "$(id -u)" = 0 ]; then
        chown postgres "$dir"
    fi
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # The socket's name carries a port number; no TCP listener unless TLS is asked.
    port=5432
    listen="''"
    tls=""
    if [ "$action" = start-tls ]; then
        port=55432
        while ss -Htln "sport = :$port" 2>/dev/null | grep -q .; do
            port=$((port + 1))
        done
        listen=127.0.0.1
        t="$dir/tls"
        mkdir -p "$t"
        openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Missive test CA" \
            -keyout "$t/ca.key" -out "$t/ca.crt" 2>/dev/null
        openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$t/server.key" -out "$t/server.csr" \
            2>/dev/null
        printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$t/san.ext"
        openssl x509 -req -in "$t/server.csr" -CA "$t/ca.crt" -CAkey "$t/ca.key" -CAcreateserial -days 2 \
            -extfile "$t/san.ext" -out "$t/server.crt" 2>/dev/null
        # A second CA that signed nothing here: what a wrong sslrootcert looks like.
        openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Other CA" \
            -keyout "$t/other.key" -out "$t/other-ca.crt" 2>/dev/null
        openssl rand -hex 16 >"$t/password"
        chmod 0600 "$t/server.key"
        if [ "$(id -u)" = 0 ]; then
            chown -R postgres "$t"
        fi
        printf 'local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n' >"$dir/data/pg_hba.conf"
        tls="-c ssl=on -c ssl_cert_file=$t/server.crt -c ssl_key_file=$t/server.key"
    fi
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-k $dir -p $port -c listen_addresses=$listen -c fsync=off -c max_connections=200 $tls" start \
        >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    if [ "$action" = start-tls ]; then
        as_owner "$bin/psql" -q -h "$dir" -p "$port" -U postgres -d postgres \
            -c "CREATE ROLE missive LOGIN CREATEDB PASSWORD '$(cat "$dir/tls/password")'" \
            -c "CREATE DATABASE missive OWNER missive" >/dev/null
    fi
    printf '%s\n%s\n' "$dir" "$port" >"$state"
    echo "postgres-cluster: socket in $dir, port $port"
    ;;
restart)
    dir=$(head -n 1 "$state")
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -m fast restart >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    ;;
stop)
    stop
    ;;
*)
    echo "usage: postgres-cluster.sh start|start-tls|restart|stop STATE" >&2
    exit 2
    ;;
esac
