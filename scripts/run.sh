#!/usr/bin/env bash
# `make run`: the whole local stack on one command. Set-up, a mail sink, the
# dev database migrated, a demo tenant with an owner, then the server on
# APP_HOST:APP_PORT (127.0.0.1:8080) until Ctrl-C.
# PROFILE=release builds optimised binaries instead of debug ones.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DEMO_SLUG=demo
DEMO_NAME="Demo Clinic"
DEMO_OWNER_EMAIL=owner@demo.localhost
DEMO_OWNER_PASSWORD=demo-owner-2026
profile=${PROFILE:-debug}

bash "$ROOT_DIR/scripts/setup.sh"
# The mail sink lives as long as this run, unless one was already there.
mailsink_ours=no
port_open 127.0.0.1 1025 || mailsink_ours=yes
bash "$ROOT_DIR/scripts/mailsink.sh"

server_pid=""
# shellcheck disable=SC2317 # called from the trap
cleanup() {
    if [ -n "$server_pid" ]; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    if [ "$mailsink_ours" = yes ] && [ -f "$RUN_DIR/mailsink.pid" ]; then
        kill "$(cat "$RUN_DIR/mailsink.pid")" 2>/dev/null || true
        rm -f "$RUN_DIR/mailsink.pid"
    fi
}
trap cleanup EXIT
# Ctrl-C or SIGTERM: the EXIT trap stops the server gracefully.
trap 'exit 0' INT TERM

cd "$ROOT_DIR"
database_url="$(setting DATABASE_URL "$DEV_DATABASE_URL_DEFAULT")"
app_host="$(setting APP_HOST 127.0.0.1)"
app_port="$(setting APP_PORT 8080)"
base_domain="$(setting BASE_DOMAIN localhost)"
# The local stack runs with .env's published JWT_SECRET: say it is development
# (an older .env has no APP_ENV), or the server refuses to start.
app_env="$(setting APP_ENV development)"
export DATABASE_URL="$database_url" BASE_DOMAIN="$base_domain" APP_ENV="$app_env"

if port_open "$app_host" "$app_port"; then
    die "something already listens on $app_host:$app_port (an earlier make run?); stop it or set APP_PORT"
fi

say "building ($profile)"
cargo_build "$profile" -p server -p tenant-admin
bin="$TARGET_DIR/$profile"

bash "$ROOT_DIR/scripts/db.sh" "$database_url"
# On pro: the demo shows every feature (webhooks, SMS reminders, ...).
"$bin/tenant-admin" create "$DEMO_SLUG" --name "$DEMO_NAME" --plan pro \
    --owner-email "$DEMO_OWNER_EMAIL" --owner-password "$DEMO_OWNER_PASSWORD"
"$bin/tenant-admin" plan "$DEMO_SLUG" pro >/dev/null
"$bin/tenant-admin" migrate --all

"$bin/server" &
server_pid=$!

for _ in $(seq 1 100); do
    port_open "$app_host" "$app_port" && break
    kill -0 "$server_pid" 2>/dev/null || die "the server exited during start-up (see its log above)"
    sleep 0.2
done
port_open "$app_host" "$app_port" || die "the server did not start (see its log above)"
# Services, a staff member and hours for the demo site (only while it has none).
python3 "$ROOT_DIR/scripts/demo/seed.py" "http://$app_host:$app_port" "$DEMO_SLUG.$base_domain" \
    "$DEMO_OWNER_EMAIL" "$DEMO_OWNER_PASSWORD" || warn "could not seed the demo tenant"

cat <<BANNER

  The platform is running (Ctrl-C stops it).

  Demo tenant site:  http://$DEMO_SLUG.$base_domain:$app_port/
  Health check:      curl -H 'Host: $DEMO_SLUG.$base_domain' http://$app_host:$app_port/healthz
  Readiness:         curl http://$DEMO_SLUG.$base_domain:$app_port/readyz
  Back office:       http://$DEMO_SLUG.$base_domain:$app_port/admin
  Owner login:       $DEMO_OWNER_EMAIL / $DEMO_OWNER_PASSWORD
                     curl -H 'Host: $DEMO_SLUG.$base_domain' -H 'Content-Type: application/json' \\
                       -d '{"email":"$DEMO_OWNER_EMAIL","password":"$DEMO_OWNER_PASSWORD"}' \\
                       http://$app_host:$app_port/api/v1/auth/login
  Sign up a business: http://$base_domain:$app_port/signup
  Mail sent by the app lands in .run/mail.log (SMTP sink on 127.0.0.1:1025).

BANNER

status=0
wait "$server_pid" || status=$?
server_pid=""
exit "$status"
