#!/usr/bin/env bash
# `make fuzz`: runs every cargo-fuzz target in fuzz/ for a bounded time and
# prints a table of target, runs and result.
#
#   FUZZ_SECONDS   time per target, in seconds            (60)
#   FUZZ_TARGETS   the targets to run, space-separated    (all of them)
#
# libFuzzer's instrumentation needs unstable compiler flags; only the stable
# toolchain is installed, so RUSTC_BOOTSTRAP=1 lets stable accept them. The
# targets are built without a sanitizer: the code under test is safe Rust,
# where a bug shows as a panic, which libFuzzer reports as a crash anyway.
#
# Corpora grow in fuzz/corpus/<target> (not in git); fuzz/seeds/<target>
# holds a few starting inputs. A crash leaves its input in
# fuzz/artifacts/<target>/ and the run's log in fuzz/artifacts/<target>.log;
# replay it with:
#   RUSTC_BOOTSTRAP=1 cargo fuzz run -O -a -s none <target> <input>
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SECONDS_PER_TARGET=${FUZZ_SECONDS:-60}
case "$SECONDS_PER_TARGET" in
'' | *[!0-9]* | 0) die "FUZZ_SECONDS must be a positive number of seconds" ;;
esac

export RUSTC_BOOTSTRAP=1
# The same flags for build and run, so the run reuses the build.
FUZZ_FLAGS=(-O -a -s none --codegen-units 16)

have_pkg() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# The targets link the platform crates (libpq, through diesel) and libFuzzer
# (C++, built from source by libfuzzer-sys).
ensure_packages() {
    local missing=()
    have_pkg libpq-dev || missing+=(libpq-dev)
    command -v c++ >/dev/null 2>&1 || missing+=(g++)
    [ "${#missing[@]}" -eq 0 ] && return 0
    command -v apt-get >/dev/null 2>&1 ||
        die "missing ${missing[*]}, and there is no apt-get here to install them"
    say "installing ${missing[*]}"
    as_root apt-get update -qq || warn "apt-get update failed; trying the install anyway"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends "${missing[@]}"
}

ensure_cargo_fuzz() {
    if ! cargo fuzz --version >/dev/null 2>&1; then
        say "installing cargo-fuzz"
        cargo install cargo-fuzz --locked
    fi
}

ensure_packages
ensure_cargo_fuzz

cd "$ROOT_DIR"
if [ -n "${FUZZ_TARGETS:-}" ]; then
    read -r -a targets <<<"$FUZZ_TARGETS"
else
    mapfile -t targets < <(cargo fuzz list)
fi
[ "${#targets[@]}" -gt 0 ] || die "no fuzz targets found in fuzz/"

say "building the fuzz targets (fuzz/target)"
cargo fuzz build "${FUZZ_FLAGS[@]}"

results=()
failed=0
for target in "${targets[@]}"; do
    corpus="fuzz/corpus/$target"
    seeds="fuzz/seeds/$target"
    log="fuzz/artifacts/$target.log"
    mkdir -p "$corpus" "fuzz/artifacts/$target"
    dirs=("$corpus")
    [ -d "$seeds" ] && dirs+=("$seeds")

    say "fuzzing $target for ${SECONDS_PER_TARGET} s"
    started=$(date +%s)
    # -timeout: one input running this long is a hang, reported as a crash.
    if cargo fuzz run "${FUZZ_FLAGS[@]}" "$target" "${dirs[@]}" -- \
        -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -print_final_stats=1 \
        >"$log" 2>&1; then
        result=ok
    else
        failed=1
        artifact=$(grep -o 'fuzz/artifacts/[^ ]*' "$log" | grep -v '\.log$' | tail -n 1 || true)
        result="FAILED ${artifact:-see $log}"
        # The panic message, so the table is not the only clue.
        grep -m 1 -A 3 "panicked at" "$log" >&2 || tail -n 20 "$log" >&2
    fi
    elapsed=$(($(date +%s) - started))
    # The final stats, or after a crash the last progress line ("#1234 ...").
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1 || true)
    [ -n "$runs" ] || runs=$(grep -o '^#[0-9]*' "$log" | tr -d '#' | tail -n 1 || true)
    results+=("$(printf '%-18s %12s %7s   %s' "$target" "${runs:-?}" "${elapsed}s" "$result")")
done

printf '\n%-18s %12s %7s   %s\n' target runs time result
for line in "${results[@]}"; do
    printf '%s\n' "$line"
done
exit "$failed"
