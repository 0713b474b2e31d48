"""Seeds the fuzz tenant through the API and writes a schemathesis config
that points the operations needing an existing record at real ones, so
the fuzzer reaches past "not found": a service, a staff member working
every day, and two bookings (one for the manage link, one for staff); a
shop's category, product, variant, coupon and order.

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
    shop = seed_shop(token)
    by_operation = {
        "show_managed_booking": {"token": guest["manage_token"]},
        "cancel_managed_booking": {"token": guest["manage_token"]},
        "reschedule_managed_booking": {"token": guest["manage_token"]},
        "get_booking": {"id": staffs["id"]},
        "set_booking_status": {"id": staffs["id"]},
        "reschedule_booking": {"id": staffs["id"]},
        "service_availability": {"id": service["id"]},
        "get_staff_hours": {"id": staff["id"]},
        **shop,
    }
    with open(out, "w") as f:
        for operation, parameters in by_operation.items():
            f.write("[[operations]]\n")
            f.write(f"include-operation-id = {json.dumps(operation)}\n")
            f.write("parameters = { ")
            f.write(", ".join(f"{json.dumps(k)} = {json.dumps(v)}" for k, v in parameters.items()))
            f.write(" }\n\n")


def seed_shop(token):
    """A category with a colour attribute, a product with a variant, a
    coupon and a guest's order, so the shop's operations on one of them
    reach past "not found". (Deletes keep random ids: the seeds stay for
    the other operations. The order's event stream never ends, so it is
    not pointed at the order.)"""
    category = call("POST", "/categories", token, {"name": "Fuzz shop"})
    call("POST", f"/categories/{category['id']}/attributes", token, {
        "code": "color", "name": "Colour", "kind": "color", "variant": True,
        "options": [{"value": "red", "hex": "#ff0000"}, {"value": "blue", "hex": "#0000ff"}],
    })
    product = call("POST", "/products", token, {
        "name": "Fuzz mug", "category_id": category["id"], "base_price_cents": 1200, "currency": "EUR",
    })
    variant = call("POST", f"/products/{product['id']}/variants", token, {
        "sku": "FUZZ-RED", "stock": 1000, "attributes": {"color": "red"},
    })
    coupon = call("POST", "/coupons", token, {"code": "FUZZ10", "percent_off": 10})
    cart = call("POST", "/carts")
    headers_cart = {"X-Cart-Token": cart["token"]}
    answer = requests.post(
        f"{ORIGIN}/api/v1/carts/{cart['id']}/items",
        json={"variant_id": variant["id"], "quantity": 1},
        headers={"Host": HOST, **headers_cart}, timeout=30,
    )
    if answer.status_code != 200:
        sys.exit(f"seed: adding to the cart answered {answer.status_code}: {answer.text}")
    answer = requests.post(
        f"{ORIGIN}/api/v1/carts/{cart['id']}/checkout",
        json={"email": "buyer@fuzz.example.com", "name": "Fuzz Buyer",
              "shipping_address": {"line1": "1 Fuzz Road", "city": "Paris", "country": "FR"}},
        headers={"Host": HOST, **headers_cart}, timeout=30,
    )
    if answer.status_code != 201:
        sys.exit(f"seed: checkout answered {answer.status_code}: {answer.text}")
    order = answer.json()
    return {
        "get_product_category": {"id": category["id"]},
        "get_product_category_breadcrumbs": {"id": category["id"]},
        "update_product_category": {"id": category["id"]},
        "list_category_attributes": {"id": category["id"]},
        "create_category_attribute": {"id": category["id"]},
        "update_category_attribute": {"id": category["id"], "code": "color"},
        "get_product": {"id": product["id"]},
        "update_product": {"id": product["id"]},
        "list_product_variants": {"id": product["id"]},
        "create_product_variant": {"id": product["id"]},
        "update_variant": {"id": variant["id"]},
        "adjust_variant_stock": {"id": variant["id"]},
        "get_coupon": {"id": coupon["id"]},
        "update_coupon": {"id": coupon["id"]},
        "get_order": {"id": order["id"]},
        "change_order_status": {"id": order["id"]},
        "get_order_invoice": {"id": order["id"]},
        "upload_prescription": {"id": order["id"]},
    }


if __name__ == "__main__":
    main(sys.argv[1])
