#!/usr/bin/env python3
"""Prepares the shop benchmark on already provisioned tenants: in each
tenant's schema, a category tree (a root and four children), a colour
attribute, PRODUCTS products with a variant each, one hot variant with
plenty of stock, and CARTS guest carts holding one unit of it. Written with
SQL straight into the schemas (the API's own write path is not what is
measured here, and 100,000 products through it would take minutes).

Writes three files for the wrk scripts:

  listing.txt   "host - /api/v1/products?category=<child>&limit=20"
  search.txt    "host - /api/v1/products?q=<word>&sort=relevance&limit=20"
  checkout.txt  "host <cart id> <cart token>", one line per checkout

The "-" token makes rotate.lua send no Authorization: catalog reads are
public. Standard library only; runs psql for the SQL.
"""

import argparse
import hashlib
import subprocess
import sys
import uuid

WORDS = ["shirt", "trousers", "shoes", "hat", "jacket", "scarf", "socks"]
COLOURS = ["red", "blue", "green", "black", "white"]
CHILDREN = ["Shirts", "Trousers", "Shoes", "Hats"]


def psql(url, sql, capture=False):
    res = subprocess.run(
        ["psql", "-X", "-w", "-q", "-v", "ON_ERROR_STOP=1", "-tA", url],
        input=sql, text=True, capture_output=True,
    )
    if res.returncode != 0:
        sys.exit(f"psql failed: {res.stderr.strip()}")
    return res.stdout if capture else None


def tenant_sql(schema, root, children, products, carts):
    quoted = '"' + schema.replace('"', '""') + '"'
    child_rows = ",\n".join(
        f"('{cid}', '{root}', '{name}', ARRAY['{root}', '{cid}']::uuid[])"
        for cid, name in zip(children, CHILDREN)
    )
    child_array = "ARRAY[" + ", ".join(f"'{c}'::uuid" for c in children) + "]"
    words = "ARRAY[" + ", ".join(f"'{w}'" for w in WORDS) + "]"
    colours = "ARRAY[" + ", ".join(f"'{c}'" for c in COLOURS) + "]"
    cart_rows = ",\n".join(
        f"('{cid}', '\\x{hashlib.sha256(tok.encode()).hexdigest()}'::bytea)" for cid, tok in carts
    )
    return f"""
BEGIN;
SET LOCAL search_path TO {quoted}, public;
INSERT INTO categories (id, parent_id, name, path) VALUES ('{root}', NULL, 'Clothing', ARRAY['{root}']::uuid[]);
INSERT INTO categories (id, parent_id, name, path) VALUES {child_rows};
INSERT INTO category_attributes (id, category_id, code, name, kind, variant, options)
VALUES (gen_random_uuid(), '{root}', 'color', 'Colour', 'color', true,
        '[{{"value": "red", "hex": "#ff0000"}}, {{"value": "blue", "hex": "#0000ff"}}]');
INSERT INTO products (id, category_id, name, translations, description, base_price_cents, currency, created_at)
SELECT gen_random_uuid(), ({child_array})[1 + g % 4],
       initcap(({colours})[1 + g % 5]) || ' ' || ({words})[1 + g % 7] || ' ' || g,
       jsonb_build_object('fa', jsonb_build_object('name', 'پیراهن ' || g)),
       'Cotton ' || ({words})[1 + g % 7] || ' for every day',
       500 + (g * 37) % 20000, 'EUR', now() - g * interval '1 minute'
FROM generate_series(1, {products}) g;
INSERT INTO variants (id, product_id, sku, stock, attributes)
SELECT gen_random_uuid(), p.id, 'SKU-' || row_number() OVER (ORDER BY p.created_at DESC), 50,
       jsonb_build_object('color', (ARRAY['red', 'blue'])[1 + (row_number() OVER (ORDER BY p.id)) % 2])
FROM products p;
UPDATE variants SET stock = 1000000 WHERE sku = 'SKU-1';
INSERT INTO carts (id, token_hash) VALUES {cart_rows};
INSERT INTO cart_items (cart_id, variant_id, quantity)
SELECT c.id, (SELECT id FROM variants WHERE sku = 'SKU-1'), 1 FROM carts c;
COMMIT;
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--tokens", required=True, help='"host token" lines of prepare.py')
    ap.add_argument("--products", type=int, default=1000)
    ap.add_argument("--carts", type=int, default=150, help="guest carts per tenant")
    ap.add_argument("--out-dir", required=True)
    args = ap.parse_args()

    hosts = [line.split()[0] for line in open(args.tokens) if line.strip()]
    slugs = {h.split(".")[0]: h for h in hosts}
    listing = ", ".join(f"'{s}'" for s in slugs)
    rows = psql(args.db, f"SELECT slug, schema_name FROM tenants WHERE slug IN ({listing})", True)
    schemas = dict(line.split("|") for line in rows.split("\n") if "|" in line)

    listing_lines, search_lines, checkout_lines = [], [], []
    script = []
    for i, (slug, host) in enumerate(slugs.items()):
        root, children = uuid.uuid4(), [uuid.uuid4() for _ in CHILDREN]
        carts = [(uuid.uuid4(), "bench_" + uuid.uuid4().hex) for _ in range(args.carts)]
        script.append(tenant_sql(schemas[slug], root, children, args.products, carts))
        listing_lines.append(f"{host} - /api/v1/products?category={children[i % 4]}&limit=20")
        search_lines.append(f"{host} - /api/v1/products?q={WORDS[i % len(WORDS)]}&sort=relevance&limit=20")
        checkout_lines += [f"{host} {cid} {tok}" for cid, tok in carts]
    psql(args.db, "\n".join(script))

    # Carts of all tenants interleaved: each checkout goes to another shop.
    per = args.carts
    n = len(slugs)
    interleaved = [checkout_lines[t * per + k] for k in range(per) for t in range(n)]
    for name, lines in (("listing", listing_lines), ("search", search_lines), ("checkout", interleaved)):
        with open(f"{args.out_dir}/{name}.txt", "w") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
