//! The home page shows what the business set in its branding: its name,
//! logo, accent colour and language for visitors who state none.

use serde_json::json;

use crate::bookings::salon;
use crate::support::*;

#[tokio::test]
async fn the_home_page_wears_the_business_branding() {
    let s = salon("Europe/Paris", 1).await;
    let (status, body) = json_of(
        s.app
            .patch(&s.tenant.host, "/api/v1/branding")
            .bearer_auth(&s.token)
            .json(&json!({
                "display_name": "Salon Lumière",
                "logo_url": "https://cdn.example.com/logo.png",
                "accent_colour": "#0f766e",
                "default_language": "fr",
            }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");

    // No Accept-Language, no cookie: the business's language.
    let res = s.app.get(&s.tenant.host, "/").send().await.unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("<html lang=\"fr\""), "{html}");
    assert!(html.contains("Salon Lumière"), "{html}");
    assert!(html.contains("https://cdn.example.com/logo.png"), "{html}");
    assert!(html.contains("/assets/theme.0f766e"), "{html}");

    // A visitor who asks for English gets English, still with the name.
    let res = s
        .app
        .get(&s.tenant.host, "/")
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap();
    let html = res.text().await.unwrap();
    assert!(html.contains("<html lang=\"en\""), "{html}");
    assert!(html.contains("Salon Lumière"));
}
