//! Guest carts are rows anyone can make: one client address opens a
//! bounded number per hour on a shop, and another shop keeps its own count.

use crate::support::*;

#[tokio::test]
async fn a_client_opens_a_bounded_number_of_guest_carts() {
    let app = spawn_app_with(|s| s.stores.carts_per_ip_per_hour = 2).await;
    let shop = provision_tenant("carts-cap");
    let other = provision_tenant("carts-other");
    for _ in 0..2 {
        let (status, body) =
            json_of(app.post(&shop.host, "/api/v1/carts").send().await.unwrap()).await;
        assert_eq!(status, 201, "{body}");
    }
    let res = app.post(&shop.host, "/api/v1/carts").send().await.unwrap();
    assert_eq!(res.status(), 429);
    assert!(res.headers().get("retry-after").is_some());
    let (status, body) =
        json_of(app.post(&other.host, "/api/v1/carts").send().await.unwrap()).await;
    assert_eq!(status, 201, "{body}");
}
