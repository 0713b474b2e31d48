//! The chart's documents over plain HTTP: the upload form (multipart with
//! its CSRF token) keeps the file and goes back to the chart, which lists
//! it with a link that downloads it as an attachment; each request leaves
//! one access row; without the token nothing is kept.

use identity::Role;
use reqwest::header::{ACCEPT, CONTENT_DISPOSITION, COOKIE};
use reqwest::multipart::{Form, Part};

use super::admin_shop::{shop_office, PNG};
use super::back_office::{csrf_of, Office};
use crate::clinics::records::{access_rows, new_patient};
use crate::support::*;

async fn upload(office: &Office<'_>, path: &str, token: Option<&str>) -> (u16, String) {
    let part = Part::bytes(PNG.to_vec())
        .file_name("x-ray.png")
        .mime_str("image/png")
        .unwrap();
    let mut form = Form::new();
    if let Some(token) = token {
        form = form.text("csrf_token", token.to_string());
    }
    let form = form.text("title", "Knee X-ray").part("file", part);
    let res = office
        .app
        .post(&office.host, path)
        .header(ACCEPT, "text/html")
        .header(COOKIE, &office.cookies)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, location)
}

#[tokio::test]
async fn a_document_is_uploaded_from_the_chart_and_downloaded_from_it() {
    let app = spawn_app().await;
    let (t, staff) = shop_office(&app, Role::Staff, "pro").await;
    let patient = new_patient(&app, &t, "Ann Example");
    let chart = format!("/admin/patients/{patient}");
    let (status, html, _) = staff.get(&chart).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("id=\"no-documents\""), "{html}");
    let token = csrf_of(&html);
    let rows = access_rows(&app, &t, patient).len();

    let (status, _) = upload(&staff, &format!("{chart}/documents"), None).await;
    assert_eq!(status, 403);
    assert_eq!(access_rows(&app, &t, patient).len(), rows);

    let (status, location) = upload(&staff, &format!("{chart}/documents"), Some(&token)).await;
    assert_eq!(status, 303);
    assert_eq!(location, format!("{chart}?done=uploaded"));
    assert_eq!(access_rows(&app, &t, patient).len(), rows + 1);
    assert_eq!(
        access_rows(&app, &t, patient).last().unwrap().action,
        "upload_document"
    );

    let (_, html, _) = staff.get(&chart).await;
    assert!(html.contains("Knee X-ray"), "{html}");
    let marker = "href=\"/admin/documents/";
    let at = html.find(marker).expect("a download link") + marker.len();
    let link = format!("/admin/documents/{}", html[at..].split('"').next().unwrap());
    let rows = access_rows(&app, &t, patient).len();
    let res = app
        .get(&t.host, &link)
        .header(COOKIE, &staff.cookies)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/png");
    let disposition = res.headers()[CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .to_string();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    assert_eq!(res.bytes().await.unwrap().as_ref(), PNG);
    assert_eq!(access_rows(&app, &t, patient).len(), rows + 1);
    assert_eq!(
        access_rows(&app, &t, patient).last().unwrap().action,
        "read_document"
    );
}
