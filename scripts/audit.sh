#!/usr/bin/env bash
# `make audit`: Lighthouse (pinned, from the npm registry, under
# target/audit/) with Debian's Chromium, mobile emulation, on a tenant's
# home page, a booking page and the back office's calendar. It fails when
# a page scores below 95 for accessibility or best practices, or below 90
# for performance.
#
#   1. its own database (saas_audit, made afresh), a tenant with an owner,
#      seeded through the API (scripts/demo/seed.py);
#   2. a debug server on a free port with BASE_DOMAIN=localhost, so the
#      site is http://audit.localhost:<port>/ (Chromium resolves
#      *.localhost to loopback itself and treats it as a secure origin);
#   3. the owner signed in through /admin/login for the calendar's cookie;
#   4. Lighthouse on each page; the scores as a table; reports (HTML and
#      JSON) in target/audit/.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

LIGHTHOUSE_VERSION=12.8.2
profile=${PROFILE:-debug}
SLUG=audit
OWNER_EMAIL=owner@audit.example.com
OWNER_PASSWORD=audit-owner-pass-2026
AUDIT_DB=saas_audit
AUDIT_URL="postgres://postgres:postgres@$PG_HOST:$PG_PORT/$AUDIT_DB?sslmode=disable"
WORK="$TARGET_DIR/audit"
BIN="$TARGET_DIR/$profile"

server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    local port
    for port in $(seq 18400 18499); do
        port_open 127.0.0.1 "$port" || { echo "$port"; return; }
    done
    die "no free port in 18400-18499"
}

ensure_lighthouse() {
    local installed="$WORK/node_modules/lighthouse/package.json"
    if [ -f "$installed" ] && grep -q "\"version\": \"$LIGHTHOUSE_VERSION\"" "$installed"; then
        return
    fi
    command -v npm >/dev/null || as_root apt-get install -y -q nodejs npm >/dev/null
    say "installing lighthouse $LIGHTHOUSE_VERSION into target/audit"
    npm install --prefix "$WORK" --no-audit --no-fund --silent "lighthouse@$LIGHTHOUSE_VERSION" \
        >"$WORK/install.log" 2>&1 || die "npm install lighthouse failed (see target/audit/install.log)"
}

mkdir -p "$WORK"
bash "$ROOT_DIR/scripts/setup.sh"
ensure_lighthouse
chrome=$(command -v chromium || true)
[ -n "$chrome" ] || die "chromium is missing (scripts/setup.sh installs it)"
cd "$ROOT_DIR"

say "building ($profile)"
cargo_build "$profile" -p server -p tenant-admin

export DATABASE_URL="$AUDIT_URL" BASE_DOMAIN=localhost REDIS_URL="redis://$REDIS_HOST:$REDIS_PORT/4"
say "fresh database $AUDIT_DB with tenant $SLUG"
recreate_database "$AUDIT_DB"
"$BIN/tenant-admin" init >/dev/null
TENANT_OWNER_PASSWORD="$OWNER_PASSWORD" "$BIN/tenant-admin" create "$SLUG" --name "Audit Clinic" \
    --owner-email "$OWNER_EMAIL" >/dev/null

port=$(free_port)
origin="http://127.0.0.1:$port"
host="$SLUG.localhost:$port"
say "starting the server on 127.0.0.1:$port"
APP_HOST=127.0.0.1 APP_PORT=$port METRICS_ADDR=off APP_ENV=production \
    JWT_SECRET="$(python3 -c 'import secrets; print(secrets.token_hex(32))')" \
    OUTBOX_POLL_MS=86400000 RUST_LOG="${RUST_LOG:-warn}" \
    "$BIN/server" >"$WORK/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    port_open 127.0.0.1 "$port" && break
    kill -0 "$server_pid" 2>/dev/null || die "the server exited (see target/audit/server.log)"
    sleep 0.1
done
port_open 127.0.0.1 "$port" || die "the server did not start (see target/audit/server.log)"

python3 "$ROOT_DIR/scripts/demo/seed.py" "$origin" "$host" "$OWNER_EMAIL" "$OWNER_PASSWORD"
service_id=$(curl -fsS -H "Host: $host" "$origin/api/v1/services" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
cookie=$(python3 "$ROOT_DIR/scripts/audit/session.py" "$origin" "$host" "$OWNER_EMAIL" "$OWNER_PASSWORD")
headers_file="$WORK/admin-headers.json"
python3 -c 'import json,sys; print(json.dumps({"Cookie": sys.argv[1]}))' "$cookie" >"$headers_file"

site="http://$host"
pages=(
    "home|$site/|"
    "booking|$site/book/$service_id|"
    "admin-calendar|$site/admin/calendar|$headers_file"
)
failed=0
rows=()
for entry in "${pages[@]}"; do
    IFS='|' read -r name url extra <<<"$entry"
    say "lighthouse: $name ($url)"
    extra_args=()
    if [ -n "$extra" ]; then extra_args=(--extra-headers "$extra"); fi
    # The performance score moves with the machine's load (Total Blocking
    # Time on a busy 2-core machine): a page below a threshold is measured
    # again, up to three times in all, and the first run that passes counts.
    # A page that is really below stays below every time.
    for measure in 1 2 3; do
        # Lighthouse now and then fails to record its trace (NO_NAVSTART): a
        # run that errors (not one that scores low) is tried again, twice.
        ran=no
        for attempt in 1 2 3; do
            if CHROME_PATH="$chrome" "$WORK/node_modules/.bin/lighthouse" "$url" \
                --only-categories=performance,accessibility,best-practices \
                --form-factor=mobile \
                --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage" \
                --output=json --output=html --output-path="$WORK/$name" \
                --quiet "${extra_args[@]}"; then
                ran=yes
                break
            fi
            warn "lighthouse run $attempt on $url failed"
        done
        [ "$ran" = yes ] || die "lighthouse failed three times on $url"
        row=$(python3 - "$WORK/$name.report.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
cats = report["categories"]
score = lambda key: round((cats[key]["score"] or 0) * 100)
perf, a11y, best = score("performance"), score("accessibility"), score("best-practices")
ok = perf >= 90 and a11y >= 95 and best >= 95
print(f"{perf} {a11y} {best} {'ok' if ok else 'BELOW'}")
if not ok:
    for key in ("performance", "accessibility", "best-practices"):
        for ref in cats[key]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                print(f"  {key}: {audit['id']}: {audit['title']} ({audit['score']})", file=sys.stderr)
PY
        )
        read -r perf a11y best verdict <<<"$row"
        if [ "$verdict" = ok ]; then break; fi
        if [ "$measure" -lt 3 ]; then warn "$name scored below a threshold; measuring again"; fi
    done
    [ "$verdict" = ok ] || failed=1
    rows+=("$(printf '| %-15s | %11s | %13s | %14s | %-6s |' "$name" "$perf" "$a11y" "$best" "$verdict")")
done

echo
echo "| page            | performance | accessibility | best practices | result |"
echo "|-----------------|-------------|---------------|----------------|--------|"
printf '%s\n' "${rows[@]}"
echo "(thresholds: performance 90, accessibility 95, best practices 95; mobile; reports in target/audit/)"
exit "$failed"
