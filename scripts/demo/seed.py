"""Gives a fresh tenant something to show: a category, three services
with prices, a staff member working weekdays 09:00-17:00 and the
business's address, all through the JSON API as its owner would. A
tenant that already has services is left as it is, so `make run` can
call this on every start.

Usage: seed.py ORIGIN HOST OWNER_EMAIL OWNER_PASSWORD
Standard library only: it runs before any virtualenv exists.
"""

import json
import sys
import urllib.error
import urllib.request


def call(origin, host, method, path, token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"{origin}/api/v1{path}", data=data, method=method)
    request.add_header("Host", host)
    request.add_header("Accept", "application/json")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            raw = answer.read()
    except urllib.error.HTTPError as e:
        sys.exit(f"demo seed: {method} {path} answered {e.code}: {e.read().decode(errors='replace')}")
    return json.loads(raw) if raw else None


def main(origin, host, email, password):
    api = lambda method, path, token=None, body=None: call(origin, host, method, path, token, body)
    token = api("POST", "/auth/login", body={"email": email, "password": password})["access_token"]
    if api("GET", "/services", token)["items"]:
        return
    category = api("POST", "/service-categories", token, {"name": "Consultations"})
    services = [
        api("POST", "/services", token, {
            "name": name, "duration_minutes": minutes, "price_cents": cents,
            "currency": "EUR", "category_id": category["id"], "description": text,
        })
        for name, minutes, cents, text in [
            ("First visit", 45, 6000, "A full first examination and a plan."),
            ("Follow-up", 20, 3500, "A short check on how things are going."),
            ("Vaccination", 15, 2500, "Bring your vaccination record."),
        ]
    ]
    staff = api("POST", "/staff", token, {
        "name": "Dr Alex Martin", "service_ids": [s["id"] for s in services],
    })
    rules = [{"weekday": day, "start": "09:00", "end": "17:00"} for day in range(0, 5)]
    api("PUT", f"/staff/{staff['id']}/availability", token, {"rules": rules})
    api("PATCH", "/branding", token, {
        "address": "12 Rue des Lilas, 75011 Paris", "phone": "+33 1 23 45 67 89",
    })
    print(f"demo seed: {len(services)} services and a staff member on {host}")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
