//! Clinical notes over HTTP: a signed note is final (409 from the API, and
//! the database refuses an UPDATE or DELETE too), amendments keep the
//! history whole, only staff of the tenant reach notes, bad input is 422
//! naming the field, and every request leaves one access row.

use diesel::prelude::*;
use reqwest::header::AUTHORIZATION;
use serde_json::{json, Value};
use uuid::Uuid;

use super::records::*;
use crate::support::*;

async fn create_note(
    app: &TestApp,
    t: &TestTenant,
    auth: &str,
    patient: Uuid,
    body: Value,
) -> (u16, Value) {
    json_of(
        app.post(&t.host, &format!("/api/v1/patients/{patient}/notes"))
            .header(AUTHORIZATION, auth)
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await
}

async fn call(app: &TestApp, req: reqwest::RequestBuilder, auth: &str) -> (u16, Value) {
    let _ = app;
    json_of(req.header(AUTHORIZATION, auth).send().await.unwrap()).await
}

fn soap() -> Value {
    json!({
        "visit_type": "follow_up",
        "subjective": "Knee pain on stairs",
        "objective": "Swelling, flexion 100 degrees",
        "assessment": "Patellofemoral pain",
        "plan": "Quadriceps strengthening"
    })
}

#[tokio::test]
async fn a_signed_note_never_changes_through_the_api_or_sql() {
    let app = spawn_app().await;
    let t = provision_tenant("notes-sign");
    let auth = staff_bearer(&app, &t);
    let patient = new_patient(&app, &t, "Nora Note");

    let (status, note) = create_note(&app, &t, &auth, patient, soap()).await;
    assert_eq!(status, 201, "{note}");
    assert_eq!(note["visit_type"], "follow_up");
    assert_eq!(note["signed"], false);
    assert_eq!(note["author_name"], "Member");
    let id = note["id"].as_str().unwrap().to_string();

    // While unsigned, it may change.
    let (status, patched) = call(
        &app,
        app.patch(&t.host, &format!("/api/v1/notes/{id}"))
            .json(&json!({"plan": "Squats", "text": "Seen with her daughter"})),
        &auth,
    )
    .await;
    assert_eq!(status, 200, "{patched}");
    assert_eq!(patched["plan"], "Squats");
    assert_eq!(patched["version"], 2);

    let (status, signed) = call(
        &app,
        app.post(&t.host, &format!("/api/v1/notes/{id}/sign")),
        &auth,
    )
    .await;
    assert_eq!(status, 200, "{signed}");
    assert_eq!(signed["signed"], true);
    assert!(signed["signed_at"].is_string());
    assert!(signed["signed_by"].is_string());

    // Now nothing changes it: not the API ...
    let (status, refused) = call(
        &app,
        app.patch(&t.host, &format!("/api/v1/notes/{id}"))
            .json(&json!({"plan": "Rest"})),
        &auth,
    )
    .await;
    assert_eq!(status, 409, "{refused}");
    assert_eq!(refused["code"], "note_signed");
    let (status, again) = call(
        &app,
        app.post(&t.host, &format!("/api/v1/notes/{id}/sign")),
        &auth,
    )
    .await;
    assert_eq!((status, again["code"].as_str()), (409, Some("note_signed")));

    // ... nor SQL straight on the table, neither UPDATE nor DELETE.
    let mut conn = db(&app);
    let update = diesel::sql_query(format!(
        "UPDATE \"{}\".clinical_notes SET plan = 'Rest' WHERE id = '{id}'",
        t.schema
    ))
    .execute(&mut conn);
    let message = update.unwrap_err().to_string();
    assert!(message.contains("signed"), "{message}");
    let delete = diesel::sql_query(format!(
        "DELETE FROM \"{}\".clinical_notes WHERE id = '{id}'",
        t.schema
    ))
    .execute(&mut conn);
    assert!(delete.is_err());
    // Unsigning is a change like any other.
    let unsign = diesel::sql_query(format!(
        "UPDATE \"{}\".clinical_notes SET signed_at = NULL, signed_by = NULL WHERE id = '{id}'",
        t.schema
    ))
    .execute(&mut conn);
    assert!(unsign.is_err());

    let (status, read) = call(
        &app,
        app.get(&t.host, &format!("/api/v1/notes/{id}")),
        &auth,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(read["plan"], "Squats");
    assert_eq!(read["signed"], true);
    assert_eq!(read["version"], signed["version"]);
}

#[tokio::test]
async fn an_amendment_follows_a_signed_note_and_both_read_back() {
    let app = spawn_app().await;
    let t = provision_tenant("notes-amend");
    let auth = staff_bearer(&app, &t);
    let patient = new_patient(&app, &t, "Amy Amend");
    let (_, note) = create_note(&app, &t, &auth, patient, soap()).await;
    let id = note["id"].as_str().unwrap().to_string();
    let amend = || {
        app.post(&t.host, &format!("/api/v1/notes/{id}/amendments"))
            .json(&json!({"text": "Flexion was 110 degrees, not 100", "reason": "Typing error"}))
    };

    // An unsigned note is edited, not amended.
    let (status, refused) = call(&app, amend(), &auth).await;
    assert_eq!(status, 409, "{refused}");
    assert_eq!(refused["code"], "note_not_signed");

    call(
        &app,
        app.post(&t.host, &format!("/api/v1/notes/{id}/sign")),
        &auth,
    )
    .await;
    let (status, amended) = call(&app, amend(), &auth).await;
    assert_eq!(status, 201, "{amended}");
    let (status, second) = call(
        &app,
        app.post(&t.host, &format!("/api/v1/notes/{id}/amendments"))
            .json(&json!({"text": "Also: ice after exercise"})),
        &auth,
    )
    .await;
    assert_eq!(status, 201, "{second}");

    // The note as signed, and both amendments in order.
    for read in [
        call(
            &app,
            app.get(&t.host, &format!("/api/v1/notes/{id}")),
            &auth,
        )
        .await
        .1,
        call(
            &app,
            app.get(&t.host, &format!("/api/v1/patients/{patient}/notes")),
            &auth,
        )
        .await
        .1["items"][0]
            .clone(),
    ] {
        assert_eq!(read["id"], id.as_str());
        assert_eq!(read["objective"], "Swelling, flexion 100 degrees");
        let amendments = read["amendments"].as_array().unwrap();
        assert_eq!(amendments.len(), 2, "{read}");
        assert_eq!(amendments[0]["text"], "Flexion was 110 degrees, not 100");
        assert_eq!(amendments[0]["reason"], "Typing error");
        assert_eq!(amendments[1]["text"], "Also: ice after exercise");
        assert_eq!(amendments[1]["note_id"], id.as_str());
    }

    // Amendments are final rows too.
    let changed = diesel::sql_query(format!(
        "UPDATE \"{}\".clinical_note_amendments SET text = 'x' WHERE note_id = '{id}'",
        t.schema
    ))
    .execute(&mut db(&app));
    assert!(changed.is_err());
}

#[tokio::test]
async fn notes_list_newest_first_a_page_at_a_time() {
    let app = spawn_app().await;
    let t = provision_tenant("notes-page");
    let auth = staff_bearer(&app, &t);
    let patient = new_patient(&app, &t, "Paul Page");
    let other = new_patient(&app, &t, "Olga Other");
    create_note(&app, &t, &auth, other, json!({"text": "not Paul's"})).await;
    for n in 1..=3 {
        let (status, _) = create_note(
            &app,
            &t,
            &auth,
            patient,
            json!({"text": format!("visit {n}")}),
        )
        .await;
        assert_eq!(status, 201);
    }
    let path = format!("/api/v1/patients/{patient}/notes");
    let (status, first) = call(&app, app.get(&t.host, &format!("{path}?limit=2")), &auth).await;
    assert_eq!(status, 200, "{first}");
    let texts = |page: &Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["text"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(texts(&first), vec!["visit 3", "visit 2"]);
    let cursor = first["next_cursor"].as_str().unwrap();
    let (status, second) = call(
        &app,
        app.get(&t.host, &format!("{path}?limit=2&cursor={cursor}")),
        &auth,
    )
    .await;
    assert_eq!(status, 200, "{second}");
    assert_eq!(texts(&second), vec!["visit 1"]);
    assert!(second["next_cursor"].is_null());

    let (status, bad) = call(
        &app,
        app.get(&t.host, &format!("{path}?cursor=junk")),
        &auth,
    )
    .await;
    assert_eq!(
        (status, bad["code"].as_str()),
        (400, Some("invalid_cursor"))
    );
    let (status, bad) = call(&app, app.get(&t.host, &format!("{path}?limit=0")), &auth).await;
    assert_eq!((status, bad["code"].as_str()), (400, Some("invalid_limit")));
}

#[tokio::test]
async fn bad_input_is_422_naming_each_field() {
    let app = spawn_app().await;
    let t = provision_tenant("notes-bad");
    let auth = staff_bearer(&app, &t);
    let patient = new_patient(&app, &t, "Bea Bad");
    let cases = [
        (json!({"visit_type": "surgery", "text": "x"}), "visit_type"),
        (json!({"visit_type": "regular"}), "text"),
        (json!({"subjective": "a\u{0}b"}), "subjective"),
        (json!({"text": "x".repeat(20_001)}), "text"),
    ];
    for (body, field) in cases {
        let (status, problem) = create_note(&app, &t, &auth, patient, body).await;
        assert_eq!(status, 422, "{problem}");
        assert_eq!(problem["code"], "validation_failed");
        assert_eq!(problem["errors"][0]["field"], field, "{problem}");
    }
    let (status, problem) = create_note(
        &app,
        &t,
        &auth,
        patient,
        json!({"text": "x", "author_id": "me"}),
    )
    .await;
    assert_eq!(status, 422, "{problem}");

    let (_, note) = create_note(&app, &t, &auth, patient, json!({"text": "ok"})).await;
    let id = note["id"].as_str().unwrap();
    let (status, problem) = call(
        &app,
        app.patch(&t.host, &format!("/api/v1/notes/{id}"))
            .json(&json!({"text": null})),
        &auth,
    )
    .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "text");
    call(
        &app,
        app.post(&t.host, &format!("/api/v1/notes/{id}/sign")),
        &auth,
    )
    .await;
    let (status, problem) = call(
        &app,
        app.post(&t.host, &format!("/api/v1/notes/{id}/amendments"))
            .json(&json!({"text": "  "})),
        &auth,
    )
    .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "text");
}

#[tokio::test]
async fn only_staff_of_the_tenant_reach_notes() {
    let app = spawn_app().await;
    let a = provision_tenant("notes-a");
    let b = provision_tenant("notes-b");
    let auth = staff_bearer(&app, &a);
    let patient = new_patient(&app, &a, "Ivy Isolated");
    let (_, note) = create_note(&app, &a, &auth, patient, soap()).await;
    let id = note["id"].as_str().unwrap().to_string();

    // A customer of the tenant, even the patient themself: 403.
    let email = unique_email("patient");
    let login = customer_account(&app, &a, &email).await;
    link_customer(&app, &a, patient, &email);
    let customer = format!("Bearer {}", login["access_token"].as_str().unwrap());
    for req in [
        app.get(&a.host, &format!("/api/v1/patients/{patient}/notes")),
        app.post(&a.host, &format!("/api/v1/patients/{patient}/notes"))
            .json(&soap()),
        app.get(&a.host, &format!("/api/v1/notes/{id}")),
        app.patch(&a.host, &format!("/api/v1/notes/{id}"))
            .json(&json!({"text": "mine"})),
        app.post(&a.host, &format!("/api/v1/notes/{id}/sign")),
        app.post(&a.host, &format!("/api/v1/notes/{id}/amendments"))
            .json(&json!({"text": "x"})),
    ] {
        let (status, problem) = call(&app, req, &customer).await;
        assert_eq!(status, 403, "{problem}");
        assert_eq!(problem["code"], "forbidden_role");
    }
    // Without a token: 401.
    let res = app
        .get(&a.host, &format!("/api/v1/notes/{id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);

    // Staff of another tenant find neither the note nor the patient.
    let other = staff_bearer(&app, &b);
    let (status, problem) = call(
        &app,
        app.get(&b.host, &format!("/api/v1/notes/{id}")),
        &other,
    )
    .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (404, Some("note_not_found"))
    );
    let (status, _) = call(
        &app,
        app.patch(&b.host, &format!("/api/v1/notes/{id}"))
            .json(&json!({"text": "x"})),
        &other,
    )
    .await;
    assert_eq!(status, 404);
    let (status, problem) = call(
        &app,
        app.get(&b.host, &format!("/api/v1/patients/{patient}/notes")),
        &other,
    )
    .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (404, Some("patient_not_found"))
    );
    let (status, _) = create_note(&app, &b, &other, patient, soap()).await;
    assert_eq!(status, 404);
    // A's token on B's host is refused outright.
    let (status, _) = call(
        &app,
        app.get(&b.host, &format!("/api/v1/notes/{id}")),
        &auth,
    )
    .await;
    assert_eq!(status, 401);

    // None of it reached A's record: only the staff's creation is logged.
    let rows = access_rows(&app, &a, patient);
    assert_eq!(rows.len(), 1, "{rows:?}");
}

#[tokio::test]
async fn every_request_on_a_note_leaves_one_access_row() {
    let app = spawn_app().await;
    let t = provision_tenant("notes-audit");
    let auth = staff_bearer(&app, &t);
    let patient = new_patient(&app, &t, "Al Audit");
    let note_path = |id: &str| format!("/api/v1/notes/{id}");

    let (_, note) = create_note(&app, &t, &auth, patient, soap()).await;
    let id = note["id"].as_str().unwrap().to_string();
    let mut n = one_more_row(&app, &t, patient, 0, "create_note", true);

    // Failed requests that reached the record count too.
    let (status, _) = create_note(&app, &t, &auth, patient, json!({"visit_type": "x"})).await;
    assert_eq!(status, 422);
    n = one_more_row(&app, &t, patient, n, "create_note", false);

    call(
        &app,
        app.get(&t.host, &format!("/api/v1/patients/{patient}/notes")),
        &auth,
    )
    .await;
    n = one_more_row(&app, &t, patient, n, "list_notes", true);
    call(&app, app.get(&t.host, &note_path(&id)), &auth).await;
    n = one_more_row(&app, &t, patient, n, "read_note", true);
    call(
        &app,
        app.patch(&t.host, &note_path(&id))
            .json(&json!({"text": "more"})),
        &auth,
    )
    .await;
    n = one_more_row(&app, &t, patient, n, "update_note", true);
    call(
        &app,
        app.post(&t.host, &format!("/api/v1/notes/{id}/amendments"))
            .json(&json!({"text": "x"})),
        &auth,
    )
    .await;
    n = one_more_row(&app, &t, patient, n, "amend_note", false);
    call(
        &app,
        app.post(&t.host, &format!("/api/v1/notes/{id}/sign")),
        &auth,
    )
    .await;
    n = one_more_row(&app, &t, patient, n, "sign_note", true);
    let (status, _) = call(
        &app,
        app.patch(&t.host, &note_path(&id))
            .json(&json!({"text": "late"})),
        &auth,
    )
    .await;
    assert_eq!(status, 409);
    n = one_more_row(&app, &t, patient, n, "update_note", false);
    call(
        &app,
        app.post(&t.host, &format!("/api/v1/notes/{id}/amendments"))
            .json(&json!({"text": "x"})),
        &auth,
    )
    .await;
    n = one_more_row(&app, &t, patient, n, "amend_note", true);

    // Requests that reached no record leave none.
    let (status, _) = call(
        &app,
        app.get(&t.host, &note_path(&Uuid::new_v4().to_string())),
        &auth,
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = call(&app, app.get(&t.host, &note_path("not-a-uuid")), &auth).await;
    assert_eq!(status, 404);
    assert_eq!(access_rows(&app, &t, patient).len(), n);
}
