#!/usr/bin/env bash
# Prepares one database: `db.sh [<database-url> [--recreate | --template]]`
# creates it when missing (or drops and recreates it with --recreate, ending
# its sessions first) and migrates the public schema with `tenant-admin init`.
# --template recreates and migrates it the same way, then closes it to
# connections: a template that test databases are copied from
# (CREATE DATABASE .. TEMPLATE). Without a URL it prepares the dev database
# (DATABASE_URL from the environment or .env).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

url="${1:-$(setting DATABASE_URL "$DEV_DATABASE_URL_DEFAULT")}"
mode="${2-}"
db="$(db_name_of "$url")"
[[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || die "unexpected database name '$db' in $url"

case "$mode" in
    --recreate | --template) recreate_database "$db" ;;
    "") ensure_database "$db" ;;
    *) die "unknown option '$mode' (expected --recreate or --template)" ;;
esac

cd "$ROOT_DIR"
release=()
if [ "${PROFILE:-debug}" = release ]; then release=(--release); fi
if ! out="$(DATABASE_URL="$url" cargo run -q "${release[@]}" -p tenant-admin -- init 2>&1)"; then
    printf '%s\n' "$out" >&2
    die "tenant-admin init failed on $db"
fi

if [ "$mode" = --template ]; then
    close_to_connections "$db"
fi
