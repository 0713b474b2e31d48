#!/usr/bin/env bash
# Prepares one database: `db.sh [<database-url> [--recreate]]` creates it when
# missing (or drops and recreates it with --recreate, ending its sessions
# first) and migrates the public schema with `tenant-admin init`. Without a
# URL it prepares the dev database (DATABASE_URL from the environment or .env).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

url="${1:-$(setting DATABASE_URL "$DEV_DATABASE_URL_DEFAULT")}"
db="$(db_name_of "$url")"
[[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || die "unexpected database name '$db' in $url"

if [ "${2-}" = --recreate ]; then
    recreate_database "$db"
else
    ensure_database "$db"
fi

cd "$ROOT_DIR"
release=()
if [ "${PROFILE:-debug}" = release ]; then release=(--release); fi
if ! out="$(DATABASE_URL="$url" cargo run -q "${release[@]}" -p tenant-admin -- init 2>&1)"; then
    printf '%s\n' "$out" >&2
    die "tenant-admin init failed on $db"
fi
