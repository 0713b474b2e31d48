#!/usr/bin/env bash
# `make bench`: provisioning and HTTP figures against a release build.
#
#   1. Provisioning with tenant-admin: sequential creates (median, p95), then
#      BENCH_TENANTS tenants in 2 parallel streams, then `migrate --all` with
#      nothing pending over all of them.
#   2. HTTP: its own release server on a free port, owners logged in through
#      the API, customers seeded, then wrk on GET /api/v1/customers?limit=20
#      (64 connections, 2 threads) rotating over 100 tenants, over all of
#      them, and on a single tenant; throughput, p50/p99 and server memory;
#      then bookings (services, home page, availability, booking), the
#      clinic (patient search by a misspelt name, a patient's chart) and the
#      shop (a category page, search, checkout) over 100 tenants.
#   3. Sign-up: BENCH_SIGNUPS sign-ups in a row through the API (median, p95),
#      and staff creates with and without a plan limit to check.
#   4. `migrate --all` with one new migration that adds a column to every
#      tenant's customers.
#
# Uses its own database (saas_bench, dropped and created again) and cleans up
# after itself. Results are printed and kept in .bench/results.txt.
# Knobs: BENCH_TENANTS (1000), BENCH_SEQUENTIAL (30), BENCH_DURATION (15s),
# BENCH_CUSTOMERS (20 per tenant), BENCH_CONNECTIONS (64), BENCH_THREADS (2),
# BENCH_SIGNUPS (200 sign-ups in a row through the API), BENCH_SHOP_PRODUCTS
# (1000 per tenant), BENCH_SHOP_CARTS (150 guest carts per tenant to check out),
# BENCH_CLINIC_PATIENTS (5000 per tenant), BENCH_CLINIC_CHARTS (50 of them
# with notes, a plan and appointments), BENCH_CEILING_CLIENTS (8 pgbench clients
# for the ceiling of the customer and services lists), BENCH_ONLY (the groups
# of scenarios to run, of: customers bookings clinic shop ceiling signup; all
# of them when unset; e.g. BENCH_ONLY=shop to measure the shop alone),
# BENCH_RUNS (5 measured runs of each scenario that can be run again, their
# spread printed), BENCH_AUTOGROUP (off: the kernel's per-session CPU groups
# are turned off for the run and turned back on after it; keep: leave them).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TENANTS=${BENCH_TENANTS:-1000}
SEQUENTIAL=${BENCH_SEQUENTIAL:-30}
SIGNUPS=${BENCH_SIGNUPS:-200}
DURATION=${BENCH_DURATION:-15s}
CEILING_CLIENTS=${BENCH_CEILING_CLIENTS:-8}
CUSTOMERS=${BENCH_CUSTOMERS:-20}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
HTTP_TENANTS=100
SHOP_PRODUCTS=${BENCH_SHOP_PRODUCTS:-1000}
SHOP_CARTS=${BENCH_SHOP_CARTS:-150}
CLINIC_PATIENTS=${BENCH_CLINIC_PATIENTS:-5000}
CLINIC_CHARTS=${BENCH_CLINIC_CHARTS:-50}
ONLY=${BENCH_ONLY:-customers bookings clinic shop ceiling signup}
RUNS=${BENCH_RUNS:-5}
AUTOGROUP=${BENCH_AUTOGROUP:-off}
DOMAIN=bench.test
PASSWORD=bench-owner-pass-2026
BENCH_DB=saas_bench
BENCH_URL="postgres://postgres:postgres@$PG_HOST:$PG_PORT/$BENCH_DB?sslmode=disable"

WORK="$ROOT_DIR/.bench"
BIN="$TARGET_DIR/release"
LUA="$ROOT_DIR/scripts/bench/rotate.lua"
RESULTS="$WORK/results.txt"

server_pid=""
sampler_pid=""
mailsink_ours=no
autogroup_was=""
AUTOGROUP_KNOB=/proc/sys/kernel/sched_autogroup_enabled
cleanup() {
    if [ -n "$autogroup_was" ]; then echo "$autogroup_was" >"$AUTOGROUP_KNOB" 2>/dev/null || true; fi
    if [ -n "$sampler_pid" ]; then kill "$sampler_pid" 2>/dev/null || true; fi
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
trap 'exit 130' INT TERM

# wanted GROUP: whether BENCH_ONLY asks for that group of scenarios.
wanted() { [[ " ${ONLY//,/ } " == *" $1 "* ]]; }
for group in ${ONLY//,/ }; do
    case "$group" in
        customers | bookings | clinic | shop | ceiling | signup) ;;
        *) die "BENCH_ONLY: unknown group '$group' (customers bookings clinic shop ceiling signup)" ;;
    esac
done

case "$RUNS" in '' | *[!0-9]* | 0) die "BENCH_RUNS: a number of runs, 1 or more" ;; esac
case "$AUTOGROUP" in off | keep) ;; *) die "BENCH_AUTOGROUP: off or keep" ;; esac

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Prints "median p95" of the numbers on stdin.
median_p95() {
    sort -n | awk '{ v[NR] = $1 }
        END {
            if (NR == 0) { print "- -"; exit }
            m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            i = int(NR * 0.95 + 0.999999); if (i > NR) i = NR
            printf "%.0f %.0f\n", m, v[i]
        }'
}

# A port nobody listens on, other than $1 when given (one picked already).
free_port() {
    local port
    for port in $(seq 18100 18199); do
        [ "$port" = "${1:-}" ] && continue
        port_open 127.0.0.1 "$port" || { echo "$port"; return; }
    done
    die "no free port in 18100-18199"
}

# "<connections> <MB>": the server's PostgreSQL backends (those connected
# to the bench's database) and their private memory (catalog caches, plans;
# not the shared buffers), from /proc; "? ?" where it cannot be read.
backends_mb() {
    local pids pid total=0 n=0 kb
    pids=$(psql -X -w -tA "$BENCH_URL" -c \
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()" 2>/dev/null) ||
        { echo "? ?"; return; }
    for pid in $pids; do
        kb=$(awk '/^Private_(Clean|Dirty):/ { s += $2 } END { print s + 0 }' "/proc/$pid/smaps_rollup" 2>/dev/null) ||
            { echo "? ?"; return; }
        total=$((total + kb)) n=$((n + 1))
    done
    echo "$n $((total / 1024))"
}
rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
hwm_mb() { awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

bash "$ROOT_DIR/scripts/setup.sh"
mkdir -p "$WORK"

# The kernel's autogroup makes each session a CPU group of its own, and
# shares the CPUs between groups before threads: PostgreSQL's backends (the
# postmaster's session) then share one group's time against the server's
# group and the load generator's. Under full load that left runnable
# backends unscheduled for 0.2 to 0.7 s (perf sched: 343 ms at most over
# 5 s of patient search) while the others ran: the p99 stalls. Turned off,
# the same run had a p99 of 16 ms instead of 75 to 211 and no request over
# 40 ms. deploy/sysctl turns it off on a host that runs both; the bench does
# the same for its run and puts the setting back after it.
scheduler_note="no autogroup in this kernel"
if [ -r "$AUTOGROUP_KNOB" ]; then
    if [ "$(cat "$AUTOGROUP_KNOB")" = 0 ]; then
        scheduler_note="autogroup off"
    elif [ "$AUTOGROUP" = keep ]; then
        scheduler_note="autogroup on (BENCH_AUTOGROUP=keep)"
    elif (echo 0 >"$AUTOGROUP_KNOB") 2>/dev/null; then
        autogroup_was=1
        scheduler_note="autogroup off for the run (on before and after it)"
    else
        warn "cannot turn the kernel's autogroup off (needs root): expect p99 stalls"
        scheduler_note="autogroup on (could not turn it off)"
    fi
fi
cd "$ROOT_DIR"

say "building release binaries"
cargo_build release -p server -p tenant-admin

# Redis database 2 keeps the bench's rate-limit counters apart from dev and tests.
export DATABASE_URL="$BENCH_URL" BASE_DOMAIN="$DOMAIN" RUST_LOG=warn \
    REDIS_URL="redis://$REDIS_HOST:$REDIS_PORT/2"
say "fresh database $BENCH_DB"
recreate_database "$BENCH_DB"
"$BIN/tenant-admin" init >/dev/null

# --- 1. Provisioning --------------------------------------------------------
say "provisioning: $SEQUENTIAL sequential creates without an owner, $SEQUENTIAL with one"
create_times() {
    local prefix=$1 with_owner=$2 i t0 owner=()
    for i in $(seq 1 "$SEQUENTIAL"); do
        owner=()
        if [ "$with_owner" = yes ]; then
            owner=(--owner-email "owner@$prefix$i.$DOMAIN" --owner-password "$PASSWORD")
        fi
        t0=$(now_ms)
        "$BIN/tenant-admin" create "$prefix$i" --name "Sequential $i" "${owner[@]}" \
            >/dev/null 2>>"$WORK/provision.log" || die "create $prefix$i failed (see .bench/provision.log)"
        echo $(($(now_ms) - t0))
    done
}
create_times seqa no >"$WORK/create-plain.ms"
create_times seqb yes >"$WORK/create-owner.ms"
read -r seq_plain_median seq_plain_p95 < <(median_p95 <"$WORK/create-plain.ms")
read -r seq_owner_median seq_owner_p95 < <(median_p95 <"$WORK/create-owner.ms")

say "provisioning: $TENANTS tenants with owners in 2 parallel streams"
seq -f 't%04g' 1 "$TENANTS" >"$WORK/slugs.txt"
t0=$(now_ms)
xargs -P 2 -I{} "$BIN/tenant-admin" create {} --name "Bench {}" \
    --owner-email "owner@{}.$DOMAIN" --owner-password "$PASSWORD" \
    <"$WORK/slugs.txt" >/dev/null 2>>"$WORK/provision.log" ||
    die "some creates failed (see .bench/provision.log)"
bulk_ms=$(($(now_ms) - t0))

total_tenants=$(psql -X -w -tA "$BENCH_URL" -c "SELECT count(*) FROM tenants WHERE status = 'active'")
say "migrate --all with nothing pending over $total_tenants tenants (best of 3)"
migrate_times=()
for _ in 1 2 3; do
    t0=$(now_ms)
    "$BIN/tenant-admin" migrate --all </dev/null >/dev/null
    migrate_times+=($(($(now_ms) - t0)))
done
migrate_ms=$(printf '%s\n' "${migrate_times[@]}" | sort -n | head -n 1)

# --- 2. HTTP ----------------------------------------------------------------
# The outbox's mail (booking confirmations, order mails) needs a listener:
# with none, every job fails at once and is tried again, and those retries
# compete with the measured requests for the two cores.
port_open 127.0.0.1 1025 || mailsink_ours=yes
bash "$ROOT_DIR/scripts/mailsink.sh"
port=$(free_port)
# Its metrics (the pool's wait explains the tails) on a port of its own,
# never the one a dev server may hold.
metrics_port=$(free_port "$port")
say "starting the release server on 127.0.0.1:$port (metrics on :$metrics_port)"
# A fresh random secret in production mode: the bench runs what production runs.
bench_secret=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
# All the load comes from one address: the limits meant for strangers are
# lifted, or the bench would measure 429s.
APP_HOST=127.0.0.1 APP_PORT=$port METRICS_ADDR=127.0.0.1:$metrics_port \
    AUTH_RATE_LIMIT=100000000 \
    BOOKING_RATE_LIMIT_PER_IP=100000000 BOOKING_RATE_LIMIT_PER_CONTACT=100000000 \
    STORE_CARTS_PER_IP_PER_HOUR=100000000 OTP_SENDS_PER_IP_PER_HOUR=100000000 \
    SIGNUPS_PER_IP_PER_HOUR=100000000 \
    APP_ENV=production JWT_SECRET="$bench_secret" \
    SMTP_URL=smtp://127.0.0.1:1025 "$BIN/server" >"$WORK/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    port_open 127.0.0.1 "$port" && break
    kill -0 "$server_pid" 2>/dev/null || die "the server exited (see .bench/server.log)"
    sleep 0.1
done
port_open 127.0.0.1 "$port" || die "the server did not start (see .bench/server.log)"
rss_idle=$(rss_mb "$server_pid")

awk -v d="$DOMAIN" '{ print $1, "owner@" $1 "." d }' "$WORK/slugs.txt" >"$WORK/owners-all.txt"
head -n "$HTTP_TENANTS" "$WORK/owners-all.txt" >"$WORK/owners-100.txt"

http_ok=yes
say "logging in $TENANTS owners and seeding $CUSTOMERS customers each"
t0=$(now_ms)
prep_status=0
python3 "$ROOT_DIR/scripts/bench/prepare.py" --port "$port" --domain "$DOMAIN" \
    --tenants "$WORK/owners-all.txt" --password "$PASSWORD" --customers "$CUSTOMERS" \
    --out "$WORK/tokens-all.txt" || prep_status=$?
prep_ms=$(($(now_ms) - t0))
rss_prepared=$(rss_mb "$server_pid")
# Like pgbench after its load: vacuum and analyze now, so autovacuum does not
# start on the freshly loaded tables in the middle of a measured run.
# Only the tables that took 20 writes or more since they were last
# analyzed (the loaded ones and the catalogs): a plain VACUUM ANALYZE
# visits every table of every tenant, over 6 minutes at 10,000 tenants
# (885,000 with their TOAST tables), and so would one of every table
# written at all (each tenant's settings and counters: 49,000). All in one
# VACUUM: each VACUUM ends by reading the whole of pg_class, so one a table
# took longer than 10 minutes for the 10,000 customer tables, one for all
# of them 2 minutes.
settle_database() {
    say "VACUUM ANALYZE of the tables with 20 writes or more since the last one"
    psql -X -w -q -v ON_ERROR_STOP=1 "$BENCH_URL" >/dev/null <<'SQL' || warn "VACUUM ANALYZE failed; figures may be noisier"
SELECT 'VACUUM (ANALYZE) ' || string_agg(format('%I.%I', schemaname, relname), ', ')
FROM pg_stat_all_tables
WHERE (n_mod_since_analyze >= 20 OR n_ins_since_vacuum >= 20 OR n_dead_tup >= 20)
  AND schemaname NOT IN ('information_schema', 'pg_toast')
HAVING count(*) > 0
\gexec
SQL
}
settle_database
# Other work on the machine skews the figures: show how busy it was.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
if [ "$prep_status" -eq 3 ]; then
    warn "POST /api/v1/auth/login is not available in this build: skipping the HTTP scenarios"
    http_ok=no
elif [ "$prep_status" -ne 0 ]; then
    die "preparing the tenants failed (see above and .bench/server.log)"
fi

declare -a rows=()
ceiling_customers="" ceiling_services=""
# Transactions a second of a pgbench script over the first N tenants
# (t0001 ...), with as many clients as the server's pool has connections
# at most and the server's planner setting.
ceiling_tps() {
    PGOPTIONS='-c random_page_cost=1.1' pgbench -n -M simple -c "$CEILING_CLIENTS" -j "$THREADS" \
        -T "${DURATION%s}" -D tenants="$2" -f "$1" "$BENCH_URL" 2>>"$WORK/pgbench.log" |
        awk '/^tps/ { printf "%.0f", $3 }'
}
# "<sum> <count>" of a histogram of the server's /metrics: the pool's wait
# (db_pool_wait_seconds) or the time inside tenant transactions
# (db_tenant_transaction_seconds). Read before and after a scenario, their
# difference says whether a tail came from waiting for a connection or
# from the database.
histogram_totals() {
    { curl -fsS "http://127.0.0.1:$metrics_port/metrics" 2>/dev/null || true; } |
        awk -v h="$1" '$1 == h "_sum" { s = $2 } $1 == h "_count" { c = $2 }
            END { printf "%s %s\n", (s == "" ? 0 : s), (c == "" ? 0 : c) }'
}
# The mean in ms between two "<sum> <count>" readings.
mean_ms_between() {
    awk -v a="$1" -v b="$2" 'BEGIN { split(a, x, " "); split(b, y, " ");
        n = y[2] - x[2]; if (n > 0) printf "%.2f", 1000 * (y[1] - x[1]) / n; else printf "?" }'
}
# "<rps> <p99_ms> <errors>" of the WRK line $1.
rps_p99() {
    awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
        print v["rps"], v["p99_ms"], v["http_errors"] + v["connect_errors"] + v["read_errors"] + v["write_errors"] + v["timeouts"] }' <<<"$1"
}
# run_scenario NAME REQUESTS-FILE [LUA-SCRIPT [WARM-UP-SECONDS [RUNS]]]
# RUNS measured runs in a row (BENCH_RUNS; 1 for scenarios that use up
# their data); the row keeps the run of median throughput and the spread
# of all of them.
run_scenario() {
    local name=$1 tokens=$2 lua=${3:-$LUA} warmup=${4:-3} runs=${5:-$RUNS} line peak i
    # Tokens taken at the start would expire (15 minutes at most) before
    # the last scenarios: each scenario starts with fresh ones.
    python3 "$ROOT_DIR/scripts/bench/prepare.py" --port "$port" --domain "$DOMAIN" \
        --tenants "$WORK/owners-all.txt" --password "$PASSWORD" --renew "$tokens" ||
        die "renewing the tokens for scenario $name failed (see .bench/server.log)"
    # The warm-up fills the host cache, the pools and PostgreSQL's per-
    # connection catalog caches (each connection meets each tenant once).
    if [ "$warmup" -gt 0 ]; then
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${warmup}s" -s "$lua" "http://127.0.0.1:$port" -- "$tokens" >/dev/null
    fi
    : >"$WORK/rss.samples"
    (
        while kill -0 "$server_pid" 2>/dev/null; do
            rss_mb "$server_pid" >>"$WORK/rss.samples" 2>/dev/null || true
            echo >>"$WORK/rss.samples"
            sleep 0.5
        done
    ) &
    sampler_pid=$!
    local wait_before tx_before samples=()
    wait_before=$(histogram_totals db_pool_wait_seconds)
    tx_before=$(histogram_totals db_tenant_transaction_seconds)
    for ((i = 0; i < runs; i++)); do
        line=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$lua" \
            "http://127.0.0.1:$port" -- "$tokens" | grep '^WRK ') || die "wrk failed in scenario $name"
        samples+=("${line#WRK }")
    done
    local pool_wait tx_time
    pool_wait=$(mean_ms_between "$wait_before" "$(histogram_totals db_pool_wait_seconds)")
    tx_time=$(mean_ms_between "$tx_before" "$(histogram_totals db_tenant_transaction_seconds)")
    kill "$sampler_pid" 2>/dev/null || true
    wait "$sampler_pid" 2>/dev/null || true
    sampler_pid=""
    peak=$(sort -n "$WORK/rss.samples" | tail -n 1)
    local sample figures median spread
    figures=$(for sample in "${samples[@]}"; do rps_p99 "$sample"; done)
    median=$(for i in "${!samples[@]}"; do echo "$(rps_p99 "${samples[$i]}" | cut -d' ' -f1) $i"; done |
        sort -n | awk -v n="$runs" 'NR == int((n + 1) / 2) { print $2 }')
    spread=$(awk 'NR == 1 { rlo = rhi = $1; plo = phi = $2 }
        { if ($1 < rlo) rlo = $1; if ($1 > rhi) rhi = $1; if ($2 < plo) plo = $2; if ($2 > phi) phi = $2; e += $3 }
        END { printf "rps_min=%s rps_max=%s p99_min=%s p99_max=%s errors_all=%d", rlo, rhi, plo, phi, e }' <<<"$figures")
    rows+=("$name ${samples[$median]} runs=$runs $spread rss_max_mb=${peak:-?} pool_wait_ms=$pool_wait tx_ms=$tx_time")
}

if [ "$http_ok" = yes ]; then
    head -n "$HTTP_TENANTS" "$WORK/tokens-all.txt" >"$WORK/tokens-100.txt"
    head -n 1 "$WORK/tokens-all.txt" >"$WORK/tokens-1.txt"
    few=$(wc -l <"$WORK/tokens-100.txt")
    if wanted customers; then
        say "wrk: $few tenants"
        run_scenario "$few-tenants" "$WORK/tokens-100.txt"
        say "wrk: $TENANTS tenants"
        run_scenario "$TENANTS-tenants" "$WORK/tokens-all.txt" "$LUA" 15
        read -r rotated_backends rotated_backends_mb < <(backends_mb)
        say "wrk: 1 tenant"
        run_scenario "1-tenant" "$WORK/tokens-1.txt"
    fi
    # The services list is the ceiling's second statement: it needs the bookings' data.
    if wanted bookings || wanted ceiling; then
        say "bookings: a service, 3 staff and their hours on $few tenants"
        python3 "$ROOT_DIR/scripts/bench/bookings.py" --port "$port" \
            --tokens "$WORK/tokens-100.txt" --out-dir "$WORK" ||
            die "preparing bookings failed (see above and .bench/server.log)"
        settle_database
    fi
    if wanted bookings; then
        say "wrk: GET /api/v1/services over $few tenants"
        run_scenario "services" "$WORK/services.txt"
        # The tenant's home page (services, prices, branding) for the same
        # tenants: the site's busiest page against the API list it shows.
        sed 's#/api/v1/services$#/#' "$WORK/services.txt" >"$WORK/home.txt"
        say "wrk: GET / (home page) over $few tenants"
        run_scenario "home-page" "$WORK/home.txt"
        say "wrk: one-day availability over $few tenants"
        run_scenario "availability" "$WORK/availability.txt"
        say "wrk: POST /api/v1/bookings, each a different free slot"
        # No warm-up and one run: another would find the slots booked.
        run_scenario "book" "$WORK/bookings.txt" "$ROOT_DIR/scripts/bench/post.lua" 0 1
    fi

    if wanted clinic; then
        say "clinic: $CLINIC_PATIENTS patients, $CLINIC_CHARTS of them with a full chart, on each of $few tenants"
        python3 "$ROOT_DIR/scripts/bench/clinics.py" --db "$BENCH_URL" --tokens "$WORK/tokens-100.txt" \
            --patients "$CLINIC_PATIENTS" --charts "$CLINIC_CHARTS" --out-dir "$WORK" ||
            die "preparing the clinics failed (see above)"
        settle_database
        say "wrk: patient search by a misspelt name over $few tenants"
        run_scenario "patient-search" "$WORK/patient-search.txt"
        # The same search with 16 requests in flight instead of 64: by
        # Little's law 64 in flight at ~1,700 req/s is ~38 ms each on
        # average, so a p99 below 40 ms can only show with fewer in flight.
        say "wrk: the same patient search with 16 connections"
        CONNECTIONS=16 run_scenario "search-16-conn" "$WORK/patient-search.txt"
        say "wrk: a patient's chart (record, 20 notes, plan, appointments, access row) over $few tenants"
        run_scenario "chart" "$WORK/chart.txt"
    fi

    if wanted shop; then
        say "shop: a category tree, $SHOP_PRODUCTS products and $SHOP_CARTS guest carts on each of $few tenants"
        python3 "$ROOT_DIR/scripts/bench/stores.py" --db "$BENCH_URL" --tokens "$WORK/tokens-100.txt" \
            --products "$SHOP_PRODUCTS" --carts "$SHOP_CARTS" --out-dir "$WORK" ||
            die "preparing the shops failed (see above)"
        settle_database
        say "wrk: product listing of a category, 20 a page, anonymous, over $few tenants"
        run_scenario "shop-listing" "$WORK/listing.txt"
        say "wrk: product search (full text, by relevance) over $few tenants"
        run_scenario "shop-search" "$WORK/search.txt"
        say "wrk: checkout of one-line guest carts on $few hot variants (one per tenant)"
        # No warm-up and one run: each cart is checked out once.
        run_scenario "checkout" "$WORK/checkout.txt" "$ROOT_DIR/scripts/bench/checkout.lua" 0 1
    fi

    # The ceiling: PostgreSQL alone doing what the server asks of it for
    # the customer list and the services list over the same tenants, each
    # transaction (BEGIN, the tenant's search_path, the statement, COMMIT)
    # in one round trip; no HTTP, no server, pgbench on the same cores.
    if ! wanted ceiling; then
        :
    elif command -v pgbench >/dev/null; then
        say "pgbench: the customer and the services list's statements over $few tenants (the ceiling)"
        ceiling_customers=$(ceiling_tps "$ROOT_DIR/scripts/bench/ceiling-customers.sql" "$few")
        ceiling_services=$(ceiling_tps "$ROOT_DIR/scripts/bench/ceiling-services.sql" "$few")
    else
        warn "pgbench is not installed: no ceiling figures"
    fi
fi

signup_line=""
if wanted signup; then
    say "sign-up: $SIGNUPS in a row, then staff creates with and without a plan limit"
    signup_line=$(python3 "$ROOT_DIR/scripts/bench/signup.py" --port "$port" --domain "$DOMAIN" \
        --signups "$SIGNUPS" --admin "$BIN/tenant-admin" | tr '\n' ' ') ||
        die "the sign-up bench failed (see above and .bench/server.log)"
fi
rss_peak=$(hwm_mb "$server_pid")
read -r end_backends end_backends_mb < <(backends_mb)

# --- 4. A schema change on every tenant --------------------------------------
# What an operator's next release does: the built-in migrations and one
# more that adds a column, read from a copy of the migrations directory.
say "migrate --all adding one column to every tenant"
column_dir="$WORK/migrations-and-a-column"
rm -rf "$column_dir"
cp -r "$ROOT_DIR/migrations/tenant" "$column_dir"
mkdir -p "$column_dir/2999-01-01-000000_bench_column"
echo "ALTER TABLE customers ADD COLUMN bench_note text;" >"$column_dir/2999-01-01-000000_bench_column/up.sql"
echo "ALTER TABLE customers DROP COLUMN bench_note;" >"$column_dir/2999-01-01-000000_bench_column/down.sql"
t0=$(now_ms)
column_summary=$("$BIN/tenant-admin" migrate --all --migrations-dir "$column_dir" </dev/null 2>>"$WORK/provision.log") ||
    die "migrate --all adding a column failed (see .bench/provision.log)"
column_ms=$(($(now_ms) - t0))
column_migrated=$(sed -n 's/^migrated \([0-9]*\), failed 0,.*/\1/p' <<<"$column_summary")
[ -n "$column_migrated" ] || die "migrate --all adding a column: $column_summary"

# --- Report -----------------------------------------------------------------
field() { # field NAME "k=v k=v ..."
    local kv
    for kv in $2; do
        case "$kv" in "$1"=*) echo "${kv#*=}" && return ;; esac
    done
    echo "?"
}
# The row of the scenario NAME, empty when it did not run.
row_named() {
    local row
    for row in "${rows[@]}"; do
        [ "${row%% *}" = "$1" ] && echo "$row" && return
    done
    echo ""
}
# share A B: A as a whole percentage of B.
share() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", 100 * a / b }'; }
{
    echo
    echo "Benchmark $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, release build," \
        "load average before the HTTP runs: $load_before; scheduler: $scheduler_note"
    echo
    echo "Provisioning (tenant-admin, PostgreSQL on this machine)"
    printf '  %-46s median %5s ms   p95 %5s ms\n' \
        "create, sequential x$SEQUENTIAL, no owner" "$seq_plain_median" "$seq_plain_p95" \
        "create, sequential x$SEQUENTIAL, with owner" "$seq_owner_median" "$seq_owner_p95"
    printf '  %-46s %8.1f s\n' "create x$TENANTS with owners, 2 parallel streams" \
        "$(awk -v ms="$bulk_ms" 'BEGIN { print ms / 1000 }')"
    printf '  %-46s %8.3f s\n' "migrate --all, nothing pending ($total_tenants tenants)" \
        "$(awk -v ms="$migrate_ms" 'BEGIN { print ms / 1000 }')" \
        "migrate --all, one new column ($column_migrated tenants)" "$(awk -v ms="$column_ms" 'BEGIN { print ms / 1000 }')"
    echo
    if [ "$http_ok" = yes ]; then
        printf 'HTTP: %s connections, %s threads, %s runs of %s per scenario (1 for book and checkout).\n' \
            "$CONNECTIONS" "$THREADS" "$RUNS" "$DURATION"
        printf '  Scenarios: GET /api/v1/customers?limit=20\n'
        printf '  over 100, %s and 1 tenant(s); GET /api/v1/services, the home page /, one-day availability (3 staff,\n' "$TENANTS"
        printf '  30-minute slots, 4 bookings) and POST /api/v1/bookings, each over 100 tenants; the clinic with\n'
        printf '  %s patients a tenant: GET /api/v1/patients?q=<a name with one typo> and GET .../patients/{id}/chart\n' "$CLINIC_PATIENTS"
        printf '  (record, 20 notes, plan, appointments to come, one access row written), the search also\n'
        printf '  with 16 connections (search-16-conn); the shop with\n'
        printf '  %s products a tenant: a category page of GET /api/v1/products (anonymous), full-text search,\n' "$SHOP_PRODUCTS"
        printf '  and POST /api/v1/carts/{id}/checkout of one-line carts on one hot variant per tenant\n' 
        printf '  (login of %s owners + %s customers each took %.1f s; server RSS after it: %s MB)\n' \
            "$TENANTS" "$CUSTOMERS" "$(awk -v ms="$prep_ms" 'BEGIN { print ms / 1000 }')" "$rss_prepared"
        printf '  %-14s %9s %8s %8s %8s %7s %5s %17s %13s %8s %9s %9s\n' scenario 'req/s' 'p50 ms' 'p90 ms' \
            'p99 ms' 'errors' 'runs' 'req/s min-max' 'p99 min-max' 'RSS MB' 'pool wait' 'tenant tx'
        for row in "${rows[@]}"; do
            name=${row%% *}
            printf '  %-14s %9s %8s %8s %8s %7s %5s %17s %13s %8s %9s %9s\n' "$name" "$(field rps "$row")" \
                "$(field p50_ms "$row")" "$(field p90_ms "$row")" "$(field p99_ms "$row")" \
                "$(field errors_all "$row")" "$(field runs "$row")" \
                "$(field rps_min "$row")-$(field rps_max "$row")" "$(field p99_min "$row")-$(field p99_max "$row")" \
                "$(field rss_max_mb "$row")" "$(field pool_wait_ms "$row")" "$(field tx_ms "$row")"
        done
        printf '  req/s, p50, p90, p99: the run of median throughput of the scenario'"'"'s runs in a row; errors:\n'
        printf '  of all its runs; RSS MB: the server'"'"'s peak during them\n'
        printf '  pool wait: mean ms a request waited for a database connection; tenant tx: mean ms\n'
        printf '  inside its tenant transaction (both from the server'"'"'s /metrics)\n'
        customers_row=$(row_named "$few-tenants")
        services_row=$(row_named services)
        if [ -n "$ceiling_customers" ] && [ -n "$ceiling_services" ]; then
            printf '  ceiling (pgbench, %s clients, one round trip a transaction): customer list %s tps,\n' \
                "$CEILING_CLIENTS" "$ceiling_customers"
            printf '  services list %s tps' "$ceiling_services"
            if [ -n "$customers_row" ] && [ -n "$services_row" ]; then
                printf '; over %s tenants the API gives %s%% and %s%% of it' "$HTTP_TENANTS" \
                    "$(share "$(field rps "$customers_row")" "$ceiling_customers")" \
                    "$(share "$(field rps "$services_row")" "$ceiling_services")"
            fi
            echo
        fi
        if [ -n "$customers_row" ]; then
            printf '  %s tenants vs 1 tenant: %s%% of the single-tenant throughput\n' "$TENANTS" \
                "$(share "$(field rps "$(row_named "$TENANTS-tenants")")" "$(field rps "$(row_named 1-tenant)")")"
        fi
    else
        echo "HTTP: skipped (no login endpoint in this build)"
    fi
    printf '  server RSS: %s MB idle, %s MB peak (VmHWM)\n' "$rss_idle" "$rss_peak"
    if [ -n "${rotated_backends:-}" ]; then
        printf '  PostgreSQL backends after the %s-tenant rotation: %s connections, %s MB private memory\n' \
            "$TENANTS" "$rotated_backends" "$rotated_backends_mb"
    fi
    printf '  PostgreSQL backends at the end: %s connections, %s MB private memory\n' \
        "$end_backends" "$end_backends_mb"
    if [ -n "$signup_line" ]; then
        echo
        echo "Sign-up and plan limits (sequential requests, one client)"
        printf '  %-46s median %5s ms   p95 %5s ms\n' \
            "POST /api/v1/signup x$(field signups "$signup_line")" \
            "$(field signup_median_ms "$signup_line")" "$(field signup_p95_ms "$signup_line")" \
            "POST /api/v1/staff, plan caps staff" \
            "$(field staff_capped_median_ms "$signup_line")" "$(field staff_capped_p95_ms "$signup_line")" \
            "POST /api/v1/staff, plan does not cap staff" \
            "$(field staff_open_median_ms "$signup_line")" "$(field staff_open_p95_ms "$signup_line")"
    fi
} | tee "$RESULTS"
