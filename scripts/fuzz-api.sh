#!/usr/bin/env bash
# `make fuzz-api`: schemathesis against a running server, over every
# operation of the OpenAPI document the server serves, holding each answer
# to it: no 5xx, bodies that match their schemas, the content types said.
#
#   1. schemathesis (pinned) in a virtualenv under target/fuzz-api/, once;
#   2. its own database (saas_fuzz, made afresh) with a tenant and its owner;
#   3. a debug server on a free port, production mode, a random secret, and
#      a stand-in payment provider (scripts/fuzz-api/provider.py);
#   4. a service, a staff member and two bookings made through the API, so
#      operations on a booking or a manage link reach past "not found"
#      (scripts/fuzz-api/seed.py writes them into a schemathesis config);
#   5. schemathesis with the tenant's Host and the owner's token (signed in
#      through the API and refreshed as it runs: scripts/fuzz-api/hooks.py).
#
# Knobs: FUZZ_API_MAX_EXAMPLES (cases per operation and phase, 100),
# FUZZ_API_SEED (random unless set), FUZZ_API_WORKERS (2),
# FUZZ_API_MAX_FAILURES (unset: all), PROFILE (debug or release).
# CI runs a bounded pass: FUZZ_API_MAX_EXAMPLES=20 with a fixed seed.
# Reports (JUnit, the requests as a cassette, the server log) stay in
# target/fuzz-api/. Exits non-zero when a check failed.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SCHEMATHESIS_VERSION=4.32.5
MAX_EXAMPLES=${FUZZ_API_MAX_EXAMPLES:-100}
WORKERS=${FUZZ_API_WORKERS:-2}
SEED=${FUZZ_API_SEED:-}
profile=${PROFILE:-debug}
DOMAIN=fuzz.test
SLUG=fuzz
OWNER_EMAIL=owner@fuzz.example.com
OWNER_PASSWORD=fuzz-owner-pass-2026
FUZZ_DB=saas_fuzz
FUZZ_URL="postgres://postgres:postgres@$PG_HOST:$PG_PORT/$FUZZ_DB?sslmode=disable"
WORK="$TARGET_DIR/fuzz-api"
VENV="$WORK/venv"
BIN="$TARGET_DIR/$profile"

server_pid=""
provider_pid=""
cleanup() {
    if [ -n "$provider_pid" ]; then kill "$provider_pid" 2>/dev/null || true; fi
    if [ -n "$server_pid" ]; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    local port
    for port in $(seq 18300 18399); do
        port_open 127.0.0.1 "$port" || { echo "$port"; return; }
    done
    die "no free port in 18300-18399"
}

ensure_schemathesis() {
    if [ -x "$VENV/bin/schemathesis" ] &&
        [ "$("$VENV/bin/schemathesis" --version 2>/dev/null)" = "schemathesis, version $SCHEMATHESIS_VERSION" ]; then
        return
    fi
    say "installing schemathesis $SCHEMATHESIS_VERSION into target/fuzz-api/venv"
    rm -rf "$VENV"
    python3 -m venv "$VENV" || die "python3 -m venv failed (apt-get install python3-venv)"
    "$VENV/bin/pip" install -q "schemathesis==$SCHEMATHESIS_VERSION" >"$WORK/install.log" 2>&1 ||
        die "pip install schemathesis failed (see target/fuzz-api/install.log)"
}

mkdir -p "$WORK"
bash "$ROOT_DIR/scripts/setup.sh"
ensure_schemathesis
cd "$ROOT_DIR"

say "building ($profile)"
cargo_build "$profile" -p server -p tenant-admin

# Redis database 3 keeps the fuzz run's counters apart from dev, tests and bench.
export DATABASE_URL="$FUZZ_URL" BASE_DOMAIN="$DOMAIN" REDIS_URL="redis://$REDIS_HOST:$REDIS_PORT/3"
say "fresh database $FUZZ_DB with tenant $SLUG"
recreate_database "$FUZZ_DB"
"$BIN/tenant-admin" init >/dev/null
TENANT_OWNER_PASSWORD="$OWNER_PASSWORD" "$BIN/tenant-admin" create "$SLUG" --name "Fuzz Clinic" --plan pro \
    --owner-email "$OWNER_EMAIL" >/dev/null

# A stand-in payment provider, so checkout sessions get past "payments not
# configured" (a 503 the fuzzer would count as a server error).
provider_port=$(free_port)
python3 "$ROOT_DIR/scripts/fuzz-api/provider.py" "$provider_port" &
provider_pid=$!
for _ in $(seq 1 50); do port_open 127.0.0.1 "$provider_port" && break; sleep 0.1; done

port=$(free_port)
origin="http://127.0.0.1:$port"
say "starting the server on 127.0.0.1:$port"
# All requests come from one address: the limits meant for strangers are
# lifted, or most answers would be 429s. The outbox is polled once a day,
# so nothing the fuzzer queues (webhooks to made-up URLs, mail) is sent.
APP_HOST=127.0.0.1 APP_PORT=$port METRICS_ADDR=off APP_ENV=production \
    JWT_SECRET="$(python3 -c 'import secrets; print(secrets.token_hex(32))')" \
    AUTH_RATE_LIMIT=100000000 AUTH_ACCOUNT_SLOWDOWN_AFTER=100000000 \
    BOOKING_RATE_LIMIT_PER_IP=100000000 BOOKING_RATE_LIMIT_PER_CONTACT=100000000 \
    STORE_CARTS_PER_IP_PER_HOUR=100000000 OTP_SENDS_PER_IP_PER_HOUR=100000000 \
    OUTBOX_POLL_MS=86400000 RUST_LOG="${RUST_LOG:-warn}" \
    BILLING_API_URL="http://127.0.0.1:$provider_port" BILLING_API_KEY=sk_fuzz \
    BILLING_WEBHOOK_SECRET=whsec_fuzz \
    "$BIN/server" >"$WORK/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    port_open 127.0.0.1 "$port" && break
    kill -0 "$server_pid" 2>/dev/null || die "the server exited (see target/fuzz-api/server.log)"
    sleep 0.1
done
port_open 127.0.0.1 "$port" || die "the server did not start (see target/fuzz-api/server.log)"

seed_args=()
if [ -n "$SEED" ]; then seed_args=(--seed "$SEED"); fi
failure_args=()
if [ -n "${FUZZ_API_MAX_FAILURES:-}" ]; then failure_args=(--max-failures "$FUZZ_API_MAX_FAILURES"); fi

export FUZZ_API_ORIGIN="$origin" FUZZ_API_TENANT_HOST="$SLUG.$DOMAIN" \
    FUZZ_API_OWNER_EMAIL="$OWNER_EMAIL" FUZZ_API_OWNER_PASSWORD="$OWNER_PASSWORD"
say "seeding a service, a staff member and two bookings"
"$VENV/bin/python" "$ROOT_DIR/scripts/fuzz-api/seed.py" "$WORK/schemathesis.toml"

say "schemathesis: every operation, at most $MAX_EXAMPLES cases each per phase, $WORKERS workers"
# An order's event stream (follow_order) never ends and keeps its connection
# alive with a comment every 15 s, so no read timeout stops it: the fuzzer
# would wait on it for half an hour. Its contract is held by the tests
# (server/tests/api/stores/tracking.rs).
rm -rf "$WORK/report"
status=0
PYTHONDONTWRITEBYTECODE=1 PYTHONPATH="$ROOT_DIR/scripts/fuzz-api" SCHEMATHESIS_HOOKS=hooks \
    "$VENV/bin/schemathesis" --config-file "$WORK/schemathesis.toml" \
    run "$origin/api/v1/openapi.json" \
    --url "$origin" \
    --header "Host: $SLUG.$DOMAIN" \
    --checks "${FUZZ_API_CHECKS:-not_a_server_error,response_schema_conformance,content_type_conformance}" \
    --max-examples "$MAX_EXAMPLES" \
    --workers "$WORKERS" \
    --generation-database none \
    --request-timeout 30 \
    --exclude-operation-id follow_order \
    --no-color \
    --report junit,vcr \
    --report-dir "$WORK/report" \
    "${seed_args[@]}" "${failure_args[@]}" || status=$?

# What was sent, counted from the cassette: one entry per request; and per
# operation (JUnit: one test case each), whether every check held.
requests_made=$(cat "$WORK/report/vcr-"*.yaml 2>/dev/null | grep -c '^- id:' || true)
read -r tested failed < <(python3 - "$WORK/report" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
tests = failed = 0
for path in glob.glob(sys.argv[1] + "/junit-*.xml"):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        continue
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    for s in suites:
        tests += int(s.get("tests", 0))
        failed += int(s.get("failures", 0)) + int(s.get("errors", 0))
print(tests, failed)
PY
)
server_errors=$(grep -c '"level":"ERROR"' "$WORK/server.log" || true)
echo
echo "fuzz-api: ${requests_made:-0} requests made; ${server_errors:-0} error lines in the" \
    "server log (target/fuzz-api/server.log); reports in target/fuzz-api/report"
echo "fuzz-api: $((tested - failed)) passed, $failed failed"
# Queued deliveries of the fuzz tenant never leave: drop them.
psql -X -q -w "$FUZZ_URL" -c "DELETE FROM outbox" >/dev/null 2>&1 || true
exit "$status"
