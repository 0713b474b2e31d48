#!/usr/bin/env bash
# The shared set-up behind `make run`, `make test` and `make bench`: installs
# the system packages that are missing, makes sure PostgreSQL and Redis answer
# on 127.0.0.1, and creates .env from .env.example. Safe to run again and
# again; it prints nothing when everything is already in place.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

have_pkg() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

have_cmd() {
    command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ]
}

have_postgres_server() {
    compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null
}

install_packages() {
    local missing=()
    have_pkg libpq-dev || missing+=(libpq-dev)
    have_cmd psql || missing+=(postgresql-client)
    # A server is installed only when nothing answers on the port already
    # (PostgreSQL or Redis may run elsewhere, in a container say).
    port_open "$PG_HOST" "$PG_PORT" || have_postgres_server || missing+=(postgresql)
    port_open "$REDIS_HOST" "$REDIS_PORT" || have_cmd redis-server || missing+=(redis-server)
    have_cmd nginx || missing+=(nginx)
    have_cmd wrk || missing+=(wrk)
    have_cmd curl || missing+=(curl)
    have_cmd python3 || missing+=(python3)
    # The pages' browser tests and `make screenshots` drive Debian's Chromium.
    have_cmd chromium || missing+=(chromium)
    have_cmd chromedriver || missing+=(chromium-driver)
    # The invoice tests read the PDFs' text with pdftotext.
    have_cmd pdftotext || missing+=(poppler-utils)
    [ "${#missing[@]}" -eq 0 ] && return 0

    command -v apt-get >/dev/null 2>&1 ||
        die "missing ${missing[*]}, and there is no apt-get here to install them"
    say "installing ${missing[*]} (log: .run/apt.log)"
    ensure_run_dir
    if ! as_root apt-get update -qq >"$RUN_DIR/apt.log" 2>&1; then
        warn "apt-get update failed; trying the install with the lists as they are"
    fi
    if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends "${missing[@]}" >>"$RUN_DIR/apt.log" 2>&1; then
        tail -n 30 "$RUN_DIR/apt.log" >&2
        die "apt-get install ${missing[*]} failed"
    fi
}

systemd_running() {
    [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1
}

wait_for_port() {
    local host=$1 port=$2 what=$3 i
    for i in $(seq 1 60); do
        port_open "$host" "$port" && return 0
        [ "$i" -eq 60 ] || sleep 0.5
    done
    die "$what did not start listening on $host:$port"
}

start_postgres() {
    say "starting PostgreSQL"
    if systemd_running; then
        as_root systemctl start postgresql
    elif command -v pg_ctlcluster >/dev/null 2>&1; then
        local version
        version="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n 1)"
        [ -n "$version" ] || die "no PostgreSQL server found under /usr/lib/postgresql"
        if [ ! -d "/etc/postgresql/$version/main" ]; then
            as_root pg_createcluster "$version" main >/dev/null
        fi
        as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
    elif command -v service >/dev/null 2>&1; then
        as_root service postgresql start
    else
        die "PostgreSQL is not running on $PG_HOST:$PG_PORT and I don't know how to start it"
    fi
    wait_for_port "$PG_HOST" "$PG_PORT" PostgreSQL
}

ensure_postgres() {
    port_open "$PG_HOST" "$PG_PORT" || start_postgres
    if ! psql_admin -tA -c 'SELECT 1' >/dev/null 2>&1; then
        # A fresh Debian cluster wants a password over TCP and the postgres
        # role has none: give it the one DATABASE_URL uses (local dev only).
        say "setting a password for the postgres role (for TCP logins)"
        as_postgres psql -X -q -p "$PG_PORT" -c "ALTER USER postgres PASSWORD 'postgres'" ||
            die "could not set the postgres role's password"
        psql_admin -tA -c 'SELECT 1' >/dev/null ||
            die "cannot log in to PostgreSQL as $PG_ADMIN_URL"
    fi
}

redis_pong() {
    (
        exec 3<>"/dev/tcp/$REDIS_HOST/$REDIS_PORT" || exit 1
        printf 'PING\r\n' >&3
        IFS= read -r -t 3 reply <&3 || exit 1
        [[ "$reply" == +PONG* ]]
    ) 2>/dev/null
}

ensure_redis() {
    redis_pong && return 0
    port_open "$REDIS_HOST" "$REDIS_PORT" &&
        die "something listens on $REDIS_HOST:$REDIS_PORT but does not answer PING like a password-less Redis"
    say "starting Redis"
    ensure_run_dir
    if systemd_running && systemctl cat redis-server >/dev/null 2>&1; then
        as_root systemctl start redis-server
    else
        redis-server --daemonize yes --bind "$REDIS_HOST" --port "$REDIS_PORT" \
            --save '' --appendonly no --dir "$RUN_DIR" --logfile "$RUN_DIR/redis.log"
    fi
    local i
    for i in $(seq 1 40); do
        redis_pong && return 0
        sleep 0.25
    done
    die "Redis did not answer PING on $REDIS_HOST:$REDIS_PORT (see .run/redis.log)"
}

ensure_env_file() {
    if [ ! -f "$ROOT_DIR/.env" ]; then
        cp "$ROOT_DIR/.env.example" "$ROOT_DIR/.env"
        say "created .env from .env.example"
    fi
}

install_packages
ensure_postgres
ensure_redis
ensure_env_file
