#!/usr/bin/env bash
# `make screenshots`: PNGs of the tenant site's main pages (home, booking,
# the form, confirmation, manage) at 360 and 1280 pixels wide, in English,
# Arabic and Persian, into .screenshots/. Uses the test database's template
# (made when missing) and a private copy of it; never drops a shared
# database.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bash "$ROOT_DIR/scripts/setup.sh"

export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/saas_test?sslmode=disable}"
test_db="$(db_name_of "$TEST_DATABASE_URL")"
export TEST_TEMPLATE_DATABASE="${TEST_TEMPLATE_DATABASE:-${test_db}_template}"
check_db_name "$test_db"
check_db_name "$TEST_TEMPLATE_DATABASE"
export TEST_REDIS_URL="${TEST_REDIS_URL:-redis://$REDIS_HOST:$REDIS_PORT/1}"
export DATABASE_URL="$TEST_DATABASE_URL" REDIS_URL="$TEST_REDIS_URL"

db_exists() {
    psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'" | grep -q 1
}
if ! db_exists "$TEST_TEMPLATE_DATABASE"; then
    bash "$ROOT_DIR/scripts/db.sh" "$(db_url_with_name "$TEST_DATABASE_URL" "$TEST_TEMPLATE_DATABASE")" --template
fi
db_exists "$test_db" || recreate_database "$test_db" "$TEST_TEMPLATE_DATABASE"

export SCREENSHOTS_DIR="$ROOT_DIR/.screenshots"
mkdir -p "$SCREENSHOTS_DIR"
cd "$ROOT_DIR"
cargo test -p server --test api pages::screenshots -- --ignored --nocapture
say "screenshots in $SCREENSHOTS_DIR:"
ls -1 "$SCREENSHOTS_DIR"
