//! A webhook receiver that accepts connections and never answers, as a
//! black-holed address looks to a sender that got through. It counts the
//! connections open at once: each is one delivery hanging on it.

use std::sync::{Arc, Mutex};

use tokio::io::AsyncReadExt;
use tokio::net::TcpListener;

#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    /// Connections accepted and not closed by the sender yet.
    pub open: usize,
    /// The most that were open at once.
    pub most_at_once: usize,
    pub accepted: usize,
}

pub struct BlackHole {
    port: u16,
    counts: Arc<Mutex<Counts>>,
}

impl BlackHole {
    pub async fn start() -> BlackHole {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let counts: Arc<Mutex<Counts>> = Arc::default();
        let shared = counts.clone();
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                {
                    let mut c = shared.lock().unwrap();
                    c.open += 1;
                    c.accepted += 1;
                    c.most_at_once = c.most_at_once.max(c.open);
                }
                let shared = shared.clone();
                tokio::spawn(async move {
                    // Reads what comes and answers nothing, until the
                    // sender gives up and closes.
                    let mut buf = [0u8; 4096];
                    while matches!(stream.read(&mut buf).await, Ok(n) if n > 0) {}
                    shared.lock().unwrap().open -= 1;
                });
            }
        });
        BlackHole { port, counts }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/hooks", self.port)
    }

    pub fn counts(&self) -> Counts {
        *self.counts.lock().unwrap()
    }
}
