#!/usr/bin/env python3
"""Prepares tenants for the HTTP benchmark: logs each owner in through the
API (POST /api/v1/auth/login on the tenant's host) and seeds customers
(POST /api/v1/customers), then writes one "host token" line per tenant for
the wrk scripts.

With --renew FILE it only logs the owners of FILE's hosts in again and puts
their fresh tokens in place of the old ones in its "host token ..." lines
(what is not a token, "-" for anonymous requests or a cart's id, is left):
an access token lives 15 minutes at most, the bench's scenarios together
take longer than that.

Exit codes: 0 done, 3 the login endpoint is not available, 1 anything else.
Standard library only.
"""

import argparse
import http.client
import json
import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

LOGIN_UNAVAILABLE = 3


class LoginUnavailable(Exception):
    pass


_local = threading.local()


def connection(port):
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        _local.conn = conn
    return conn


def call(port, method, host, path, body=None, token=None):
    headers = {"Host": host, "Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    data = json.dumps(body).encode() if body is not None else None
    for attempt in range(2):
        conn = connection(port)
        try:
            conn.request(method, path, body=data, headers=headers)
            res = conn.getresponse()
            raw = res.read()
            break
        except (http.client.HTTPException, OSError):
            # The server closed a kept-alive connection: reconnect once.
            conn.close()
            _local.conn = None
            if attempt == 1:
                raise
    try:
        payload = json.loads(raw) if raw else None
    except ValueError:
        payload = raw.decode(errors="replace")
    return res.status, payload


def prepare(port, host, email, password, customers):
    status, body = call(
        port, "POST", host, "/api/v1/auth/login", {"email": email, "password": password}
    )
    if status in (404, 405) and isinstance(body, dict) and body.get("code") != "tenant_not_found":
        raise LoginUnavailable(f"{status} {body}")
    if status != 200 or not isinstance(body, dict) or "access_token" not in body:
        raise RuntimeError(f"login of {email} on {host}: {status} {body}")
    token = body["access_token"]
    slug = host.split(".", 1)[0]
    for i in range(customers):
        customer = {
            "name": f"Customer {i} of {slug}",
            "email": f"c{i}@{slug}.customers.test",
            "phone": f"+4470000{i:05d}",
            "tags": ["bench", "vip" if i % 5 == 0 else "regular"],
            "marketing_consent": i % 2 == 0,
        }
        status, body = call(port, "POST", host, "/api/v1/customers", customer, token)
        if status not in (200, 201):
            raise RuntimeError(f"create customer on {host}: {status} {body}")
    return host, token


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--domain", required=True, help="base domain of the tenants")
    ap.add_argument("--tenants", required=True, help='file of "slug owner-email" lines')
    ap.add_argument("--password", required=True)
    ap.add_argument("--customers", type=int, default=20)
    ap.add_argument("--jobs", type=int, default=8)
    ap.add_argument("--out", help='file to write "host token" lines to')
    ap.add_argument("--renew", help="request file whose tokens are replaced by fresh ones")
    args = ap.parse_args()
    if (args.out is None) == (args.renew is None):
        ap.error("one of --out or --renew")

    with open(args.tenants) as f:
        rows = [line.split() for line in f if line.strip()]
    work = [(f"{slug}.{args.domain}", email) for slug, email in rows]
    if args.renew:
        return renew(args, dict(work))

    try:
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            results = list(
                pool.map(
                    lambda hw: prepare(args.port, hw[0], hw[1], args.password, args.customers),
                    work,
                )
            )
    except LoginUnavailable as e:
        print(f"the login endpoint is not available yet ({e})", file=sys.stderr)
        return LOGIN_UNAVAILABLE
    except Exception as e:  # noqa: BLE001 - one clear line for the bench log
        print(f"preparing tenants failed: {e}", file=sys.stderr)
        return 1

    with open(args.out, "w") as f:
        for host, token in results:
            f.write(f"{host} {token}\n")
    return 0


def is_token(fields):
    # A JWT's header is base64 of '{"' ...
    return len(fields) > 1 and fields[1].startswith("eyJ")


def renew(args, owners):
    # "host second rest": the rest (a path, a JSON body) is kept as it is.
    with open(args.renew) as f:
        lines = [line.rstrip("\n").split(" ", 2) for line in f if line.strip()]
    hosts = sorted({fields[0] for fields in lines if is_token(fields)})
    try:
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            tokens = dict(
                pool.map(lambda h: prepare(args.port, h, owners[h], args.password, 0), hosts)
            )
    except Exception as e:  # noqa: BLE001 - one clear line for the bench log
        print(f"renewing the tokens of {args.renew} failed: {e}", file=sys.stderr)
        return 1
    # Written aside and moved in place: wrk never reads half a file.
    with open(args.renew + ".new", "w") as f:
        for fields in lines:
            if is_token(fields):
                fields[1] = tokens[fields[0]]
            f.write(" ".join(fields) + "\n")
    os.replace(args.renew + ".new", args.renew)
    return 0


if __name__ == "__main__":
    sys.exit(main())
