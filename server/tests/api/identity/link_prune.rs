//! Dead sign-up and reset links (used or expired) do not pile up: each new
//! link made on a site clears away the site's dead ones, whoever they were
//! for, and leaves every open link alone.

use diesel::prelude::*;
use diesel::sql_types::BigInt;

use crate::support::*;

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn count(conn: &mut PgConnection, schema: &str, filter: &str) -> i64 {
    diesel::sql_query(format!(
        "SELECT count(*) AS n FROM \"{schema}\".customer_tokens WHERE {filter}"
    ))
    .get_result::<Count>(conn)
    .unwrap()
    .n
}

#[tokio::test]
async fn a_new_link_clears_away_the_sites_dead_links() {
    let app = spawn_app().await;
    let tenant = provision_tenant("prune");
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    // Two expired, one used, one open: each for another address.
    for (i, (expires, used)) in [
        ("now() - interval '1 day'", "NULL"),
        ("now() - interval '1 minute'", "NULL"),
        ("now() + interval '1 day'", "now()"),
        ("now() + interval '1 day'", "NULL"),
    ]
    .iter()
    .enumerate()
    {
        diesel::sql_query(format!(
            "INSERT INTO \"{}\".customer_tokens \
             (id, purpose, email, name, password_hash, token_hash, expires_at, used_at) \
             VALUES (gen_random_uuid(), 'signup', 'old{i}@example.com', 'Old', 'x', \
             decode(md5(random()::text), 'hex'), {expires}, {used})",
            tenant.schema
        ))
        .execute(&mut conn)
        .unwrap();
    }
    assert_eq!(count(&mut conn, &tenant.schema, "true"), 4);

    let (status, body) = register(&app, &tenant.host, &unique_email("fresh")).await;
    assert_eq!(status, 202, "{body}");

    let dead = "used_at IS NOT NULL OR expires_at <= now()";
    assert_eq!(count(&mut conn, &tenant.schema, dead), 0);
    // The open link of another address, and the new one.
    assert_eq!(count(&mut conn, &tenant.schema, "true"), 2);
    assert_eq!(
        count(&mut conn, &tenant.schema, "email = 'old3@example.com'"),
        1
    );
}
