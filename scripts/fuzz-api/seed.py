"""Seeds the fuzz tenant through the API and writes a schemathesis config
that points the operations needing an existing booking at real ones, so
the fuzzer reaches past "not found": a service, a staff member working
every day, and two bookings (one for the manage link, one for staff).

Usage: seed.py OUT.toml (the same FUZZ_API_* variables as hooks.py).
"""

import datetime
import json
import os
import sys

import requests

ORIGIN = os.environ["FUZZ_API_ORIGIN"]
HOST = os.environ["FUZZ_API_TENANT_HOST"]


def call(method, path, token=None, body=None, expect=(200, 201)):
    headers = {"Host": HOST}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    answer = requests.request(
        method, f"{ORIGIN}/api/v1{path}", json=body, headers=headers, timeout=30
    )
    if answer.status_code not in expect:
        sys.exit(f"seed: {method} {path} answered {answer.status_code}: {answer.text}")
    return answer.json() if answer.content else None


def main(out):
    token = call(
        "POST",
        "/auth/login",
        body={
            "email": os.environ["FUZZ_API_OWNER_EMAIL"],
            "password": os.environ["FUZZ_API_OWNER_PASSWORD"],
        },
    )["access_token"]
    call("PATCH", "/booking-settings", token, {"min_notice_minutes": 0, "cancellation_notice_minutes": 0})
    service = call("POST", "/services", token, {"name": "Check-up", "duration_minutes": 30})
    staff = call("POST", "/staff", token, {"name": "Dr Fuzz", "service_ids": [service["id"]]})
    rules = [{"weekday": d, "start": "00:00", "end": "24:00"} for d in range(7)]
    call("PUT", f"/staff/{staff['id']}/availability", token, {"rules": rules})
    day = datetime.date.today() + datetime.timedelta(days=2)
    slots = call("GET", f"/services/{service['id']}/availability?from={day}&to={day}")["slots"]
    if len(slots) < 2:
        sys.exit(f"seed: expected free slots on {day}, got {slots}")
    booked = []
    for slot in slots[:2]:
        booked.append(
            call(
                "POST",
                "/bookings",
                body={
                    "service_id": service["id"],
                    "start": slot["start"],
                    "customer": {"name": "Fuzz Customer", "email": "customer@fuzz.example.com"},
                },
            )
        )
    guest, staffs = booked
    by_operation = {
        "show_managed_booking": {"token": guest["manage_token"]},
        "cancel_managed_booking": {"token": guest["manage_token"]},
        "reschedule_managed_booking": {"token": guest["manage_token"]},
        "get_booking": {"id": staffs["id"]},
        "set_booking_status": {"id": staffs["id"]},
        "reschedule_booking": {"id": staffs["id"]},
        "service_availability": {"id": service["id"]},
        "get_staff_hours": {"id": staff["id"]},
    }
    with open(out, "w") as f:
        for operation, parameters in by_operation.items():
            f.write("[[operations]]\n")
            f.write(f"include-operation-id = {json.dumps(operation)}\n")
            f.write("parameters = { ")
            f.write(", ".join(f"{json.dumps(k)} = {json.dumps(v)}" for k, v in parameters.items()))
            f.write(" }\n\n")


if __name__ == "__main__":
    main(sys.argv[1])
