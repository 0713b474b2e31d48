#!/usr/bin/env python3
"""Prepares the clinic benchmark on tenants already prepared by bookings.py
(a service and staff members): in each tenant's schema, PATIENTS patients
with names made of common first and last names, and CHARTS of them with a
full chart: 25 notes (the newest signed and amended), an active plan,
three attended visits and two appointments to come. Written with SQL
straight into the schemas (500,000 patients through the API would take
minutes and measure the write path, which is not what is measured here).

Writes two files for rotate.lua:

  patient-search.txt  "host token /api/v1/patients?q=<a name with a typo>"
  chart.txt           "host token /api/v1/patients/<id>/chart"

Each line is another tenant, and each tenant's lines use several names
and charts. Standard library only; runs psql for the SQL.
"""

import argparse
import random
import subprocess
import sys

FIRST = ("anna maria sophie lea emma julia laura sara nina elena clara ines "
         "lucas paul louis hugo jules adam noah leo arthur victor thomas nathan "
         "mohammed ali omar youssef karim amir reza sina dariush kian "
         "fatima zahra leila maryam nadia yasmin shirin parisa niloufar "
         "james john robert michael david william richard joseph charles daniel").split()
LAST = ("martin bernard dubois thomas robert richard petit durand leroy moreau "
        "simon laurent lefebvre michel garcia david bertrand roux vincent fournier "
        "morel girard andre mercier dupont lambert bonnet francois martinez legrand "
        "smith johnson williams brown jones miller davis wilson anderson taylor "
        "moore jackson white harris clark lewis walker hall allen young "
        "king wright scott green baker adams nelson hill campbell mitchell "
        "rahimi karimi hosseini ahmadi mohammadi rezaei moradi jafari kazemi sadeghi "
        "haddad khalil nasser saleh mansour hamdan aziz farah sabbagh najjar "
        "schmidt schneider fischer weber meyer wagner becker schulz hoffmann koch "
        "rossi russo ferrari esposito bianchi romano colombo ricci marino greco").split()


def psql(url, sql, capture=False):
    res = subprocess.run(
        ["psql", "-X", "-w", "-q", "-v", "ON_ERROR_STOP=1", "-tA", url],
        input=sql, text=True, capture_output=True,
    )
    if res.returncode != 0:
        sys.exit(f"psql failed: {res.stderr.strip()}")
    return res.stdout if capture else None


def sql_array(words):
    return "ARRAY[" + ", ".join(f"'{w}'" for w in words) + "]"


def name_of(g):
    """The name generate_series row g gets (the same formula as the SQL)."""
    return f"{FIRST[g % len(FIRST)]} {LAST[(g // len(FIRST)) % len(LAST)]}".title()


def misspelt(name, rnd):
    """One typo, as people make them: two letters swapped, one dropped or
    one doubled, in the last name; lower case, as typed in a search box."""
    first, last = name.lower().split(" ", 1)
    i = rnd.randrange(1, len(last) - 1)
    kind = rnd.choice(("swap", "drop", "double"))
    if kind == "swap":
        last = last[:i] + last[i + 1] + last[i] + last[i + 2:]
    elif kind == "drop":
        last = last[:i] + last[i + 1:]
    else:
        last = last[:i] + last[i] + last[i:]
    return f"{first}%20{last}"


def tenant_sql(schema, patients, charts):
    quoted = '"' + schema.replace('"', '""') + '"'
    return f"""
BEGIN;
SET LOCAL search_path TO {quoted}, public;
INSERT INTO patients (id, name, phone, date_of_birth, sex, complaint, created_at)
SELECT gen_random_uuid(),
       initcap(({sql_array(FIRST)})[1 + g % {len(FIRST)}] || ' ' ||
               ({sql_array(LAST)})[1 + (g / {len(FIRST)}) % {len(LAST)}]),
       '+3361' || lpad(g::text, 7, '0'),
       date '1950-01-01' + (g * 7) % 25000,
       (ARRAY['female', 'male'])[1 + g % 2],
       'Back pain after lifting',
       now() - g * interval '1 hour'
FROM generate_series(1, {patients}) g
ORDER BY g;
CREATE TEMP TABLE charted ON COMMIT DROP AS
SELECT id, row_number() OVER (ORDER BY code) AS n FROM patients ORDER BY code LIMIT {charts};
INSERT INTO clinical_notes (id, patient_id, visit_type, subjective, objective, assessment, plan,
                            author_id, author_name, created_at)
SELECT gen_random_uuid(), c.id, (ARRAY['regular', 'follow_up'])[1 + k % 2],
       'Pain on stairs, ' || k || ' out of 10 this week; sleeps better since the last visit.',
       'Flexion 110 degrees, mild swelling, gait steady without a stick.',
       'Improving as planned.', 'Continue the home exercises; review in two weeks.',
       '00000000-0000-0000-0000-000000000001', 'Dr Bench', now() - (30 - k) * interval '2 days'
FROM charted c, generate_series(1, 25) k;
UPDATE clinical_notes n SET signed_at = n.created_at + interval '1 hour',
       signed_by = '00000000-0000-0000-0000-000000000001'
WHERE n.created_at = (SELECT max(created_at) FROM clinical_notes m WHERE m.patient_id = n.patient_id);
INSERT INTO clinical_note_amendments (id, note_id, text, reason, author_id, author_name)
SELECT gen_random_uuid(), id, 'Right knee, not left.', 'side', '00000000-0000-0000-0000-000000000001', 'Dr Bench'
FROM clinical_notes WHERE signed_at IS NOT NULL;
INSERT INTO treatment_plans (id, patient_id, goals, sessions_planned, exercises, starts_on, review_on, created_by)
SELECT gen_random_uuid(), id, ARRAY['Climb stairs without pain', 'Walk 5 km'], 10,
       '[{{"name": "Wall squat", "sets": 3, "repetitions": 12, "instructions": "Hold 5 seconds"}},
         {{"name": "Heel raise", "sets": 3, "repetitions": 15, "instructions": null}},
         {{"name": "Bridge", "sets": 2, "repetitions": 10, "instructions": null}}]',
       current_date - 30, current_date + 30, '00000000-0000-0000-0000-000000000001'
FROM charted;
INSERT INTO customers (id, name, phone)
SELECT c.id, p.name, p.phone FROM charted c JOIN patients p USING (id);
UPDATE patients p SET customer_id = p.id FROM charted c WHERE c.id = p.id;
-- Three attended visits in the past and two appointments to come, each
-- on a day of its own (the staff member's calendar allows no overlap).
INSERT INTO bookings (id, service_id, staff_id, customer_id, patient_id, starts_at, ends_at, blocked,
                      status, manage_token_hash)
SELECT gen_random_uuid(), s.id, st.id, c.id, c.id, t, t + interval '30 minutes',
       tstzrange(t, t + interval '30 minutes'),
       CASE WHEN k <= 3 THEN 'completed' ELSE 'confirmed' END, uuid_send(gen_random_uuid())
FROM charted c
CROSS JOIN generate_series(1, 5) k
CROSS JOIN LATERAL (SELECT id FROM services ORDER BY created_at LIMIT 1) s
CROSS JOIN LATERAL (SELECT id FROM staff ORDER BY created_at LIMIT 1) st
CROSS JOIN LATERAL (SELECT date_trunc('day', now())
                    + CASE WHEN k <= 3 THEN -(c.n * 3 + k) ELSE 400 + c.n * 2 + k END * interval '1 day'
                    + interval '10 hours' AS t) at;
SELECT id FROM charted ORDER BY n;
COMMIT;
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--tokens", required=True, help='"host token" lines of prepare.py')
    ap.add_argument("--patients", type=int, default=5000)
    ap.add_argument("--charts", type=int, default=50, help="patients with a full chart per tenant")
    ap.add_argument("--out-dir", required=True)
    args = ap.parse_args()
    if args.charts > args.patients:
        sys.exit("--charts cannot be more than --patients")

    tenants = [line.split()[:2] for line in open(args.tokens) if line.strip()]
    slugs = {host.split(".")[0]: (host, token) for host, token in tenants}
    listing = ", ".join(f"'{s}'" for s in slugs)
    rows = psql(args.db, f"SELECT slug, schema_name FROM tenants WHERE slug IN ({listing})", True)
    schemas = dict(line.split("|") for line in rows.split("\n") if "|" in line)

    rnd = random.Random(2026)
    per_tenant = 10
    search, chart = [[] for _ in range(per_tenant)], [[] for _ in range(per_tenant)]
    for slug, (host, token) in slugs.items():
        out = psql(args.db, tenant_sql(schemas[slug], args.patients, args.charts), True)
        ids = [line for line in out.split("\n") if len(line) == 36]
        if len(ids) != args.charts:
            sys.exit(f"{slug}: expected {args.charts} charted patients, got {len(ids)}")
        for k in range(per_tenant):
            name = name_of(rnd.randrange(1, args.patients + 1))
            search[k].append(f"{host} {token} /api/v1/patients?q={misspelt(name, rnd)}")
            chart[k].append(f"{host} {token} /api/v1/patients/{rnd.choice(ids)}/chart")
    # Tenants interleaved: each request goes to another clinic.
    for name, rounds in (("patient-search", search), ("chart", chart)):
        with open(f"{args.out_dir}/{name}.txt", "w") as f:
            f.write("\n".join(line for r in rounds for line in r) + "\n")


if __name__ == "__main__":
    main()
