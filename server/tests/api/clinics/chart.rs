//! GET /api/v1/patients/{id}/chart: the record, the latest notes with
//! their amendments, the active plans, the appointments to come and the
//! attendance, read in one request that leaves one access row.

use serde_json::json;
use uuid::Uuid;

use super::appointments::{call, clinic_salon, customer_token, first_slot, in_tenant, patient};
use super::records::{access_rows, one_more_row};
use diesel::RunQueryDsl;

fn chart(patient: Uuid) -> String {
    format!("/api/v1/patients/{patient}/chart")
}

#[tokio::test]
async fn the_chart_holds_the_latest_notes_the_plan_and_what_is_to_come() {
    let (s, staff) = clinic_salon().await;
    let ann = patient(&s, "Ann Chart", Some("ann.chart@example.com"));
    let other = patient(&s, "Other Patient", Some("other.chart@example.com"));

    // Three appointments; the last one missed (a no-show is not to come).
    let mut booked = Vec::new();
    for days in 3..=5 {
        let start = first_slot(&s, days, 0).await;
        let body =
            json!({ "service_id": s.service_id, "staff_id": s.staff_ids[0], "start": start });
        let path = format!("/api/v1/patients/{ann}/appointments");
        let (status, b) = call(&s, &staff, "POST", &path, Some(body)).await;
        assert_eq!(status, 201, "{b}");
        booked.push(b["id"].as_str().unwrap().to_string());
    }
    let missed = Uuid::parse_str(&booked[2]).unwrap();
    in_tenant(&s, |conn| {
        diesel::sql_query("UPDATE bookings SET status = 'no_show' WHERE id = $1")
            .bind::<diesel::sql_types::Uuid, _>(missed)
            .execute(conn)
    });

    // 21 notes: the chart carries the latest 20; the newest is signed and amended.
    let mut notes = Vec::new();
    for i in 1..=21 {
        let path = format!("/api/v1/patients/{ann}/notes");
        let body = json!({ "visit_type": "regular", "subjective": format!("visit {i}") });
        let (status, n) = call(&s, &staff, "POST", &path, Some(body)).await;
        assert_eq!(status, 201, "{n}");
        notes.push(n["id"].as_str().unwrap().to_string());
    }
    let newest = &notes[20];
    let (status, _) = call(
        &s,
        &staff,
        "POST",
        &format!("/api/v1/notes/{newest}/sign"),
        None,
    )
    .await;
    assert_eq!(status, 200);
    let amend = json!({ "text": "Right knee, not left", "reason": "side" });
    let path = format!("/api/v1/notes/{newest}/amendments");
    let (status, a) = call(&s, &staff, "POST", &path, Some(amend)).await;
    assert_eq!(status, 201, "{a}");
    let plan = json!({ "goals": ["Walk without a stick"], "sessions_planned": 6,
        "exercises": [{"name": "Heel raise", "sets": 3, "repetitions": 10}] });
    let path = format!("/api/v1/patients/{ann}/plans");
    let (status, p) = call(&s, &staff, "POST", &path, Some(plan)).await;
    assert_eq!(status, 201, "{p}");
    // Another patient's note never shows on Ann's chart.
    let path = format!("/api/v1/patients/{other}/notes");
    let body = json!({ "visit_type": "regular", "subjective": "not Ann's" });
    assert_eq!(call(&s, &staff, "POST", &path, Some(body)).await.0, 201);

    let before = access_rows(&s.app, &s.tenant, ann).len();
    let (status, c) = call(&s, &staff, "GET", &chart(ann), None).await;
    assert_eq!(status, 200, "{c}");
    one_more_row(&s.app, &s.tenant, ann, before, "read_chart", true);

    assert_eq!(c["patient"]["id"], ann.to_string());
    assert_eq!(c["patient"]["name"], "Ann Chart");
    let listed = c["notes"].as_array().unwrap();
    assert_eq!(listed.len(), 20, "{c}");
    assert_eq!(listed[0]["id"], newest.as_str(), "newest first");
    assert_eq!(listed[0]["signed"], true);
    assert_eq!(listed[0]["amendments"][0]["text"], "Right knee, not left");
    assert_eq!(listed[19]["id"], notes[1].as_str());
    assert!(listed.iter().all(|n| n["subjective"] != "not Ann's"));

    // The cursor reaches the oldest note through the notes list.
    let cursor = c["notes_next_cursor"]
        .as_str()
        .expect("a cursor past 20 notes");
    let path = format!("/api/v1/patients/{ann}/notes?cursor={cursor}");
    let (status, older) = call(&s, &staff, "GET", &path, None).await;
    assert_eq!(status, 200, "{older}");
    assert_eq!(older["items"][0]["id"], notes[0].as_str());
    assert!(older["next_cursor"].is_null());

    assert_eq!(c["plans"].as_array().unwrap().len(), 1, "{c}");
    assert_eq!(c["plans"][0]["goals"][0], "Walk without a stick");
    let upcoming: Vec<&str> = c["upcoming"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        upcoming,
        vec![booked[0].as_str(), booked[1].as_str()],
        "soonest first, no no-show"
    );
    assert_eq!(c["attendance"]["no_shows"], 1);
    assert_eq!(c["attendance"]["attended"], 0);
    assert_eq!(c["attendance"]["no_show_rate"], 1.0);
}

#[tokio::test]
async fn a_chart_is_for_staff_and_an_unknown_patient_leaves_no_row() {
    let (s, staff) = clinic_salon().await;
    let bob = patient(&s, "Bob Chart", None);

    let (status, c) = call(&s, &staff, "GET", &chart(bob), None).await;
    assert_eq!(status, 200, "{c}");
    assert_eq!(c["notes"].as_array().unwrap().len(), 0);
    assert!(c["notes_next_cursor"].is_null());
    assert!(c["attendance"]["no_show_rate"].is_null());
    assert_eq!(access_rows(&s.app, &s.tenant, bob).len(), 1);

    let customer = customer_token(&s);
    let (status, problem) = call(&s, &customer, "GET", &chart(bob), None).await;
    assert_eq!(status, 403, "{problem}");
    let (status, _) = call(&s, "not-a-token", "GET", &chart(bob), None).await;
    assert_eq!(status, 401);
    assert_eq!(
        access_rows(&s.app, &s.tenant, bob).len(),
        1,
        "refused before reaching the record"
    );

    let nobody = Uuid::new_v4();
    let (status, problem) = call(&s, &staff, "GET", &chart(nobody), None).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (404, Some("patient_not_found"))
    );
    assert!(access_rows(&s.app, &s.tenant, nobody).is_empty());
    let (status, _) = call(&s, &staff, "GET", "/api/v1/patients/not-a-uuid/chart", None).await;
    assert_eq!(status, 404);
}

/// The chart is read in one statement of its own (chart.sql in the
/// clinics crate); it must say exactly what the record's own routes say.
#[tokio::test]
async fn the_chart_says_what_the_records_own_routes_say() {
    let (s, staff) = clinic_salon().await;
    let cleo = patient(&s, "Cleo Same", Some("cleo.same@example.com"));
    in_tenant(&s, |conn| {
        diesel::sql_query(
            "UPDATE patients SET phone = '+33612345678', sex = 'female', group_name = 'knees',
                 consents = '{\"sms\": {\"given\": true, \"at\": \"2026-01-02T03:04:05Z\"}}'
             WHERE id = $1",
        )
        .bind::<diesel::sql_types::Uuid, _>(cleo)
        .execute(conn)
    });

    // Three appointments to come; one then completed (a session of the
    // plan, attended), one missed, one still to come.
    let mut booked = Vec::new();
    for days in 3..=5 {
        let start = first_slot(&s, days, 0).await;
        let body =
            json!({ "service_id": s.service_id, "staff_id": s.staff_ids[0], "start": start });
        let path = format!("/api/v1/patients/{cleo}/appointments");
        let (status, b) = call(&s, &staff, "POST", &path, Some(body)).await;
        assert_eq!(status, 201, "{b}");
        booked.push(Uuid::parse_str(b["id"].as_str().unwrap()).unwrap());
    }
    for (id, status) in [(booked[0], "completed"), (booked[1], "no_show")] {
        in_tenant(&s, |conn| {
            diesel::sql_query("UPDATE bookings SET status = $2 WHERE id = $1")
                .bind::<diesel::sql_types::Uuid, _>(id)
                .bind::<diesel::sql_types::Text, _>(status)
                .execute(conn)
        });
    }

    // Notes of every kind: SOAP, free text, signed and amended (the first
    // twice, the last once: each note gets its own amendments).
    let mut first = None;
    let mut last = String::new();
    for body in [
        json!({ "visit_type": "emergency", "subjective": "knee pain", "objective": "swelling",
                "assessment": "sprain", "plan": "rest" }),
        json!({ "visit_type": "regular", "text": "free text, بدون تغییر" }),
        json!({ "visit_type": "follow_up", "subjective": "better" }),
    ] {
        let path = format!("/api/v1/patients/{cleo}/notes");
        let (status, n) = call(&s, &staff, "POST", &path, Some(body)).await;
        assert_eq!(status, 201, "{n}");
        last = n["id"].as_str().unwrap().to_string();
        first.get_or_insert_with(|| last.clone());
    }
    let first = first.unwrap();
    for note in [&first, &last] {
        let path = format!("/api/v1/notes/{note}/sign");
        assert_eq!(call(&s, &staff, "POST", &path, None).await.0, 200);
    }
    for (note, text) in [
        (&first, "left knee"),
        (&last, "much better"),
        (&first, "both knees"),
    ] {
        let path = format!("/api/v1/notes/{note}/amendments");
        let (status, a) = call(&s, &staff, "POST", &path, Some(json!({ "text": text }))).await;
        assert_eq!(status, 201, "{a}");
    }

    // An active plan, and a completed one the chart leaves out.
    let mut plan_ids = Vec::new();
    for goal in ["Climb stairs", "Done already"] {
        let plan = json!({ "goals": [goal], "sessions_planned": 4,
            "exercises": [{"name": "Squat", "sets": 2, "repetitions": 8}] });
        let path = format!("/api/v1/patients/{cleo}/plans");
        let (status, p) = call(&s, &staff, "POST", &path, Some(plan)).await;
        assert_eq!(status, 201, "{p}");
        plan_ids.push(p["id"].as_str().unwrap().to_string());
    }
    let path = format!("/api/v1/plans/{}", plan_ids[1]);
    let (status, p) = call(
        &s,
        &staff,
        "PATCH",
        &path,
        Some(json!({ "status": "completed" })),
    )
    .await;
    assert_eq!(status, 200, "{p}");

    let (status, c) = call(&s, &staff, "GET", &chart(cleo), None).await;
    assert_eq!(status, 200, "{c}");

    let (_, record) = call(&s, &staff, "GET", &format!("/api/v1/patients/{cleo}"), None).await;
    assert_eq!(c["patient"], record);
    let path = format!("/api/v1/patients/{cleo}/notes?limit=20");
    let (_, notes) = call(&s, &staff, "GET", &path, None).await;
    assert_eq!(c["notes"], notes["items"]);
    assert_eq!(c["notes"][2]["amendments"].as_array().unwrap().len(), 2);
    assert_eq!(c["notes"][2]["amendments"][1]["text"], "both knees");
    assert_eq!(c["notes"][0]["amendments"][0]["text"], "much better");
    assert_eq!(c["notes"][1]["amendments"], json!([]));
    assert_eq!(c["notes_next_cursor"], notes["next_cursor"]);

    let (_, plans) = call(
        &s,
        &staff,
        "GET",
        &format!("/api/v1/patients/{cleo}/plans"),
        None,
    )
    .await;
    let active: Vec<_> = plans
        .as_array()
        .or_else(|| plans["items"].as_array())
        .unwrap()
        .iter()
        .filter(|p| p["status"] == "active")
        .cloned()
        .collect();
    assert_eq!(c["plans"], json!(active));
    assert_eq!(c["plans"][0]["sessions_attended"], 1, "{c}");

    let path = format!("/api/v1/patients/{cleo}/appointments");
    let (_, appointments) = call(&s, &staff, "GET", &path, None).await;
    assert_eq!(c["attendance"], appointments["attendance"]);
    let still_to_come: Vec<_> = appointments["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["id"] == booked[2].to_string())
        .cloned()
        .collect();
    assert_eq!(c["upcoming"], json!(still_to_come));
}
