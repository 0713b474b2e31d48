#!/bin/sh
# Renders the platform's nginx templates into an nginx configuration folder:
#
#   nginx/render.sh /etc/nginx
#
# writes conf.d/platform.conf, snippets/platform-app.conf and, with
# NGINX_TLS=on, conf.d/platform.tls.conf. The main nginx.conf must include
# conf.d/*.conf inside its http block (Debian's and the official image's do);
# the glob loads platform.conf first, which defines what the TLS file uses.
# POSIX sh, so it also runs inside the nginx container.
#
# Settings (environment, with defaults):
#   APP_UPSTREAM         host:port of the app server          127.0.0.1:8080
#   BASE_DOMAIN          tenants are <slug>.BASE_DOMAIN        example.com
#   NGINX_HTTP_PORT      plain-HTTP port                       80
#   NGINX_HTTPS_PORT     HTTPS port                            443
#   NGINX_TLS            on: HTTPS blocks + redirect to them   off
#   NGINX_CERT_DIR       where the certificates are            /etc/nginx/certs
#   NGINX_MAX_BODY_SIZE  client_max_body_size (uploads: UPLOAD_MAX_BYTES and a little) 11m
#   NGINX_ACCESS_LOG     access log path (or /dev/stdout)      /var/log/nginx/platform.access.log
#   NGINX_AUTH_RATE      sign-in requests per client address   30r/m
#   NGINX_AUTH_BURST     sign-in requests over the rate at once 20
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: render.sh <nginx-config-dir>}

APP_UPSTREAM=${APP_UPSTREAM:-127.0.0.1:8080}
BASE_DOMAIN=${BASE_DOMAIN:-example.com}
NGINX_HTTP_PORT=${NGINX_HTTP_PORT:-80}
NGINX_HTTPS_PORT=${NGINX_HTTPS_PORT:-443}
NGINX_TLS=${NGINX_TLS:-off}
NGINX_CERT_DIR=${NGINX_CERT_DIR:-/etc/nginx/certs}
NGINX_MAX_BODY_SIZE=${NGINX_MAX_BODY_SIZE:-11m}
NGINX_ACCESS_LOG=${NGINX_ACCESS_LOG:-/var/log/nginx/platform.access.log}
NGINX_AUTH_RATE=${NGINX_AUTH_RATE:-30r/m}
NGINX_AUTH_BURST=${NGINX_AUTH_BURST:-20}

# Values go into sed and nginx as they are: allow only plain characters.
for value in "$APP_UPSTREAM" "$BASE_DOMAIN" "$NGINX_HTTP_PORT" "$NGINX_HTTPS_PORT" \
    "$NGINX_CERT_DIR" "$NGINX_MAX_BODY_SIZE" "$NGINX_ACCESS_LOG"; do
    case "$value" in
    '' | *[!A-Za-z0-9._:/@\[\]-]*)
        echo "render.sh: refusing the value '$value'" >&2
        exit 2
        ;;
    esac
done

# nginx's rate syntax: a whole number of requests per second or per minute.
case "$NGINX_AUTH_RATE" in
*r/s | *r/m) rate_count=${NGINX_AUTH_RATE%r/?} ;;
*) rate_count= ;;
esac
case "$rate_count" in
'' | *[!0-9]*)
    echo "render.sh: NGINX_AUTH_RATE must look like 30r/m or 2r/s" >&2
    exit 2
    ;;
esac
case "$NGINX_AUTH_BURST" in
'' | *[!0-9]*)
    echo "render.sh: NGINX_AUTH_BURST must be a number" >&2
    exit 2
    ;;
esac

case "$NGINX_TLS" in
on | true | 1) tls=1 ;;
off | false | 0) tls=0 ;;
*)
    echo "render.sh: NGINX_TLS must be on or off" >&2
    exit 2
    ;;
esac

render() {
    sed -e "s|__UPSTREAM__|$APP_UPSTREAM|g" \
        -e "s|__BASE_DOMAIN__|$BASE_DOMAIN|g" \
        -e "s|__LISTEN_PORT__|$NGINX_HTTP_PORT|g" \
        -e "s|__TLS_PORT__|$NGINX_HTTPS_PORT|g" \
        -e "s|__CERT_DIR__|$NGINX_CERT_DIR|g" \
        -e "s|__MAX_BODY_SIZE__|$NGINX_MAX_BODY_SIZE|g" \
        -e "s|__ACCESS_LOG__|$NGINX_ACCESS_LOG|g" \
        -e "s|__FORCE_HTTPS__|$tls|g" \
        -e "s|__AUTH_RATE__|$NGINX_AUTH_RATE|g" \
        -e "s|__AUTH_BURST__|$NGINX_AUTH_BURST|g" \
        "$here/$1" >"$2"
}

mkdir -p "$out/conf.d" "$out/snippets"
render platform.conf "$out/conf.d/platform.conf"
render snippets/platform-app.conf "$out/snippets/platform-app.conf"
if [ "$tls" = 1 ]; then
    render platform.tls.conf "$out/conf.d/platform.tls.conf"
else
    rm -f "$out/conf.d/platform.tls.conf"
fi
