//! Host -> tenant resolution, as a client sees it.

use std::time::{Duration, Instant};

use diesel::prelude::*;

use crate::support::*;

#[tokio::test]
async fn health_answers_on_any_host() {
    let app = spawn_app().await;
    for host in ["unknown.example.org", BASE_DOMAIN, "nope.platform.test"] {
        let (status, body) = json_of(app.get(host, "/healthz").send().await.unwrap()).await;
        assert_eq!(status, 200, "{host}: {body}");
        assert_eq!(body["status"], "ok");
    }
    let (status, body) = json_of(app.get("x.example.org", "/readyz").send().await.unwrap()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["database"], "ok");
    assert_eq!(body["redis"], "ok");
}

#[tokio::test]
async fn unknown_host_is_404_problem() {
    let app = spawn_app().await;
    let res = app
        .get("nobody-here.platform.test", "/api/v1/customers")
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.headers()["content-type"].to_str().unwrap(),
        "application/problem+json"
    );
    let (status, body) = json_of(res).await;
    assert_eq!(status, 404);
    assert_eq!(body["code"], "tenant_not_found");
    assert_eq!(body["status"], 404);
}

#[tokio::test]
async fn suspension_takes_effect_without_restart() {
    let app = spawn_app().await;
    let tenant = provision_tenant("susp");
    // Warm the host cache first, so the test proves invalidation.
    let res = app
        .get(&tenant.host, "/api/v1/nothing")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let (_, body) = json_of(res).await;
    assert_eq!(body["code"], "route_not_found");

    let mut conn = PgConnection::establish(&database_url()).unwrap();
    diesel::sql_query("UPDATE tenants SET status = 'suspended' WHERE id = $1")
        .bind::<diesel::sql_types::Uuid, _>(tenant.id)
        .execute(&mut conn)
        .unwrap();

    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let (status, body) = json_of(
            app.get(&tenant.host, "/api/v1/nothing")
                .send()
                .await
                .unwrap(),
        )
        .await;
        if status == 403 {
            assert_eq!(body["code"], "tenant_suspended");
            break;
        }
        assert!(Instant::now() < deadline, "suspension not seen within 5 s");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
