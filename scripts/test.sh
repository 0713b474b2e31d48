#!/usr/bin/env bash
# `make test`: the shared set-up, a clean test database, then every test of
# the workspace. Extra arguments go to `cargo test` (make test ARGS='-p server
# nginx').
#
# The public schema is migrated once per run, into a template database
# (dropped and created again on every run, then closed to connections); the
# test database is a copy of it, and so is every private database a test
# makes (server/tests/api/support/db.rs), without migrating again.
# TEST_DATABASE_URL picks another test database (default saas_test), and
# TEST_TEMPLATE_DATABASE another template (default: its name + _template).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bash "$ROOT_DIR/scripts/setup.sh"

export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/saas_test?sslmode=disable}"
test_db="$(db_name_of "$TEST_DATABASE_URL")"
export TEST_TEMPLATE_DATABASE="${TEST_TEMPLATE_DATABASE:-${test_db}_template}"
check_db_name "$test_db"
check_db_name "$TEST_TEMPLATE_DATABASE"
# Redis database 1: rate-limit counters of the tests never mix with those
# of a dev server (database 0) or the bench (database 2).
export TEST_REDIS_URL="${TEST_REDIS_URL:-redis://$REDIS_HOST:$REDIS_PORT/1}"
# Anything in the tests that reads the ordinary settings sees the test services.
export DATABASE_URL="$TEST_DATABASE_URL" REDIS_URL="$TEST_REDIS_URL"

bash "$ROOT_DIR/scripts/db.sh" "$(db_url_with_name "$TEST_DATABASE_URL" "$TEST_TEMPLATE_DATABASE")" --template
recreate_database "$test_db" "$TEST_TEMPLATE_DATABASE"

cd "$ROOT_DIR"
exec cargo test --workspace "$@"
