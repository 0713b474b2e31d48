//! Documents on a patient: kept as what their content is, refused when they
//! are not a PDF, PNG or JPEG, served only to staff of their clinic, deleted
//! with their file, within the plan's feature and storage; one access row
//! per request that reached the record.

use reqwest::multipart::{Form, Part};
use serde_json::Value;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::docs_fixture::{As, Clinic};
use crate::support::*;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\x0f\0\0\x01\x01\0\x05\x18\xd8N\0\0\0\0IEND\xaeB`\x82";
const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

fn elf() -> Vec<u8> {
    let mut bytes = b"\x7FELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3E\0".to_vec();
    bytes.resize(256, 0);
    bytes
}

/// A PNG of `size` bytes: its signature, then padding (the kind is read
/// from the signature).
fn png_of(size: usize) -> Vec<u8> {
    let mut bytes = PNG.to_vec();
    bytes.resize(size, 0);
    bytes
}

/// Uploads `bytes` as `name`, declared a PDF whatever it is.
async fn upload_on(
    clinic: &Clinic,
    host: &str,
    token: &str,
    patient: Uuid,
    name: &str,
    bytes: Vec<u8>,
) -> (u16, Value) {
    let part = Part::bytes(bytes)
        .file_name(name.to_string())
        .mime_str("application/pdf")
        .unwrap();
    let req = clinic
        .app
        .post(host, &format!("/api/v1/patients/{patient}/documents"))
        .bearer_auth(token)
        .multipart(Form::new().text("title", "Knee X-ray").part("file", part));
    json_of(req.send().await.unwrap()).await
}

async fn upload(clinic: &Clinic, patient: Uuid, name: &str, bytes: Vec<u8>) -> (u16, Value) {
    let host = clinic.tenant.host.clone();
    upload_on(clinic, &host, &clinic.staff, patient, name, bytes).await
}

fn stored_files(clinic: &Clinic) -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(&clinic.app.app_state.settings.storage_dir)
        .join(format!("tenants/{}/documents", clinic.tenant.id));
    std::fs::read_dir(dir)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_png_named_pdf_is_kept_as_png_and_only_the_clinics_staff_read_it() {
    let clinic = Clinic::new().await;
    let patient = clinic.patient("Ada Lovelace");

    let (status, body) = upload(&clinic, patient, "x-ray.pdf", PNG.to_vec()).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["content_type"], "image/png");
    assert_eq!(body["title"], "Knee X-ray");
    assert_eq!(body["patient_id"], patient.to_string());
    assert_eq!(body["sha256"], hex::encode(Sha256::digest(PNG)));
    assert_eq!(body["size_bytes"], PNG.len());
    let id = body["id"].as_str().unwrap().to_string();

    let (status, list) = clinic
        .get(&format!("/api/v1/patients/{patient}/documents"), As::Staff)
        .await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["items"][0]["id"], id.as_str());

    let res = clinic
        .app
        .get(&clinic.tenant.host, &format!("/api/v1/documents/{id}"))
        .bearer_auth(&clinic.staff)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/png");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert_eq!(
        res.headers()["content-disposition"],
        "attachment; filename=\"Knee-X-ray.png\""
    );
    assert_eq!(res.bytes().await.unwrap().as_ref(), PNG);

    // A customer of the clinic (a patient, say) is refused.
    let customer = clinic.customer();
    for path in [
        format!("/api/v1/documents/{id}"),
        format!("/api/v1/patients/{patient}/documents"),
    ] {
        let (status, body) = clinic.get(&path, As::Bearer(&customer)).await;
        assert_eq!(status, 403, "{path}: {body}");
        assert_eq!(body["code"], "forbidden_role");
    }
    let (status, _) = upload_on(
        &clinic,
        &clinic.tenant.host.clone(),
        &customer,
        patient,
        "a.png",
        PNG.to_vec(),
    )
    .await;
    assert_eq!(status, 403);

    // Another clinic: its owner finds no such document; A's token is not
    // taken there at all.
    let other = provision_tenant("clinic-b");
    let other_owner = clinic.app.owner_token(&other);
    for token in [&other_owner, &clinic.staff] {
        let res = clinic
            .app
            .get(&other.host, &format!("/api/v1/documents/{id}"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        assert!(status == 404 || status == 401, "{status}");
        assert_ne!(res.bytes().await.unwrap().as_ref(), PNG);
    }

    // Upload, list and download: one row each; refusals reached nothing.
    assert_eq!(
        clinic.access_log(patient),
        [
            ("upload_document".to_string(), true),
            ("list_documents".to_string(), true),
            ("read_document".to_string(), true),
        ]
    );
}

#[tokio::test]
async fn executables_and_empty_files_are_refused_and_nothing_is_kept() {
    let clinic = Clinic::new().await;
    let patient = clinic.patient("Ben Bitdiddle");
    let (status, body) = upload(&clinic, patient, "report.pdf", elf()).await;
    assert_eq!(status, 415, "{body}");
    assert_eq!(body["code"], "unsupported_file_type");
    let (status, body) = upload(&clinic, patient, "report.pdf", Vec::new()).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "file");
    // No file field at all.
    let res = clinic
        .app
        .post(
            &clinic.tenant.host,
            &format!("/api/v1/patients/{patient}/documents"),
        )
        .bearer_auth(&clinic.staff)
        .multipart(Form::new().text("title", "nothing"))
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(res).await;
    assert_eq!(status, 422, "{body}");
    // A title on more than one line.
    let part = Part::bytes(PDF.to_vec()).file_name("a.pdf");
    let res = clinic
        .app
        .post(
            &clinic.tenant.host,
            &format!("/api/v1/patients/{patient}/documents"),
        )
        .bearer_auth(&clinic.staff)
        .multipart(Form::new().text("title", "two\nlines").part("file", part))
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(res).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "title");
    // No such patient.
    let (status, body) = upload(&clinic, Uuid::new_v4(), "a.pdf", PDF.to_vec()).await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(body["code"], "patient_not_found");
    assert!(stored_files(&clinic).is_empty(), "nothing refused is kept");
    assert!(clinic.access_log(patient).is_empty());
}

#[tokio::test]
async fn deleting_a_document_removes_its_file() {
    let clinic = Clinic::new().await;
    let patient = clinic.patient("Cy D. Fect");
    let (status, body) = upload(&clinic, patient, "letter.pdf", PDF.to_vec()).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["content_type"], "application/pdf");
    let id = body["id"].as_str().unwrap().to_string();
    let files = stored_files(&clinic);
    assert_eq!(files.len(), 1);
    assert!(files[0].ends_with(&id));

    let res = clinic
        .app
        .delete(&clinic.tenant.host, &format!("/api/v1/documents/{id}"))
        .bearer_auth(&clinic.staff)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    assert!(!files[0].exists(), "the file is gone from the disk");
    let (status, body) = clinic
        .get(&format!("/api/v1/documents/{id}"), As::Staff)
        .await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(body["code"], "document_not_found");
    assert_eq!(
        clinic.count("SELECT count(*) AS n FROM patient_documents"),
        0
    );
    assert_eq!(
        clinic.access_log(patient),
        [
            ("upload_document".to_string(), true),
            ("delete_document".to_string(), true),
        ]
    );
}

#[tokio::test]
async fn a_plan_without_documents_refuses_uploads() {
    let clinic = Clinic::on_plan("{}", "{}").await;
    let patient = clinic.patient("Eva Lu Ator");
    let (status, body) = upload(&clinic, patient, "a.pdf", PDF.to_vec()).await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["code"], "feature_not_in_plan");
    assert_eq!(body["feature"], "documents");
    assert!(stored_files(&clinic).is_empty());
}

#[tokio::test]
async fn storage_counts_documents_and_a_full_plan_refuses_more() {
    let clinic = Clinic::on_plan(r#"{"storage_mb": 1}"#, "{documents}").await;
    let patient = clinic.patient("Lem E. Tweakit");
    let (status, body) = upload(&clinic, patient, "scan.png", png_of(700 * 1024)).await;
    assert_eq!(status, 201, "{body}");
    let owner = clinic.app.owner_token(&clinic.tenant);
    let (status, sub) = clinic
        .get("/api/v1/billing/subscription", As::Bearer(&owner))
        .await;
    assert_eq!(status, 200, "{sub}");
    let storage = sub["limits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["limit"] == "storage_mb")
        .unwrap();
    assert_eq!(storage["used"], 1, "{sub}");

    let (status, body) = upload(&clinic, patient, "more.png", png_of(10 * 1024)).await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["code"], "plan_limit_reached");
    assert_eq!(body["limit"], "storage_mb");
    assert_eq!(
        stored_files(&clinic).len(),
        1,
        "the refused file is not kept"
    );
    // The refused upload was turned away before it reached the record.
    assert_eq!(
        clinic.access_log(patient),
        [("upload_document".to_string(), true)]
    );
}
