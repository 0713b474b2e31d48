//! A local stand-in for the SMS provider's HTTP API, recording each text
//! it is asked to send: the texts go out over real HTTP, as in production.

use std::sync::{Arc, Mutex};

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use serde_json::json;

/// A local stand-in for the SMS provider's HTTP API, recording each form.
pub async fn sms_provider() -> (String, Arc<Mutex<Vec<(String, String)>>>) {
    let seen: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
    let data = seen.clone();
    let server = HttpServer::new(move || {
        let data = data.clone();
        App::new().route(
            "/2010-04-01/Accounts/{sid}/Messages.json",
            web::post().to(
                move |req: HttpRequest, form: web::Form<Vec<(String, String)>>| {
                    let data = data.clone();
                    async move {
                        let auth = req
                            .headers()
                            .get("authorization")
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or_default()
                            .to_string();
                        let sid = req.match_info().get("sid").unwrap_or_default().to_string();
                        let body: String = form.iter().map(|(k, v)| format!("{k}={v};")).collect();
                        data.lock().unwrap().push((format!("{sid} {auth}"), body));
                        HttpResponse::Created().json(json!({ "sid": "SM1", "status": "queued" }))
                    }
                },
            ),
        )
    })
    .workers(1)
    .bind("127.0.0.1:0")
    .unwrap();
    let port = server.addrs()[0].port();
    tokio::spawn(server.run());
    (format!("http://127.0.0.1:{port}"), seen)
}
