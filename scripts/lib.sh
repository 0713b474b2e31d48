# Shared helpers for the scripts in this folder. Source it; don't run it.
# shellcheck shell=bash
# The variables here are used by the scripts that source this file.
# shellcheck disable=SC2034

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="$ROOT_DIR/.run"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT_DIR/target}"
case "$TARGET_DIR" in /*) ;; *) TARGET_DIR="$ROOT_DIR/$TARGET_DIR" ;; esac

PG_HOST=127.0.0.1
PG_PORT=5432
PG_ADMIN_URL="postgres://postgres:postgres@$PG_HOST:$PG_PORT/postgres"
DEV_DATABASE_URL_DEFAULT="postgres://postgres:postgres@$PG_HOST:$PG_PORT/saas_dev?sslmode=disable"
REDIS_HOST=127.0.0.1
REDIS_PORT=6379

# .run/ holds local state (logs, pid files, the mail sink's virtualenv); it
# ignores itself so it never shows up in git.
ensure_run_dir() {
    mkdir -p "$RUN_DIR"
    [ -f "$RUN_DIR/.gitignore" ] || printf '*\n' >"$RUN_DIR/.gitignore"
}

say() { printf '==> %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

# Runs a command as root: directly when we are root, else through sudo
# (non-interactive when there is no terminal, as in CI).
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        if [ -t 0 ]; then sudo "$@"; else sudo -n "$@"; fi
    else
        die "need root for: $* (install sudo or run as root)"
    fi
}

# Runs a command as the postgres OS user (peer auth over the local socket).
as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then
        if command -v runuser >/dev/null 2>&1; then
            runuser -u postgres -- "$@"
        else
            su postgres -s /bin/bash -c "$(printf '%q ' "$@")"
        fi
    else
        as_root -u postgres "$@"
    fi
}

# True when something accepts TCP connections on host:port.
port_open() {
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# Reads NAME from the environment, else from .env, else prints the default.
setting() {
    local name=$1 default=${2-} value=""
    if [ -n "${!name-}" ]; then
        printf '%s\n' "${!name}"
        return
    fi
    if [ -f "$ROOT_DIR/.env" ]; then
        value="$(sed -n "s/^[[:space:]]*\(export[[:space:]]\{1,\}\)\{0,1\}${name}[[:space:]]*=[[:space:]]*//p" "$ROOT_DIR/.env" | tail -n 1)"
        value="${value%\"}"
        value="${value#\"}"
        value="${value%\'}"
        value="${value#\'}"
    fi
    printf '%s\n' "${value:-$default}"
}

# The database name at the end of a postgres:// URL.
db_name_of() {
    local url=${1%%\?*}
    printf '%s\n' "${url##*/}"
}

# The URL of another database on the same server: `db_url_with_name URL NAME`
# (the query string, such as ?sslmode=disable, is kept).
db_url_with_name() {
    local url=$1 name=$2 query=""
    if [[ "$url" == *\?* ]]; then query="?${url#*\?}"; fi
    url=${url%%\?*}
    printf '%s/%s%s\n' "${url%/*}" "$name" "$query"
}

# Dies unless the name is safe to put in SQL: a-z, 0-9 and _.
check_db_name() {
    [[ "$1" =~ ^[a-z_][a-z0-9_]*$ ]] || die "unexpected database name '$1'"
}

psql_admin() {
    psql -X -q -v ON_ERROR_STOP=1 -w "$PG_ADMIN_URL" "$@"
}

# Creates the database when it does not exist.
ensure_database() {
    local db=$1
    if [ -z "$(psql_admin -tA -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
        psql_admin -c "CREATE DATABASE \"$db\""
        say "created database $db"
    fi
}

# Drops (after ending its sessions) and creates the database, so a run
# starts clean: `recreate_database DB [TEMPLATE]` makes it a copy of TEMPLATE
# (which nobody may be connected to), else an empty database.
recreate_database() {
    local db=$1 template=${2-}
    check_db_name "$db"
    psql_admin -tA -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                       WHERE datname = '$db' AND pid <> pg_backend_pid()" >/dev/null
    psql_admin -c "DROP DATABASE IF EXISTS \"$db\"" 2>/dev/null ||
        psql_admin -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"
    if [ -n "$template" ]; then
        check_db_name "$template"
        psql_admin -c "CREATE DATABASE \"$db\" TEMPLATE \"$template\""
    else
        psql_admin -c "CREATE DATABASE \"$db\""
    fi
}

# Closes a database to connections, so that it can be copied at any time
# (PostgreSQL refuses to copy a database someone is connected to).
close_to_connections() {
    local db=$1
    check_db_name "$db"
    psql_admin -c "ALTER DATABASE \"$db\" WITH ALLOW_CONNECTIONS false"
}

# Builds the given cargo packages ("-p server -p tenant-admin") in a profile.
cargo_build() {
    local profile=$1
    shift
    if [ "$profile" = release ]; then
        cargo build -q --release "$@"
    else
        cargo build -q "$@"
    fi
}
