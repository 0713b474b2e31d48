//! Patients: codes from a sequence, validation, search, roles, tenants and
//! the plan's limit.

use serde_json::json;

use super::fixture::*;
use crate::support::*;

#[tokio::test]
async fn fifty_concurrent_creations_take_fifty_consecutive_codes() {
    let c = clinic().await;
    let answers = futures_util::future::join_all(
        (0..50).map(|i| c.create(json!({ "name": format!("Racer {i}") }))),
    )
    .await;
    let mut numbers: Vec<u32> = answers
        .iter()
        .map(|(status, patient)| {
            assert_eq!(*status, 201, "{patient}");
            let code = patient["code"].as_str().unwrap();
            assert!(code.starts_with("PAT") && code.len() == 9, "{code}");
            code[3..].parse().unwrap()
        })
        .collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=50).collect::<Vec<u32>>());
}

#[tokio::test]
async fn a_refused_creation_draws_no_code() {
    let c = clinic().await;
    c.created("First Patient").await;
    let (status, _) = c.create(json!({ "name": "Bad", "email": "nope" })).await;
    assert_eq!(status, 422);
    let unknown = uuid::Uuid::new_v4();
    let (status, problem) = c
        .create(json!({ "name": "Linked", "customer_id": unknown }))
        .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "customer_id");
    let second = c.created("Second Patient").await;
    assert_eq!(second["code"], "PAT000002");
}

#[tokio::test]
async fn a_patient_is_created_read_changed_and_archived() {
    let c = clinic().await;
    let (status, patient) = c
        .create(json!({
            "name": "Ada Lovelace", "date_of_birth": "1985-12-10", "sex": "female",
            "phone": "+44 20 7946 0958", "email": "Ada@Example.com", "group": "Knees",
            "favourite": true, "complaint": "Left knee pain",
            "consents": { "sms": true, "email": false }
        }))
        .await;
    assert_eq!(status, 201, "{patient}");
    assert_eq!(patient["code"], "PAT000001");
    assert_eq!(patient["phone"], "+442079460958");
    assert_eq!(patient["email"], "ada@example.com");
    assert_eq!(patient["version"], 1);
    assert_eq!(patient["consents"]["sms"]["given"], true);
    assert_eq!(patient["consents"]["voice"], serde_json::Value::Null);
    let sms_at = patient["consents"]["sms"]["at"].clone();
    let email_at = patient["consents"]["email"]["at"].clone();
    let path = format!("{PATIENTS}/{}", id_of(&patient));

    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let (status, changed) = c
        .patch(
            &path,
            json!({ "consents": { "email": true, "sms": true }, "phone": null }),
        )
        .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["version"], 2);
    assert_eq!(changed["phone"], serde_json::Value::Null);
    assert_eq!(
        changed["consents"]["sms"]["at"], sms_at,
        "unchanged answer keeps its time"
    );
    assert_ne!(changed["consents"]["email"]["at"], email_at);
    assert_eq!(changed["consents"]["email"]["given"], true);

    let (status, stale) = c.patch(&path, json!({ "name": "Ada", "version": 1 })).await;
    assert_eq!(
        (status, stale["code"].as_str()),
        (409, Some("version_conflict"))
    );

    let (status, archived) = c.post(&format!("{path}/archive")).await;
    assert_eq!(status, 200, "{archived}");
    assert!(archived["archived_at"].is_string());
    let (_, list) = c.get(PATIENTS).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 0);
    let (_, list) = c.get(&format!("{PATIENTS}?archived=true")).await;
    assert_eq!(list["items"][0]["code"], "PAT000001");
    assert!(
        list["items"][0].get("diagnosis").is_none(),
        "lists carry no clinical fields"
    );
    let (status, _) = c.post(&format!("{path}/unarchive")).await;
    assert_eq!(status, 200);
    let (status, read) = c.get(&path).await;
    assert_eq!(status, 200);
    assert_eq!(read["complaint"], "Left knee pain");
    let (status, _) = c.call(c.app.delete(&c.tenant.host, &path)).await;
    assert_eq!(status, 405, "no delete: records are archived");
}

#[tokio::test]
async fn bad_input_is_refused_naming_each_field() {
    let c = clinic().await;
    let (status, problem) = c
        .create(json!({
            "name": " ", "date_of_birth": "2999-01-01", "sex": "x", "phone": "0612",
            "email": "@", "address": "a\u{0000}b", "group": "g".repeat(81),
            "diagnosis": "d".repeat(5001)
        }))
        .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["code"], "validation_failed");
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    for field in [
        "name",
        "date_of_birth",
        "sex",
        "phone",
        "email",
        "address",
        "group",
        "diagnosis",
    ] {
        assert!(fields.contains(&field), "{field} in {fields:?}");
    }
    let (status, _) = c
        .create(json!({ "name": "Old", "date_of_birth": "1899-12-31" }))
        .await;
    assert_eq!(status, 422);
    let (status, _) = c
        .create(json!({ "name": "Odd", "consents": { "fax": true } }))
        .await;
    assert_eq!(status, 422);
    let (status, problem) = c.get(&format!("{PATIENTS}?limit=101")).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (400, Some("invalid_limit"))
    );
    let (status, problem) = c.get(&format!("{PATIENTS}?cursor=junk")).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (400, Some("invalid_cursor"))
    );
    assert_eq!(c.all_access_rows(), 0, "nothing reached, nothing logged");
}

#[tokio::test]
async fn a_misspelt_name_a_code_or_a_phone_finds_the_patient() {
    let c = clinic().await;
    let jonathan = c
        .create(json!({ "name": "Jonathan Smith", "phone": "+33 6 12 34 56 78" }))
        .await
        .1;
    for name in [
        "Maria Garcia",
        "Peter Jones",
        "Jonas Schmidt",
        "Anna Smythe",
    ] {
        c.created(name).await;
    }
    let (status, found) = c.get(&format!("{PATIENTS}?q=jonathon%20smiht")).await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(found["items"][0]["id"], jonathan["id"], "{found}");
    assert!(found["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["name"] != "Maria Garcia"));

    let (_, by_code) = c.get(&format!("{PATIENTS}?q=pat000001")).await;
    assert_eq!(by_code["items"].as_array().unwrap().len(), 1);
    assert_eq!(by_code["items"][0]["id"], jonathan["id"]);
    let (_, by_prefix) = c.get(&format!("{PATIENTS}?q=PAT00000&limit=2")).await;
    assert_eq!(by_prefix["items"][0]["code"], "PAT000001");
    assert_eq!(by_prefix["items"][1]["code"], "PAT000002");
    let cursor = by_prefix["next_cursor"].as_str().unwrap();
    let (_, rest) = c
        .get(&format!("{PATIENTS}?q=PAT00000&limit=2&cursor={cursor}"))
        .await;
    assert_eq!(rest["items"][0]["code"], "PAT000003", "{rest}");

    let (_, by_phone) = c.get(&format!("{PATIENTS}?q=6%2012%2034")).await;
    assert_eq!(by_phone["items"].as_array().unwrap().len(), 1);
    assert_eq!(by_phone["items"][0]["id"], jonathan["id"]);
}

#[tokio::test]
async fn name_order_pages_with_a_cursor_and_filters_apply() {
    let c = clinic().await;
    for (name, group, favourite) in [
        ("Cara", "Backs", false),
        ("Abe", "Knees", true),
        ("Bea", "Knees", false),
    ] {
        let (status, _) = c
            .create(json!({ "name": name, "group": group, "favourite": favourite }))
            .await;
        assert_eq!(status, 201);
    }
    let (_, first) = c.get(&format!("{PATIENTS}?limit=2")).await;
    let names: Vec<&str> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Abe", "Bea"]);
    let cursor = first["next_cursor"].as_str().unwrap();
    let (_, second) = c.get(&format!("{PATIENTS}?limit=2&cursor={cursor}")).await;
    assert_eq!(second["items"][0]["name"], "Cara");
    assert_eq!(second["next_cursor"], serde_json::Value::Null);
    let (_, knees) = c.get(&format!("{PATIENTS}?group=Knees")).await;
    assert_eq!(knees["items"].as_array().unwrap().len(), 2);
    let (_, favourites) = c.get(&format!("{PATIENTS}?favourite=true")).await;
    assert_eq!(favourites["items"][0]["name"], "Abe");
    assert_eq!(favourites["items"].as_array().unwrap().len(), 1);
}

/// Names of a page's patients, in order.
fn names_of(page: &serde_json::Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_name_search_pages_most_alike_first_and_filters_apply() {
    let c = clinic().await;
    // Two patients of the same name score alike: the id orders them.
    let mut twins = Vec::new();
    for (name, group, favourite) in [
        ("Maria Lopez", "Knees", true),
        ("Maria Lopez", "Backs", false),
        ("Mario Lopes", "Knees", false),
        ("Marianne Lopez-Diaz", "Knees", true),
        ("Peter Jones", "Knees", true),
    ] {
        let (status, made) = c
            .create(json!({ "name": name, "group": group, "favourite": favourite }))
            .await;
        assert_eq!(status, 201, "{made}");
        if name == "Maria Lopez" {
            twins.push(made["id"].as_str().unwrap().to_string());
        }
    }
    twins.sort();
    let search = format!("{PATIENTS}?q=maria%20lopez");
    let mut seen = Vec::new();
    let mut ids = Vec::new();
    let mut url = format!("{search}&limit=1");
    loop {
        let (status, page) = c.get(&url).await;
        assert_eq!(status, 200, "{page}");
        seen.extend(names_of(&page));
        ids.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["id"].as_str().unwrap().to_string()),
        );
        match page["next_cursor"].as_str() {
            Some(cursor) => url = format!("{search}&limit=1&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(seen[..2], ["Maria Lopez", "Maria Lopez"], "{seen:?}");
    assert_eq!(ids[..2], twins[..], "equal scores in id order");
    assert!(seen.contains(&"Mario Lopes".to_string()), "{seen:?}");
    assert!(!seen.contains(&"Peter Jones".to_string()), "{seen:?}");
    assert_eq!(
        seen.len(),
        ids.iter().collect::<std::collections::HashSet<_>>().len()
    );

    let (_, backs) = c.get(&format!("{search}&group=Backs")).await;
    assert_eq!(names_of(&backs), ["Maria Lopez"]);
    let (_, favourites) = c.get(&format!("{search}&favourite=true")).await;
    assert_eq!(names_of(&favourites)[0], "Maria Lopez");
    assert!(names_of(&favourites).iter().all(|n| n != "Mario Lopes"));

    let (status, _) = c.post(&format!("{PATIENTS}/{}/archive", twins[0])).await;
    assert_eq!(status, 200);
    let (_, active) = c.get(&search).await;
    assert_eq!(
        names_of(&active)
            .iter()
            .filter(|n| *n == "Maria Lopez")
            .count(),
        1
    );
    let (_, archived) = c.get(&format!("{search}&archived=true")).await;
    assert_eq!(names_of(&archived), ["Maria Lopez"]);
    assert_eq!(archived["items"][0]["id"], twins[0].as_str());
}

#[tokio::test]
async fn a_customer_is_refused_and_staff_may_work_on_patients() {
    let c = clinic().await;
    let patient = c.created("Private Person").await;
    let path = format!("{PATIENTS}/{}", id_of(&patient));
    let login = customer_account(&c.app, &c.tenant, "someone@example.com").await;
    let customer = login["access_token"].as_str().unwrap();
    for req in [
        c.app.get(&c.tenant.host, PATIENTS),
        c.app.get(&c.tenant.host, &path),
        c.app.get(&c.tenant.host, &format!("{path}/export")),
        c.app.get(&c.tenant.host, &format!("{path}/access-log")),
        c.app
            .patch(&c.tenant.host, &path)
            .json(&json!({ "name": "X" })),
        c.app
            .post(&c.tenant.host, PATIENTS)
            .json(&json!({ "name": "X" })),
    ] {
        let (status, problem) = json_of(req.bearer_auth(customer).send().await.unwrap()).await;
        assert_eq!(status, 403, "{problem}");
        assert_eq!(problem["code"], "forbidden_role");
    }
    assert_eq!(
        c.access_rows(&id_of(&patient)).len(),
        1,
        "only the creation"
    );
    let staff = c.app.member_token(&c.tenant, identity::Role::Staff);
    let (status, _) = json_of(
        c.app
            .get(&c.tenant.host, &path)
            .bearer_auth(&staff)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = json_of(
        c.app
            .get(&c.tenant.host, &format!("{path}/access-log"))
            .bearer_auth(&staff)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 403, "the access log is for the owner and admins");
}

#[tokio::test]
async fn another_tenant_cannot_see_the_patient() {
    let a = clinic().await;
    let patient = a.created("Only On A").await;
    let b_tenant = provision_tenant("clinicb");
    let b_token = a.app.owner_token(&b_tenant);
    let path = format!("{PATIENTS}/{}", id_of(&patient));
    for req in [
        a.app.get(&b_tenant.host, &path),
        a.app.get(&b_tenant.host, &format!("{path}/export")),
        a.app.get(&b_tenant.host, &format!("{path}/access-log")),
        a.app
            .patch(&b_tenant.host, &path)
            .json(&json!({ "name": "Taken" })),
        a.app.post(&b_tenant.host, &format!("{path}/archive")),
    ] {
        let (status, problem) = json_of(req.bearer_auth(&b_token).send().await.unwrap()).await;
        assert_eq!(status, 404, "{problem}");
        assert_eq!(problem["code"], "patient_not_found");
    }
    let (_, list) = json_of(
        a.app
            .get(&b_tenant.host, &format!("{PATIENTS}?q=only%20on%20a"))
            .bearer_auth(&b_token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(list["items"].as_array().unwrap().len(), 0);
    // A's token on B's host is refused outright.
    let (status, _) = json_of(
        a.app
            .get(&b_tenant.host, &path)
            .bearer_auth(&a.token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 401);
    let (_, read) = a.get(&path).await;
    assert_eq!(read["name"], "Only On A");
}

#[tokio::test]
async fn the_plan_limit_counts_patients_not_archived() {
    let app = spawn_app().await;
    let tenant = clinic_on_patient_plan(2);
    let token = app.owner_token(&tenant);
    let c = Clinic { app, tenant, token };
    let first = c.created("One").await;
    c.created("Two").await;
    let (status, problem) = c.create(json!({ "name": "Three" })).await;
    assert_eq!(status, 403, "{problem}");
    assert_eq!(problem["code"], "plan_limit_reached");
    assert_eq!(problem["limit"], "patients");
    let path = format!("{PATIENTS}/{}", id_of(&first));
    assert_eq!(c.post(&format!("{path}/archive")).await.0, 200);
    let third = c.created("Three").await;
    assert_eq!(
        third["code"], "PAT000003",
        "the refused creation drew no code"
    );
    let (status, problem) = c.post(&format!("{path}/unarchive")).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (403, Some("plan_limit_reached"))
    );
}
