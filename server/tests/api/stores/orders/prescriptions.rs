//! Prescriptions: the buyer uploads one for an order that needs it; the
//! file's kind comes from its content; staff read and review it; an
//! approved one lets the order ship, a rejected one cancels and restocks
//! it. Nobody else gets near the file.

use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};
use uuid::Uuid;

use super::fixture::{Placed, Spec};
use super::{As, Shop};
use crate::support::*;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\x0f\0\0\x01\x01\0\x05\x18\xd8N\0\0\0\0IEND\xaeB`\x82";

fn elf() -> Vec<u8> {
    let mut bytes = b"\x7FELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3E\0".to_vec();
    bytes.resize(256, 0);
    bytes
}

fn needing_one(shop: &Shop) -> Placed {
    shop.place(Spec {
        prescription_status: Some("awaiting_upload"),
        ..Spec::default()
    })
}

/// Uploads `bytes` as `name` (declared as a PDF, whatever it is).
async fn upload(
    shop: &Shop,
    host: &str,
    order: Uuid,
    token: Option<&str>,
    name: &str,
    bytes: Vec<u8>,
) -> (u16, Value) {
    let part = Part::bytes(bytes)
        .file_name(name.to_string())
        .mime_str("application/pdf")
        .unwrap();
    let mut req = shop
        .app
        .post(host, &format!("/api/v1/orders/{order}/prescriptions"))
        .multipart(
            Form::new()
                .text("note", "from my doctor")
                .part("file", part),
        );
    if let Some(token) = token {
        req = req.header("X-Order-Token", token);
    }
    json_of(req.send().await.unwrap()).await
}

fn stored_files(shop: &Shop) -> usize {
    let dir = std::path::Path::new(&shop.app.app_state.settings.storage_dir)
        .join(format!("tenants/{}/prescriptions", shop.tenant.id));
    std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0)
}

async fn review(shop: &Shop, id: &str, decision: &str) -> (u16, Value) {
    shop.post(
        &format!("/api/v1/prescriptions/{id}/review"),
        As::Staff,
        Some(json!({ "decision": decision, "note": "checked with the doctor" })),
    )
    .await
}

#[tokio::test]
async fn an_image_named_pdf_is_kept_as_an_image_and_approved_the_order_ships() {
    let shop = Shop::new().await;
    let placed = needing_one(&shop);
    let host = shop.tenant.host.clone();

    let (status, body) = upload(
        &shop,
        &host,
        placed.order_id,
        Some(&placed.token),
        "scan.pdf",
        PNG.to_vec(),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["content_type"], "image/png");
    assert_eq!(body["status"], "pending_review");
    assert_eq!(body["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(stored_files(&shop), 1);
    let id = body["id"].as_str().unwrap().to_string();

    // Staff see it waiting and read the file back as it was sent.
    let (status, list) = shop.get("/api/v1/prescriptions", As::Staff).await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["items"][0]["id"], id.as_str());
    assert_eq!(list["items"][0]["order_number"], placed.number);
    let res = shop
        .app
        .get(&host, &format!("/api/v1/prescriptions/{id}/file"))
        .bearer_auth(&shop.staff)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/png");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert_eq!(res.bytes().await.unwrap().as_ref(), PNG);

    // Not shipped before it is approved; shipped after.
    for to in ["paid", "processing"] {
        let (status, body) = shop.move_to(placed.order_id, to).await;
        assert_eq!(status, 200, "{body}");
    }
    let (status, body) = shop.move_to(placed.order_id, "shipped").await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "prescription_required");
    let (status, body) = review(&shop, &id, "approve").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "approved");
    let (status, body) = review(&shop, &id, "reject").await;
    assert_eq!(status, 409, "a decision stands: {body}");
    assert_eq!(body["code"], "prescription_reviewed");
    let (status, body) = shop.move_to(placed.order_id, "shipped").await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn a_rejected_prescription_cancels_the_order_and_restocks_it() {
    let shop = Shop::new().await;
    let placed = needing_one(&shop);
    let stock_before = shop.stock(&placed);
    let (status, body) = upload(
        &shop,
        &shop.tenant.host,
        placed.order_id,
        Some(&placed.token),
        "rx.pdf",
        PNG.to_vec(),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let (status, body) = review(&shop, body["id"].as_str().unwrap(), "reject").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "rejected");
    assert_eq!(shop.status(&placed), "cancelled");
    // The fixture's order is of 2 units.
    assert_eq!(shop.stock(&placed), stock_before + 2);
    let history = shop.history(&placed);
    assert!(
        history
            .iter()
            .any(|(_, to, actor)| to == "cancelled" && actor == "staff"),
        "{history:?}"
    );
}

#[tokio::test]
async fn executables_strangers_and_orders_without_prescriptions_are_refused() {
    let shop = Shop::new().await;
    let placed = needing_one(&shop);
    let host = shop.tenant.host.clone();

    let (status, body) = upload(
        &shop,
        &host,
        placed.order_id,
        Some(&placed.token),
        "rx.pdf",
        elf(),
    )
    .await;
    assert_eq!(status, 415, "{body}");
    assert_eq!(body["code"], "unsupported_file_type");
    let (status, body) = upload(
        &shop,
        &host,
        placed.order_id,
        Some(&placed.token),
        "rx.pdf",
        Vec::new(),
    )
    .await;
    assert_eq!(status, 422, "{body}");

    // No token, a wrong one, another site: as if there were no such order.
    for token in [None, Some("not-the-token")] {
        let (status, body) =
            upload(&shop, &host, placed.order_id, token, "rx.png", PNG.to_vec()).await;
        assert_eq!(status, 404, "{body}");
    }
    let other = provision_tenant("rx-other");
    let (status, _) = upload(
        &shop,
        &other.host,
        placed.order_id,
        Some(&placed.token),
        "rx.png",
        PNG.to_vec(),
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(stored_files(&shop), 0, "nothing refused is kept");

    // An order that needs none takes none.
    let plain = shop.order();
    let (status, body) = upload(
        &shop,
        &host,
        plain.order_id,
        Some(&plain.token),
        "rx.png",
        PNG.to_vec(),
    )
    .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "prescription_not_expected");
    assert_eq!(stored_files(&shop), 0);

    // Files and reviews are staff's only.
    let (status, body) = upload(
        &shop,
        &host,
        placed.order_id,
        Some(&placed.token),
        "rx.png",
        PNG.to_vec(),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let id = body["id"].as_str().unwrap().to_string();
    let (_, customer) = super::fixture::customer(&shop.app, &shop.tenant);
    for who in [As::Nobody, As::Bearer(&customer), As::Token(&placed.token)] {
        let (status, _) = shop
            .get(&format!("/api/v1/prescriptions/{id}/file"), who)
            .await;
        assert!(status == 401 || status == 403, "{status}");
    }
    let (status, _) = shop
        .post(
            &format!("/api/v1/prescriptions/{id}/review"),
            As::Bearer(&customer),
            Some(json!({ "decision": "approve" })),
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = shop
        .get(
            &format!("/api/v1/prescriptions/{}/file", Uuid::new_v4()),
            As::Staff,
        )
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_file_over_the_limit_is_413_and_not_kept() {
    let app = spawn_app_with(|s| s.upload_max_bytes = 1024).await;
    let tenant = provision_tenant("rx-big");
    let shop = Shop::with(app, tenant, None);
    let placed = needing_one(&shop);
    let mut big = PNG.to_vec();
    big.resize(4096, 0);
    let (status, body) = upload(
        &shop,
        &shop.tenant.host,
        placed.order_id,
        Some(&placed.token),
        "rx.png",
        big,
    )
    .await;
    assert_eq!(status, 413, "{body}");
    assert_eq!(body["code"], "file_too_large");
    assert_eq!(stored_files(&shop), 0);
}

#[tokio::test]
async fn the_clinic_s_documents_count_against_the_storage_a_prescription_needs() {
    use diesel::connection::SimpleConnection;
    use diesel::prelude::*;
    let app = spawn_app().await;
    let (tenant, _) = provision_on_new_plan(r#"{"storage_mb": 1}"#, "{documents}");
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    // The practice's scans fill the plan's one megabyte.
    conn.batch_execute(&format!(
        "INSERT INTO \"{schema}\".patients (id, name) VALUES ('{id}', 'Scanned Patient'); \
         INSERT INTO \"{schema}\".patient_documents \
             (id, patient_id, title, content_type, size_bytes, sha256, storage_key, uploaded_by) \
         VALUES (gen_random_uuid(), '{id}', 'Scan', 'image/png', 1048576, repeat('a', 64), \
                 'tenants/x/documents/scan', gen_random_uuid())",
        schema = tenant.schema,
        id = Uuid::new_v4(),
    ))
    .unwrap();
    let shop = Shop::with(app, tenant, None);
    let placed = needing_one(&shop);
    let (status, body) = upload(
        &shop,
        &shop.tenant.host,
        placed.order_id,
        Some(&placed.token),
        "rx.png",
        PNG.to_vec(),
    )
    .await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["code"], "plan_limit_reached");
    assert_eq!(body["limit"], "storage_mb");
    assert_eq!(stored_files(&shop), 0, "the refused file is not kept");
}
