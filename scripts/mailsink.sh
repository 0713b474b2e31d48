#!/usr/bin/env bash
# Makes sure a development SMTP sink listens on 127.0.0.1:1025 (the default
# SMTP_URL), so mail from the outbox has somewhere to go. The sink is aiosmtpd
# (in a virtualenv under .run/) and writes every message to .run/mail.log.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SMTP_HOST=127.0.0.1
SMTP_PORT=1025
port_open "$SMTP_HOST" "$SMTP_PORT" && exit 0

ensure_run_dir
venv="$RUN_DIR/mail-venv"
python=""
if python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
    python=python3
elif [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import aiosmtpd' >/dev/null 2>&1; then
    python="$venv/bin/python"
else
    say "installing the aiosmtpd mail sink into .run/mail-venv"
    if python3 -m venv "$venv" >>"$RUN_DIR/mail-install.log" 2>&1 &&
        "$venv/bin/pip" install -q aiosmtpd >>"$RUN_DIR/mail-install.log" 2>&1; then
        python="$venv/bin/python"
    elif as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd \
        >>"$RUN_DIR/mail-install.log" 2>&1; then
        python=/usr/bin/python3
    else
        warn "could not install aiosmtpd (see .run/mail-install.log); mail will stay in the outbox"
        exit 0
    fi
fi

PYTHONUNBUFFERED=1 nohup "$python" -m aiosmtpd -n -l "$SMTP_HOST:$SMTP_PORT" >>"$RUN_DIR/mail.log" 2>&1 &
echo $! >"$RUN_DIR/mailsink.pid"
for _ in $(seq 1 40); do
    port_open "$SMTP_HOST" "$SMTP_PORT" && exit 0
    sleep 0.25
done
warn "the mail sink did not start (see .run/mail.log); mail will stay in the outbox"
