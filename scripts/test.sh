#!/usr/bin/env bash
# `make test`: the shared set-up, a clean test database (dropped and created
# again on every run), then every test of the workspace. Extra arguments go
# to `cargo test` (make test ARGS='-p server nginx').
# TEST_DATABASE_URL picks another test database (default saas_test).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bash "$ROOT_DIR/scripts/setup.sh"

export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/saas_test?sslmode=disable}"
# Redis database 1: rate-limit counters of the tests never mix with those
# of a dev server (database 0) or the bench (database 2).
export TEST_REDIS_URL="${TEST_REDIS_URL:-redis://$REDIS_HOST:$REDIS_PORT/1}"
# Anything in the tests that reads the ordinary settings sees the test services.
export DATABASE_URL="$TEST_DATABASE_URL" REDIS_URL="$TEST_REDIS_URL"

bash "$ROOT_DIR/scripts/db.sh" "$TEST_DATABASE_URL" --recreate

cd "$ROOT_DIR"
exec cargo test --workspace "$@"
