//! Customers over HTTP: CRUD, validation, roles, export and erasure
//! (search and pagination: listing.rs).

use std::collections::HashSet;

use identity::Role;
use serde_json::{json, Value};

use super::{id_of, setup, CUSTOMERS};
use crate::support::*;

#[tokio::test]
async fn create_read_update_delete() {
    let cx = setup().await;
    let created = cx
        .created(json!({
            "name": "  Ada Lovelace ",
            "email": "Ada@Example.COM",
            "phone": "+44 20 7946 0958",
            "tags": ["vip", "vip", "newsletter"],
            "marketing_consent": true,
            "notes": "Prefers mornings.\nAllergic to latex."
        }))
        .await;
    assert_eq!(created["name"], "Ada Lovelace");
    assert_eq!(created["email"], "ada@example.com");
    assert_eq!(created["tags"], json!(["vip", "newsletter"]));
    assert_eq!(created["marketing_consent"], true);
    assert!(created["consent_at"].is_string(), "{created}");
    assert!(created["erased_at"].is_null());
    let keys: HashSet<&str> = created
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let expected: HashSet<&str> = [
        "id",
        "name",
        "email",
        "phone",
        "tags",
        "marketing_consent",
        "consent_at",
        "notes",
        "created_at",
        "updated_at",
        "erased_at",
    ]
    .into();
    assert_eq!(keys, expected);
    let id = id_of(&created);

    let (status, fetched) = cx.get(&format!("{CUSTOMERS}/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(fetched, created);

    // Absent fields stay, null clears, consent withdrawn clears its time.
    let (status, patched) = cx
        .patch(
            &id,
            json!({"name": "Ada King", "email": null, "marketing_consent": false}),
        )
        .await;
    assert_eq!(status, 200, "{patched}");
    assert_eq!(patched["name"], "Ada King");
    assert!(patched["email"].is_null());
    assert_eq!(
        patched["phone"], "+442079460958",
        "phones are kept in E.164"
    );
    assert_eq!(patched["tags"], json!(["vip", "newsletter"]));
    assert_eq!(patched["marketing_consent"], false);
    assert!(patched["consent_at"].is_null());
    assert_ne!(patched["updated_at"], created["updated_at"]);

    let (_, consented) = cx.patch(&id, json!({"marketing_consent": true})).await;
    let first_consent = consented["consent_at"].clone();
    assert!(first_consent.is_string(), "{consented}");
    // Consenting again keeps the time consent was first given.
    let (_, again) = cx
        .patch(&id, json!({"marketing_consent": true, "tags": null}))
        .await;
    assert_eq!(again["consent_at"], first_consent);
    assert_eq!(again["tags"], json!([]));

    let res = cx
        .app
        .delete(&cx.tenant.host, &format!("{CUSTOMERS}/{id}"))
        .bearer_auth(&cx.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);

    for path in [
        format!("{CUSTOMERS}/{id}"),
        format!("{CUSTOMERS}/{id}/export"),
    ] {
        let (status, body) = cx.get(&path).await;
        assert_eq!(status, 404, "{path}: {body}");
        assert_eq!(body["code"], "customer_not_found");
    }
    assert!(cx.names("").await.is_empty());
    let res = cx
        .app
        .delete(&cx.tenant.host, &format!("{CUSTOMERS}/{id}"))
        .bearer_auth(&cx.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn unknown_or_malformed_ids_are_404() {
    let cx = setup().await;
    for id in [uuid::Uuid::new_v4().to_string(), "not-a-uuid".into()] {
        let (status, body) = cx.get(&format!("{CUSTOMERS}/{id}")).await;
        assert_eq!(status, 404, "{body}");
        assert_eq!(body["code"], "customer_not_found");
        let (status, body) = cx.patch(&id, json!({"name": "X"})).await;
        assert_eq!(status, 404, "{body}");
        let (status, _) = cx.post_raw(&format!("{CUSTOMERS}/{id}/erase"), "").await;
        assert_eq!(status, 404);
    }
}

#[tokio::test]
async fn duplicate_live_email_is_409_and_frees_up_on_delete() {
    let cx = setup().await;
    let first = cx
        .created(json!({"name": "One", "email": "same@example.com"}))
        .await;
    let (status, body) = cx
        .create(json!({"name": "Two", "email": "SAME@example.com"}))
        .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "customer_email_taken");

    let other = cx
        .created(json!({"name": "Three", "email": "other@example.com"}))
        .await;
    let (status, body) = cx
        .patch(&id_of(&other), json!({"email": "same@example.com"}))
        .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "customer_email_taken");

    cx.app
        .delete(&cx.tenant.host, &format!("{CUSTOMERS}/{}", id_of(&first)))
        .bearer_auth(&cx.token)
        .send()
        .await
        .unwrap();
    cx.created(json!({"name": "Two", "email": "same@example.com"}))
        .await;
}

#[tokio::test]
async fn invalid_fields_are_422_with_messages() {
    let cx = setup().await;
    let (status, body) = cx
        .create(json!({
            "name": "   ",
            "email": "not-an-email",
            "phone": "call me maybe",
            "tags": (0..21).map(|i| format!("t{i}")).collect::<Vec<_>>(),
            "notes": "n".repeat(5001),
        }))
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["code"], "validation_failed");
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["name", "email", "phone", "tags", "notes"]);
    let detail = body["detail"].as_str().unwrap();
    assert!(detail.contains("not a valid email"), "{detail}");
    assert!(detail.contains("at most 20 tags"), "{detail}");

    for (body, field) in [
        (json!({"name": "x".repeat(201)}), "name"),
        (json!({"name": "ok", "tags": ["x".repeat(41)]}), "tags"),
        (json!({"name": "ok", "tags": [""]}), "tags"),
        (json!({"name": "ok", "phone": "1".repeat(33)}), "phone"),
        (json!({"name": "ok", "notes": "a\u{0}b"}), "notes"),
    ] {
        let (status, problem) = cx.create(body.clone()).await;
        assert_eq!(status, 422, "{body}: {problem}");
        assert_eq!(problem["errors"][0]["field"], field, "{problem}");
    }

    let customer = cx.created(json!({"name": "Kept"})).await;
    let id = id_of(&customer);
    for body in [
        json!({"name": null}),
        json!({"marketing_consent": null}),
        json!({"email": "x@"}),
    ] {
        let (status, problem) = cx.patch(&id, body.clone()).await;
        assert_eq!(status, 422, "{body}: {problem}");
    }
    let (_, unchanged) = cx.get(&format!("{CUSTOMERS}/{id}")).await;
    assert_eq!(unchanged["name"], "Kept");
    assert!(
        cx.names("").await == ["Kept"],
        "a refused create left a row"
    );
}

#[tokio::test]
async fn malformed_bodies_are_4xx_problems() {
    let cx = setup().await;
    let (status, body) = cx
        .post_raw(CUSTOMERS, r#"{"name": "Ada", "nickname": "A"}"#)
        .await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body["detail"].as_str().unwrap().contains("nickname"),
        "{body}"
    );

    let (status, body) = cx.post_raw(CUSTOMERS, r#"{"name": "Ada""#).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["code"], "malformed_json");

    let (status, body) = cx.post_raw(CUSTOMERS, r#"{"name": 42}"#).await;
    assert_eq!(status, 422, "{body}");

    let (status, body) = cx.post_raw(CUSTOMERS, "{}").await;
    assert_eq!(status, 422, "{body}");
    assert!(body["detail"].as_str().unwrap().contains("name"), "{body}");

    let customer = cx.created(json!({"name": "Ada"})).await;
    let (status, body) = cx
        .patch(&id_of(&customer), json!({"name": "Ada", "colour": "red"}))
        .await;
    assert_eq!(status, 422, "{body}");

    let limit = cx.app.app_state.settings.max_body_bytes;
    let huge = json!({"name": "Big", "notes": "n".repeat(limit + 1)});
    let res = cx
        .app
        .post(&cx.tenant.host, CUSTOMERS)
        .bearer_auth(&cx.token)
        .json(&huge)
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.headers()["content-type"].to_str().unwrap(),
        "application/problem+json"
    );
    let (status, body) = json_of(res).await;
    assert_eq!(status, 413, "{body}");
    assert_eq!(body["code"], "body_too_large");

    let res = cx
        .app
        .client
        .put(cx.app.url(CUSTOMERS))
        .header("host", &cx.tenant.host)
        .bearer_auth(&cx.token)
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(res).await;
    assert_eq!(status, 405, "{body}");
    assert_eq!(body["code"], "method_not_allowed");
}

#[tokio::test]
async fn only_staff_may_touch_customers() {
    let cx = setup().await;
    let customer = cx.created(json!({"name": "Private"})).await;
    let one = format!("{CUSTOMERS}/{}", id_of(&customer));

    let res = cx.app.get(&cx.tenant.host, CUSTOMERS).send().await.unwrap();
    let (status, body) = json_of(res).await;
    assert_eq!(status, 401, "{body}");

    let customer_token = cx
        .app
        .token_as(&cx.tenant, uuid::Uuid::new_v4(), Role::Customer);
    for req in [
        cx.app.get(&cx.tenant.host, CUSTOMERS),
        cx.app.get(&cx.tenant.host, &one),
        cx.app
            .post(&cx.tenant.host, CUSTOMERS)
            .json(&json!({"name": "X"})),
        cx.app.delete(&cx.tenant.host, &one),
    ] {
        let (status, body) = json_of(req.bearer_auth(&customer_token).send().await.unwrap()).await;
        assert_eq!(status, 403, "{body}");
        assert_eq!(body["code"], "forbidden_role");
    }

    let staff_token = cx.app.member_token(&cx.tenant, Role::Staff);
    let res = cx
        .app
        .get(&cx.tenant.host, &one)
        .bearer_auth(&staff_token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);

    // A token from another tenant, and the platform host, see nothing.
    let other = provision_tenant("cust-other");
    let foreign = cx.app.owner_token(&other);
    let res = cx
        .app
        .get(&cx.tenant.host, &one)
        .bearer_auth(&foreign)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    let (status, body) = json_of(
        cx.app
            .get(BASE_DOMAIN, CUSTOMERS)
            .bearer_auth(&cx.token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(body["code"], "tenant_not_found");
}

#[tokio::test]
async fn export_is_a_json_attachment_of_everything_held() {
    let cx = setup().await;
    let customer = cx
        .created(json!({
            "name": "Export Me",
            "email": "me@example.com",
            "tags": ["a"],
            "notes": "note",
            "marketing_consent": true
        }))
        .await;
    let id = id_of(&customer);
    let res = cx
        .app
        .get(&cx.tenant.host, &format!("{CUSTOMERS}/{id}/export"))
        .bearer_auth(&cx.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let disposition = res.headers()["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    assert!(disposition.contains(&format!("customer-{id}.json")));
    let doc: Value = res.json().await.unwrap();
    assert_eq!(doc["format_version"], 1);
    assert!(doc["exported_at"].is_string());
    assert_eq!(doc["controller"]["slug"], cx.tenant.slug.as_str());
    for (key, value) in customer.as_object().unwrap() {
        assert_eq!(&doc["customer"][key], value, "{key}");
    }
    // The sign-in account's part: none for a record staff made.
    assert!(doc["customer"]["account"].is_null(), "{doc}");
}

#[tokio::test]
async fn erase_anonymises_keeps_the_row_and_is_idempotent() {
    let cx = setup().await;
    let customer = cx
        .created(json!({
            "name": "Forget Me",
            "email": "forget@example.com",
            "phone": "+33612345678",
            "tags": ["x"],
            "notes": "private",
            "marketing_consent": true
        }))
        .await;
    let id = id_of(&customer);

    let erase = format!("{CUSTOMERS}/{id}/erase");
    let (status, erased) = cx.post_raw(&erase, "").await;
    assert_eq!(status, 200, "{erased}");
    assert_eq!(erased["id"], id.as_str());
    assert_eq!(erased["name"], "Erased customer");
    for field in ["email", "phone", "notes", "consent_at"] {
        assert!(erased[field].is_null(), "{field}: {erased}");
    }
    assert_eq!(erased["tags"], json!([]));
    assert_eq!(erased["marketing_consent"], false);
    assert_eq!(erased["created_at"], customer["created_at"]);
    assert!(erased["erased_at"].is_string());

    let (status, again) = cx.post_raw(&erase, "").await;
    assert_eq!(status, 200);
    assert_eq!(again, erased, "a second erase changed the record");

    let (_, doc) = cx.get(&format!("{CUSTOMERS}/{id}/export")).await;
    assert!(doc["customer"]["account"].is_null(), "{doc}");
    assert!(!doc.to_string().contains("forget@example.com"));

    let (status, body) = cx.patch(&id, json!({"email": "back@example.com"})).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "customer_erased");

    // The email is free again for a new customer.
    cx.created(json!({"name": "New", "email": "forget@example.com"}))
        .await;
    assert_eq!(cx.names("q=Erased").await, ["Erased customer"]);
}

#[tokio::test]
async fn erasing_a_customer_closes_their_account() {
    let cx = setup().await;
    let email = unique_email("closing");
    let session = customer_account(&cx.app, &cx.tenant, &email).await;
    let (_, who) = me(&cx.app, &cx.tenant.host, &session["access_token"]).await;
    let id = who["id"].as_str().unwrap().to_string();
    let (_, doc) = cx.get(&format!("{CUSTOMERS}/{id}/export")).await;
    assert_eq!(
        doc["customer"]["account"]["email"],
        email.to_lowercase(),
        "{doc}"
    );
    assert!(!doc.to_string().contains("argon2"), "{doc}");

    let (status, _) = cx.post_raw(&format!("{CUSTOMERS}/{id}/erase"), "").await;
    assert_eq!(status, 200);
    // No more sign-in, no more sessions: the refresh token is dead at once,
    // the access token within the access checks' seconds.
    assert_eq!(
        login(&cx.app, &cx.tenant.host, &email, PASSWORD).await.0,
        401
    );
    assert_eq!(
        refresh(&cx.app, &cx.tenant.host, &session["refresh_token"])
            .await
            .0,
        401
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let (status, body) = me(&cx.app, &cx.tenant.host, &session["access_token"]).await;
        if status == 401 {
            assert_eq!(body["code"], "account_not_found", "{body}");
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "still signed in: {body}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn only_the_owner_and_admins_may_export_or_erase() {
    let cx = setup().await;
    let customer = cx
        .created(json!({"name": "Kept Person", "email": "kept@example.com"}))
        .await;
    let id = id_of(&customer);
    let export = format!("{CUSTOMERS}/{id}/export");
    let erase = format!("{CUSTOMERS}/{id}/erase");

    let staff_token = cx.app.member_token(&cx.tenant, Role::Staff);
    let (status, body) = json_of(
        cx.app
            .get(&cx.tenant.host, &export)
            .bearer_auth(&staff_token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["code"], "forbidden_role");
    let (status, body) = json_of(
        cx.app
            .post(&cx.tenant.host, &erase)
            .bearer_auth(&staff_token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["code"], "forbidden_role");
    // Nothing was erased.
    let (status, fetched) = cx.get(&format!("{CUSTOMERS}/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(fetched, customer);

    // An admin may do both.
    let admin_token = cx.app.member_token(&cx.tenant, Role::Admin);
    let res = cx
        .app
        .get(&cx.tenant.host, &export)
        .bearer_auth(&admin_token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let (status, erased) = json_of(
        cx.app
            .post(&cx.tenant.host, &erase)
            .bearer_auth(&admin_token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{erased}");
    assert!(erased["erased_at"].is_string(), "{erased}");
}
