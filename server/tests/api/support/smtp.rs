//! A small SMTP server for tests: it speaks enough of the protocol for a real
//! client (lettre) to deliver, and keeps what arrived.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::Mutex;

#[derive(Debug, Clone)]
pub struct ReceivedMail {
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
}

#[derive(Clone, Default)]
pub struct MailSink {
    pub port: u16,
    messages: Arc<Mutex<Vec<ReceivedMail>>>,
}

impl MailSink {
    pub async fn start() -> MailSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind smtp");
        let port = listener.local_addr().unwrap().port();
        let sink = MailSink {
            port,
            messages: Arc::default(),
        };
        let messages = sink.messages.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let messages = messages.clone();
                tokio::spawn(async move {
                    let _ = session(stream, messages).await;
                });
            }
        });
        sink
    }

    pub async fn all(&self) -> Vec<ReceivedMail> {
        self.messages.lock().await.clone()
    }

    /// Waits (up to 15 s) for a message to `to` whose text contains `needle`.
    pub async fn wait_for(&self, to: &str, needle: &str) -> ReceivedMail {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(m) = self.messages.lock().await.iter().find(|m| {
                m.to.iter().any(|t| t.eq_ignore_ascii_case(to)) && m.data.contains(needle)
            }) {
                return m.clone();
            }
            assert!(
                Instant::now() < deadline,
                "no mail to {to} containing {needle:?} arrived; got {:?}",
                self.messages.lock().await
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

async fn session(
    stream: tokio::net::TcpStream,
    messages: Arc<Mutex<Vec<ReceivedMail>>>,
) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 test-smtp ready\r\n").await?;
    let (mut from, mut to) = (String::new(), Vec::new());
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let upper = line.to_ascii_uppercase();
        if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            write
                .write_all(b"250-test-smtp\r\n250 8BITMIME\r\n")
                .await?;
        } else if upper.starts_with("MAIL FROM:") {
            from = address(&line[10..]);
            to.clear();
            write.write_all(b"250 OK\r\n").await?;
        } else if upper.starts_with("RCPT TO:") {
            to.push(address(&line[8..]));
            write.write_all(b"250 OK\r\n").await?;
        } else if upper.starts_with("DATA") {
            write.write_all(b"354 go ahead\r\n").await?;
            let mut data = String::new();
            loop {
                line.clear();
                if lines.read_line(&mut line).await? == 0 {
                    return Ok(());
                }
                if line == ".\r\n" || line == ".\n" {
                    break;
                }
                data.push_str(line.strip_prefix('.').unwrap_or(&line));
            }
            messages.lock().await.push(ReceivedMail {
                from: from.clone(),
                to: to.clone(),
                data,
            });
            write.write_all(b"250 queued\r\n").await?;
        } else if upper.starts_with("QUIT") {
            write.write_all(b"221 bye\r\n").await?;
            return Ok(());
        } else {
            // RSET, NOOP and anything else.
            write.write_all(b"250 OK\r\n").await?;
        }
    }
}

fn address(raw: &str) -> String {
    raw.trim()
        .trim_start_matches('<')
        .split('>')
        .next()
        .unwrap_or_default()
        .to_string()
}
