//! Offline sync over HTTP: a stale push is a conflict that changes
//! nothing, a pull returns exactly what changed and then nothing more, a
//! signed note is never overwritten, a change whose transaction commits
//! after a pull is still delivered by the next one, tenants stay apart,
//! customers are refused, and batches have limits.

use std::time::Duration;

use diesel::prelude::*;
use diesel::sql_types::Uuid as SqlUuid;
use serde_json::{json, Value};
use uuid::Uuid;

use super::docs_fixture::{As, Clinic};
use crate::support::*;

const PULL: &str = "/api/v1/sync/pull";
const PUSH: &str = "/api/v1/sync/push";

async fn push(c: &Clinic, who: As<'_>, changes: Value) -> (u16, Value) {
    c.post(PUSH, who, Some(json!({ "changes": changes }))).await
}

/// The one result of a one-change push.
async fn push_one(c: &Clinic, change: Value) -> Value {
    let (status, body) = push(c, As::Staff, json!([change])).await;
    assert_eq!(status, 200, "{body}");
    body["results"][0].clone()
}

async fn pull(c: &Clinic, since: &str) -> Value {
    let (status, page) = c
        .get(&format!("{PULL}?since={since}&limit=200"), As::Staff)
        .await;
    assert_eq!(status, 200, "{page}");
    page
}

/// Pulls from `since` until the feed has something (other databases'
/// transactions on the server may hold the feed back for a moment), or
/// gives up after a few seconds and answers the empty page.
async fn pull_some(c: &Clinic, since: &str) -> Value {
    // The feed stops below the oldest transaction still open anywhere in
    // the cluster, and the suite runs many at once: allow it time.
    for _ in 0..300 {
        let page = pull(c, since).await;
        if !page["changes"].as_array().unwrap().is_empty() {
            return page;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    pull(c, since).await
}

/// The cursor past everything in the feed so far, `last` included (it may
/// be held back a while by transactions of other tests still open).
async fn drained(c: &Clinic, last: Uuid) -> String {
    let mut cursor = String::new();
    let mut seen = false;
    for _ in 0..300 {
        let page = pull(c, &cursor).await;
        cursor = page["cursor"].as_str().unwrap().to_string();
        seen |= ids(&page).iter().any(|(_, id)| *id == last.to_string());
        if seen && page["has_more"] == false {
            return cursor;
        }
        if page["has_more"] == false {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    panic!("{last} never reached the feed")
}

fn ids(page: &Value) -> Vec<(String, String)> {
    page["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["entity"].as_str().unwrap().to_string(),
                c["id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn patient_name(c: &Clinic, id: Uuid) -> String {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
    }
    c.sql(|conn| {
        diesel::sql_query("SELECT name FROM patients WHERE id = $1")
            .bind::<SqlUuid, _>(id)
            .get_result::<Row>(conn)
    })
    .name
}

fn actions(c: &Clinic, patient: Uuid) -> Vec<String> {
    c.access_log(patient).into_iter().map(|(a, _)| a).collect()
}

#[tokio::test]
async fn a_push_on_a_stale_version_is_a_conflict_and_changes_nothing() {
    let c = Clinic::new().await;
    let id = c.patient("Stella Stale");

    let first = push_one(
        &c,
        json!({"entity": "patient", "id": id, "op": "update", "base_version": 1,
               "data": {"name": "Stella First"}}),
    )
    .await;
    assert_eq!(first["status"], "applied", "{first}");
    assert_eq!(first["version"], 2);

    // Another device edited version 1 too.
    let second = push_one(
        &c,
        json!({"entity": "patient", "id": id, "op": "update", "base_version": 1,
               "data": {"name": "Stella Second"}}),
    )
    .await;
    assert_eq!(second["status"], "conflict", "{second}");
    assert_eq!(second["version"], 2);
    assert_eq!(second["data"]["name"], "Stella First");
    assert_eq!(patient_name(&c, id), "Stella First");
    assert_eq!(actions(&c, id), ["sync_push", "sync_push"]);
}

#[tokio::test]
async fn a_pull_after_a_push_returns_exactly_its_changes_then_nothing() {
    let c = Clinic::new().await;
    let before = c.patient("Already There");
    let cursor = drained(&c, before).await;

    let (patient, note, plan) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    let (status, body) = push(
        &c,
        As::Staff,
        json!([
            {"entity": "patient", "id": patient, "op": "create", "data": {"name": "Paula Push"}},
            {"entity": "note", "id": note, "op": "create",
             "data": {"patient_id": patient, "text": "Written on the train"}},
            {"entity": "plan", "id": plan, "op": "create",
             "data": {"patient_id": patient, "goals": ["Walk"], "sessions_planned": 6}},
        ]),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    for result in body["results"].as_array().unwrap() {
        assert_eq!(result["status"], "applied", "{body}");
    }

    let page = pull_some(&c, &cursor).await;
    let mut got = ids(&page);
    got.sort();
    let mut want = vec![
        ("note".to_string(), note.to_string()),
        ("patient".to_string(), patient.to_string()),
        ("plan".to_string(), plan.to_string()),
    ];
    want.sort();
    assert_eq!(got, want, "{page}");
    assert_eq!(page["has_more"], false);
    let note_entry = page["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["entity"] == "note")
        .unwrap();
    assert_eq!(note_entry["version"], 1);
    assert_eq!(note_entry["data"]["text"], "Written on the train");

    let next = page["cursor"].as_str().unwrap();
    let again = pull(&c, next).await;
    assert!(ids(&again).is_empty(), "{again}");
    assert_eq!(again["cursor"], next);

    // One row per request per patient carried; none for the one not carried.
    assert_eq!(actions(&c, patient), ["sync_push", "sync_pull"]);
    let pulled_before = actions(&c, before)
        .iter()
        .filter(|a| *a == "sync_pull")
        .count();
    assert_eq!(pulled_before, 1, "carried by the first pull only");
}

#[tokio::test]
async fn a_signed_note_pushed_over_is_refused_and_unchanged() {
    let c = Clinic::new().await;
    let patient = c.patient("Sid Signed");
    let note = Uuid::new_v4();
    let created = push_one(
        &c,
        json!({"entity": "note", "id": note, "op": "create",
               "data": {"patient_id": patient, "text": "As seen"}}),
    )
    .await;
    assert_eq!(created["status"], "applied", "{created}");
    let (status, signed) = c
        .post(&format!("/api/v1/notes/{note}/sign"), As::Staff, None)
        .await;
    assert_eq!(status, 200, "{signed}");
    let version = signed["version"].as_i64().unwrap();

    let over = push_one(
        &c,
        json!({"entity": "note", "id": note, "op": "update", "base_version": version,
               "data": {"text": "Rewritten"}}),
    )
    .await;
    assert_eq!(over["status"], "rejected", "{over}");
    assert_eq!(over["code"], "note_signed");
    assert_eq!(over["http_status"], 409);

    let (_, now) = c.get(&format!("/api/v1/notes/{note}"), As::Staff).await;
    assert_eq!(now["text"], "As seen");
    assert_eq!(now["version"], version);
}

#[tokio::test]
async fn a_change_committed_after_a_pull_is_delivered_by_the_next_one() {
    let c = Clinic::new().await;
    let held = c.patient("Harold Held");
    let other = c.patient("Olga Other");
    let cursor = drained(&c, other).await;

    // A transaction takes its id and writes, then stays open.
    let mut slow = PgConnection::establish(&database_url()).unwrap();
    diesel::sql_query("BEGIN").execute(&mut slow).unwrap();
    diesel::sql_query(format!(
        "UPDATE \"{}\".patients SET name = 'Harold Late', version = version + 1 WHERE id = $1",
        c.tenant.schema
    ))
    .bind::<SqlUuid, _>(held)
    .execute(&mut slow)
    .unwrap();

    // A later transaction commits first.
    let quick = push_one(
        &c,
        json!({"entity": "patient", "id": other, "op": "update", "base_version": 1,
               "data": {"name": "Olga Quick"}}),
    )
    .await;
    assert_eq!(quick["status"], "applied", "{quick}");
    let page = pull(&c, &cursor).await;
    assert!(
        !ids(&page).contains(&("patient".to_string(), held.to_string())),
        "{page}"
    );
    let after = page["cursor"].as_str().unwrap().to_string();

    diesel::sql_query("COMMIT").execute(&mut slow).unwrap();
    let mut delivered = Vec::new();
    let mut since = after;
    for _ in 0..300 {
        let page = pull(&c, &since).await;
        since = page["cursor"].as_str().unwrap().to_string();
        delivered.extend(page["changes"].as_array().unwrap().iter().cloned());
        if delivered.iter().any(|e| e["id"] == held.to_string()) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let late = delivered
        .iter()
        .find(|e| e["id"] == held.to_string())
        .expect("the late commit is delivered");
    assert_eq!(late["data"]["name"], "Harold Late");
    assert_eq!(late["version"], 2);
}

#[tokio::test]
async fn tenants_never_see_or_change_each_others_records() {
    let a = Clinic::new().await;
    let b = Clinic::new().await;
    let theirs = a.patient("Anna Apart");
    let _ = b.patient("Bob Beside");

    let mut cursor = String::new();
    loop {
        let page = pull(&b, &cursor).await;
        assert!(
            !page["changes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["id"] == theirs.to_string()),
            "{page}"
        );
        cursor = page["cursor"].as_str().unwrap().to_string();
        if page["has_more"] == false {
            break;
        }
    }
    let tried = push_one(
        &b,
        json!({"entity": "patient", "id": theirs, "op": "update", "base_version": 1,
               "data": {"name": "Taken Over"}}),
    )
    .await;
    assert_eq!(tried["status"], "rejected", "{tried}");
    assert_eq!(tried["code"], "patient_not_found");
    assert_eq!(patient_name(&a, theirs), "Anna Apart");
}

#[tokio::test]
async fn customers_are_refused_before_anything_is_reached() {
    let c = Clinic::new().await;
    let patient = c.patient("Cora Customer");
    let customer = c.customer();

    let (status, body) = c.get(PULL, As::Bearer(&customer)).await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["code"], "forbidden_role");
    let (status, body) = push(
        &c,
        As::Bearer(&customer),
        json!([{"entity": "patient", "id": patient, "op": "update", "base_version": 1,
                "data": {"name": "Changed"}}]),
    )
    .await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(patient_name(&c, patient), "Cora Customer");
    assert!(c.access_log(patient).is_empty());
}

#[tokio::test]
async fn batches_and_bodies_have_limits() {
    let c = Clinic::new().await;
    let patient = c.patient("Lena Limit");
    let change = json!({"entity": "patient", "id": patient, "op": "update", "base_version": 1,
                        "data": {"name": "Too Many"}});
    let (status, body) = push(&c, As::Staff, Value::Array(vec![change; 101])).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["code"], "validation_failed");
    assert_eq!(body["errors"][0]["field"], "changes");
    assert_eq!(patient_name(&c, patient), "Lena Limit");

    // A day of long notes is more than the server-wide 64 KiB: the push
    // takes it whole.
    let long = "Seen at home; ".repeat(1_400);
    let notes: Vec<Value> = (0..8)
        .map(|_| {
            json!({"entity": "note", "id": Uuid::new_v4(), "op": "create",
                        "data": {"patient_id": patient, "text": long}})
        })
        .collect();
    let (status, body) = push(&c, As::Staff, Value::Array(notes)).await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["status"] == "applied"),
        "{body}"
    );

    // Past the push's own limit (4 MiB): 413, and nothing written.
    let huge = "x".repeat(5 * 1024 * 1024);
    let (status, body) = push(
        &c,
        As::Staff,
        json!([{"entity": "note", "id": Uuid::new_v4(), "op": "create",
                "data": {"patient_id": patient, "text": huge}}]),
    )
    .await;
    assert_eq!(status, 413, "{body}");
    assert_eq!(body["code"], "body_too_large", "{body}");

    let (status, body) = c
        .get(&format!("{PULL}?since=not-a-cursor"), As::Staff)
        .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["code"], "invalid_cursor");
    let (status, body) = c.get(&format!("{PULL}?limit=100000"), As::Staff).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["code"], "invalid_limit");
}
