//! The access audit: exactly one row per request that reached a record,
//! failed ones included; none for a record that is not there.

use serde_json::json;

use super::fixture::*;

#[tokio::test]
async fn every_request_that_reaches_a_record_leaves_exactly_one_row() {
    let c = clinic().await;
    let patient = c.created("Audited Person").await;
    let id = id_of(&patient);
    let path = format!("{PATIENTS}/{id}");

    assert_eq!(c.get(&path).await.0, 200);
    assert_eq!(
        c.patch(&path, json!({ "diagnosis": "Sprain" })).await.0,
        200
    );
    // Reaches the record, then fails its checks: a failed access.
    let (status, problem) = c.patch(&path, json!({ "email": "not-an-address" })).await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(c.post(&format!("{path}/archive")).await.0, 200);
    // An archived record is not changed: reached, refused.
    let (status, problem) = c.patch(&path, json!({ "name": "Renamed" })).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (409, Some("patient_archived"))
    );
    assert_eq!(c.get(&format!("{path}/export")).await.0, 200);
    // The chart writes its row in its own statement (audit::logged).
    assert_eq!(c.get(&format!("{path}/chart")).await.0, 200);

    let expected = [
        ("create_patient", true),
        ("read_patient", true),
        ("update_patient", true),
        ("update_patient", false),
        ("archive_patient", true),
        ("update_patient", false),
        ("export", true),
        ("read_chart", true),
    ];
    let rows = c.access_rows(&id);
    let rows: Vec<(&str, bool)> = rows.iter().map(|(a, s)| (a.as_str(), *s)).collect();
    assert_eq!(rows, expected);

    // The log itself, newest first, paged; reading it adds no row.
    let (status, page) = c.get(&format!("{path}/access-log?limit=4")).await;
    assert_eq!(status, 200, "{page}");
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    assert_eq!(items[0]["action"], "read_chart");
    assert_eq!(items[1]["action"], "export");
    assert_eq!(items[0]["actor_role"], "owner");
    assert_eq!(items[2]["succeeded"], false);
    assert!(items[0]["request_id"].is_string());
    assert_ne!(items[0]["request_id"], items[1]["request_id"]);
    // Both ways of writing a row say the same of who and from where.
    for field in ["actor_id", "actor_role", "ip"] {
        assert!(!items[0][field].is_null(), "{field}: {page}");
        assert_eq!(items[0][field], items[1][field], "{field}");
    }
    let cursor = page["next_cursor"].as_str().unwrap();
    let (_, older) = c
        .get(&format!("{path}/access-log?limit=4&cursor={cursor}"))
        .await;
    let older = older["items"].as_array().unwrap();
    assert_eq!(older.len(), 4);
    assert_eq!(older[3]["action"], "create_patient");
    assert_eq!(c.access_rows(&id).len(), expected.len());
}

#[tokio::test]
async fn a_record_that_is_not_there_leaves_no_row() {
    let c = clinic().await;
    let missing = format!("{PATIENTS}/{}", uuid::Uuid::new_v4());
    for (status, problem) in [
        c.get(&missing).await,
        c.patch(&missing, json!({ "name": "Ghost" })).await,
        c.patch(&missing, json!({ "email": "bad" })).await,
        c.post(&format!("{missing}/archive")).await,
        c.get(&format!("{missing}/export")).await,
        c.get(&format!("{missing}/access-log")).await,
        c.get(&format!("{PATIENTS}/not-a-uuid")).await,
    ] {
        assert_eq!(status, 404, "{problem}");
        assert_eq!(problem["code"], "patient_not_found");
    }
    assert_eq!(c.all_access_rows(), 0);
}
