"""Gives a fresh tenant something to show: a category, three services
with prices, a staff member working weekdays 09:00-17:00 and the
business's address; and a small shop (categories with colour and size,
products with variants and stock, payment on delivery). All through the
JSON API as its owner would. A part the tenant has already (services,
products) is left as it is, so `make run` can call this on every start.

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
    if not api("GET", "/services", token)["items"]:
        seed_bookings(api, token, host)
    if not api("GET", "/products")["items"]:
        seed_shop(api, token, host)


def seed_bookings(api, token, host):
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


def seed_shop(api, token, host):
    """A small shop: a category tree with colour and size, products with
    variants and stock (one needing a prescription), payment on delivery."""
    root = api("POST", "/categories", token, {
        "name": "Pharmacy & care",
        "translations": {"fr": "Pharmacie et soins", "ar": "صيدلية وعناية", "fa": "داروخانه و مراقبت"},
    })
    wear = api("POST", "/categories", token, {
        "name": "Support wear", "parent_id": root["id"],
        "translations": {"fr": "Maintien", "ar": "ملابس داعمة", "fa": "پوشاک طبی"},
    })
    care = api("POST", "/categories", token, {
        "name": "Medicines", "parent_id": root["id"],
        "translations": {"fr": "Médicaments", "ar": "أدوية", "fa": "دارو"},
    })
    api("POST", f"/categories/{wear['id']}/attributes", token, {
        "code": "color", "name": "Colour", "kind": "color", "variant": True,
        "translations": {"fr": "Couleur", "ar": "اللون", "fa": "رنگ"},
        "options": [{"value": "black", "hex": "#222222"}, {"value": "beige", "hex": "#d8c3a5"}],
    })
    api("POST", f"/categories/{wear['id']}/attributes", token, {
        "code": "size", "name": "Size", "kind": "size", "variant": True,
        "translations": {"fr": "Taille", "ar": "المقاس", "fa": "سایز"},
        "options": [{"value": "S"}, {"value": "M"}, {"value": "L"}],
    })
    count = 0
    for name, fa, cents, featured in [
        ("Knee support", "زانوبند", 2490, True),
        ("Wrist brace", "مچ‌بند", 1890, True),
        ("Compression socks", "جوراب واریس", 1590, False),
    ]:
        product = api("POST", "/products", token, {
            "name": name, "category_id": wear["id"], "base_price_cents": cents,
            "currency": "EUR", "featured": featured,
            "description": f"{name}: breathable, washable, for daily wear.",
            "translations": {"fa": {"name": fa}},
        })
        for i, (colour, size, stock) in enumerate(
            [("black", "S", 4), ("black", "M", 12), ("beige", "M", 0), ("beige", "L", 7)]
        ):
            api("POST", f"/products/{product['id']}/variants", token, {
                "sku": f"{name.split()[0].upper()}-{colour[:2].upper()}-{size}-{i}",
                "stock": stock, "attributes": {"color": colour, "size": size},
            })
        count += 1
    for name, fa, cents, prescription in [
        ("Ibuprofen 400 mg, 20 tablets", "ایبوپروفن ۴۰۰", 495, False),
        ("Amoxicillin 500 mg, 12 capsules", "آموکسی‌سیلین ۵۰۰", 890, True),
    ]:
        product = api("POST", "/products", token, {
            "name": name, "category_id": care["id"], "base_price_cents": cents,
            "currency": "EUR", "requires_prescription": prescription,
            "translations": {"fa": {"name": fa}}, "featured": not prescription,
        })
        api("POST", f"/products/{product['id']}/variants", token, {
            "sku": "MED-" + name.split()[0].upper(), "stock": 40,
        })
        count += 1
    api("POST", "/payments/settings", token, {
        "provider": "manual",
        "instructions": "Pay in cash or by card when your order is delivered.",
    })
    print(f"demo seed: a shop of {count} products on {host}")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
