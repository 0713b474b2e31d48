#!/usr/bin/env python3
"""Prepares the booking benchmark on already logged-in tenants: booking
settings, one 30-minute service, three staff members working 09:00-17:00
every day, and a few bookings on the benchmarked day. Writes three files
for the wrk scripts:

  services.txt      "host token /api/v1/services"
  availability.txt  "host token /api/v1/services/<id>/availability?from=D&to=D"
  bookings.txt      "host token /api/v1/bookings <json body>", free slots on
                    later days, one line per booking to create

Standard library only. Input: the "host token" file of prepare.py.
"""

import argparse
import datetime
import json
import sys
from concurrent.futures import ThreadPoolExecutor

from prepare import call

STAFF = 3
SEED_BOOKINGS = 4


def check(status, body, what):
    if status not in (200, 201):
        raise RuntimeError(f"{what}: {status} {body}")
    return body


def prepare(port, host, token, day, booking_days):
    check(*call(port, "PUT", host, "/api/v1/booking-settings", {
        "time_zone": "Europe/Paris", "slot_interval_minutes": 30,
        "min_notice_minutes": 0, "booking_window_days": 365,
    }, token), "settings")
    service = check(*call(port, "POST", host, "/api/v1/services", {
        "name": "Consultation", "duration_minutes": 30, "price_cents": 4000,
        "buffer_after_minutes": 0,
    }, token), "service")
    for extra in ("Follow-up", "Massage"):
        check(*call(port, "POST", host, "/api/v1/services", {
            "name": extra, "duration_minutes": 60, "price_cents": 6000,
        }, token), "service")
    rules = [{"weekday": d, "start": "09:00", "end": "17:00"} for d in range(7)]
    staff_ids = []
    for i in range(STAFF):
        member = check(*call(port, "POST", host, "/api/v1/staff", {
            "name": f"Practitioner {i}", "service_ids": [service["id"]],
        }, token), "staff")
        check(*call(port, "PUT", host, f"/api/v1/staff/{member['id']}/availability",
                    {"rules": rules}, token), "availability")
        staff_ids.append(member["id"])
    sid = service["id"]
    # A few bookings on the benchmarked day, so the query has work to do.
    _, avail = call(port, "GET", host,
                    f"/api/v1/services/{sid}/availability?from={day}&to={day}")
    for slot in avail["slots"][: SEED_BOOKINGS]:
        check(*call(port, "POST", host, "/api/v1/bookings", {
            "service_id": sid, "staff_id": slot["staff_id"], "start": slot["start"],
            "customer": {"name": "Seed", "email": f"seed-{slot['start'][11:13]}@example.com"},
        }), "seed booking")
    start = datetime.date.fromisoformat(day) + datetime.timedelta(days=1)
    end = start + datetime.timedelta(days=booking_days - 1)
    _, free = call(port, "GET", host,
                   f"/api/v1/services/{sid}/availability?from={start}&to={end}")
    bodies = []
    for n, slot in enumerate(free["slots"]):
        bodies.append(json.dumps({
            "service_id": sid, "staff_id": slot["staff_id"], "start": slot["start"],
            "customer": {"name": f"Bench {n}", "email": f"b{n}@bench.example.com"},
        }, separators=(",", ":")))
    avail_path = f"/api/v1/services/{sid}/availability?from={day}&to={day}"
    return host, token, avail_path, bodies


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--tokens", required=True, help='file of "host token" lines')
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--days", type=int, default=20, help="days of free slots to book into")
    ap.add_argument("--jobs", type=int, default=8)
    args = ap.parse_args()
    with open(args.tokens) as f:
        rows = [line.split() for line in f if line.strip()]
    day = (datetime.date.today() + datetime.timedelta(days=7)).isoformat()
    try:
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            results = list(pool.map(
                lambda r: prepare(args.port, r[0], r[1], day, args.days), rows))
    except Exception as e:  # noqa: BLE001 - one clear line for the bench log
        print(f"preparing bookings failed: {e}", file=sys.stderr)
        return 1
    with open(f"{args.out_dir}/services.txt", "w") as s, \
            open(f"{args.out_dir}/availability.txt", "w") as a, \
            open(f"{args.out_dir}/bookings.txt", "w") as b:
        for host, token, avail_path, bodies in results:
            s.write(f"{host} {token} /api/v1/services\n")
            a.write(f"{host} {token} {avail_path}\n")
        # Interleave tenants so consecutive requests hit different tenants.
        longest = max(len(r[3]) for r in results)
        for i in range(longest):
            for host, token, _, bodies in results:
                if i < len(bodies):
                    b.write(f"{host} {token} /api/v1/bookings {bodies[i]}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
