//! /api/docs: Swagger UI whose every file comes from this server.

use crate::support::*;

/// The values of `attr="..."` in the page.
fn attribute_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!("{attr}=\"");
    html.match_indices(&needle)
        .filter_map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            rest.find('"').map(|end| rest[..end].to_string())
        })
        .collect()
}

#[tokio::test]
async fn docs_redirect_to_the_page() {
    let app = spawn_app().await;
    let res = app.get(BASE_DOMAIN, "/api/docs").send().await.unwrap();
    assert_eq!(res.status(), 308);
    assert_eq!(res.headers()["location"], "/api/docs/");
}

#[tokio::test]
async fn the_page_loads_its_assets_from_this_server() {
    let app = spawn_app().await;
    let tenant = provision_tenant("docs");
    for host in [tenant.host.as_str(), BASE_DOMAIN] {
        let res = app.get(host, "/api/docs/").send().await.unwrap();
        assert_eq!(res.status(), 200, "{host}");
        assert!(res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        let html = res.text().await.unwrap();
        let mut assets = attribute_values(&html, "src");
        assets.extend(attribute_values(&html, "href"));
        assert!(assets.len() >= 4, "{assets:?}");
        assert!(
            assets.iter().any(|a| a.ends_with("swagger-ui-bundle.js")),
            "{assets:?}"
        );
        for asset in &assets {
            assert!(
                !asset.contains("//"),
                "{asset} is not loaded from this server"
            );
            let path = format!("/api/docs/{}", asset.trim_start_matches("./"));
            let res = app.get(host, &path).send().await.unwrap();
            assert_eq!(res.status(), 200, "{path}");
            assert!(!res.bytes().await.unwrap().is_empty(), "{path}");
        }
    }
}

#[tokio::test]
async fn the_page_reads_this_servers_document() {
    let app = spawn_app().await;
    let script = app
        .get(BASE_DOMAIN, "/api/docs/swagger-initializer.js")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(script.contains("\"/api/v1/openapi.json\""), "{script}");
    // No outside validator is asked about the document.
    assert!(script.contains("\"validatorUrl\": \"none\""), "{script}");
}

#[tokio::test]
async fn an_unknown_file_is_a_404_problem() {
    let app = spawn_app().await;
    let (status, body) = json_of(
        app.get(BASE_DOMAIN, "/api/docs/no-such-file.js")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(body["code"], "route_not_found");
}
