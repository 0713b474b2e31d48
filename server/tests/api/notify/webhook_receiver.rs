//! A real HTTP receiver on 127.0.0.1 for webhook tests: it records what it
//! gets and answers 200, or a redirect when told to.

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use std::sync::{Arc, Mutex};

/// One request: its X-Webhook-Event and X-Webhook-Signature, and its body.
#[derive(Debug, Clone)]
pub struct Call {
    pub event: String,
    pub signature: String,
    pub body: String,
}

#[derive(Clone, Default)]
pub struct Receiver {
    pub port: u16,
    calls: Arc<Mutex<Vec<Call>>>,
}

impl Receiver {
    /// Answers 200 to everything.
    pub async fn start() -> Receiver {
        Self::answering(None).await
    }

    /// Answers 302 with this Location to everything.
    pub async fn redirecting_to(location: &str) -> Receiver {
        Self::answering(Some(location.to_string())).await
    }

    async fn answering(redirect: Option<String>) -> Receiver {
        let calls: Arc<Mutex<Vec<Call>>> = Arc::default();
        let recorded = calls.clone();
        let server = HttpServer::new(move || {
            let recorded = recorded.clone();
            let redirect = redirect.clone();
            App::new().default_service(web::to(move |req: HttpRequest, body: String| {
                let recorded = recorded.clone();
                let redirect = redirect.clone();
                async move {
                    let header = |name: &str| {
                        req.headers()
                            .get(name)
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or_default()
                            .to_string()
                    };
                    recorded.lock().unwrap().push(Call {
                        event: header("x-webhook-event"),
                        signature: header("x-webhook-signature"),
                        body,
                    });
                    match redirect {
                        Some(to) => HttpResponse::Found()
                            .insert_header(("Location", to))
                            .finish(),
                        None => HttpResponse::Ok().finish(),
                    }
                }
            }))
        })
        .workers(1)
        .bind("127.0.0.1:0")
        .unwrap();
        let port = server.addrs()[0].port();
        tokio::spawn(server.run());
        Receiver { port, calls }
    }

    pub fn url(&self, host: &str) -> String {
        format!("http://{host}:{}/hooks", self.port)
    }

    pub fn calls(&self) -> Vec<Call> {
        self.calls.lock().unwrap().clone()
    }
}
