#!/usr/bin/env python3
"""Sign-up and plan-limit figures against a running server.

1. SIGNUPS sign-ups in a row through POST /api/v1/signup on the platform's
   host, each timed end to end (schema with every tenant migration, owner,
   trial, verification mail queued): median and p95.
2. The cost of a plan limit check: POST /api/v1/staff timed on two of the
   new tenants, one on a plan that caps staff (the check locks and counts)
   and one on a plan that does not (the check only reads the plan),
   alternating so drift hits both alike.

Prints "key=value" lines for bench.sh. Standard library only.
"""

import argparse
import subprocess
import sys
import time

from prepare import call


def timed(fn):
    t0 = time.perf_counter()
    result = fn()
    return (time.perf_counter() - t0) * 1000.0, result


def median_p95(values):
    v = sorted(values)
    n = len(v)
    median = v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2
    p95 = v[min(n - 1, int(n * 0.95 + 0.999999) - 1)]
    return median, p95


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--domain", required=True)
    ap.add_argument("--signups", type=int, default=200)
    ap.add_argument("--creates", type=int, default=300)
    ap.add_argument("--admin", required=True, help="the tenant-admin binary")
    args = ap.parse_args()

    times, made = [], []
    for i in range(args.signups):
        body = {
            "business_name": f"Signup {i}",
            "slug": f"su{i:04d}",
            "email": f"owner{i}@signup.{args.domain}",
            "password": "bench-owner-pass-2026",
            "name": "Bench Owner",
        }
        ms, (status, answer) = timed(
            lambda: call(args.port, "POST", args.domain, "/api/v1/signup", body)
        )
        if status != 201:
            sys.exit(f"sign-up {i}: {status} {answer}")
        times.append(ms)
        made.append((f"su{i:04d}.{args.domain}", answer["tokens"]["access_token"], body["slug"]))
    median, p95 = median_p95(times)
    print(f"signup_median_ms={median:.0f} signup_p95_ms={p95:.0f} signups={len(times)}")

    # Two plans alike but for the staff cap; a tenant on each.
    for code, limit in (("bench-capped", ["--limit", "staff=1000000"]), ("bench-open", [])):
        subprocess.run([args.admin, "plans", "create", code, "--name", code,
                        "--price-cents", "100", *limit], check=True, stdout=subprocess.DEVNULL)
    (capped_host, capped_token, capped_slug) = made[0]
    (open_host, open_token, open_slug) = made[1]
    subprocess.run([args.admin, "plan", capped_slug, "bench-capped"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([args.admin, "plan", open_slug, "bench-open"], check=True, stdout=subprocess.DEVNULL)
    time.sleep(0.5)  # the servers' tenant caches hear of the change

    capped, uncapped = [], []
    for i in range(args.creates):
        for host, token, into in ((capped_host, capped_token, capped), (open_host, open_token, uncapped)):
            ms, (status, answer) = timed(
                lambda: call(args.port, "POST", host, "/api/v1/staff", {"name": f"Member {i}"}, token)
            )
            if status != 201:
                sys.exit(f"staff create on {host}: {status} {answer}")
            into.append(ms)
    cm, cp = median_p95(capped)
    um, up = median_p95(uncapped)
    print(f"staff_capped_median_ms={cm:.2f} staff_capped_p95_ms={cp:.2f} "
          f"staff_open_median_ms={um:.2f} staff_open_p95_ms={up:.2f} creates={args.creates}")


if __name__ == "__main__":
    main()
