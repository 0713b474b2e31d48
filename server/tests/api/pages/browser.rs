//! A headless Chromium for a test, driven through its own chromedriver.
//! Every host resolves to this machine, so the browser reaches a test
//! tenant's site by its real name (`<slug>.platform.test:<port>`).
//!
//! Without chromedriver, a browser test says so and passes, except in CI
//! (CI is set), where a missing browser fails the test.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::error::{CmdError, ErrorStatus};
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

fn find_in_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    })
}

fn chromium() -> String {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find_map(find_in_path)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "/usr/bin/chromium".into())
}

pub struct Browser {
    pub client: Client,
    driver: Child,
}

impl Browser {
    /// A browser `width` pixels wide, or None (and a message) when this
    /// machine has no chromedriver and is not CI.
    pub async fn start(width: u32) -> Option<Browser> {
        Self::launch(width, false).await
    }

    /// A phone's viewport exactly `width` pixels wide: a desktop window
    /// keeps a minimum width (about 500 px), so the phone is emulated.
    pub async fn phone(width: u32) -> Option<Browser> {
        Self::launch(width, true).await
    }

    async fn launch(width: u32, phone: bool) -> Option<Browser> {
        let Some(driver_path) = find_in_path("chromedriver") else {
            assert!(
                std::env::var_os("CI").is_none(),
                "chromedriver is not installed, and CI must run the browser tests \
                 (scripts/setup.sh installs chromium and chromium-driver)"
            );
            eprintln!(
                "SKIPPED: chromedriver is not installed (apt-get install chromium chromium-driver, \
                 or run scripts/setup.sh); this browser test did not run"
            );
            return None;
        };
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new(driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let url = format!("http://127.0.0.1:{port}");
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium(),
                "args": [
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-extensions",
                    "--no-first-run",
                    "--lang=en-US",
                    "--host-resolver-rules=MAP * 127.0.0.1",
                    format!("--window-size={width},900"),
                ],
                "prefs": { "intl.accept_languages": "en-US,en" },
            }
        });
        let mut caps = caps.as_object().unwrap().clone();
        if phone {
            caps["goog:chromeOptions"]["mobileEmulation"] = json!({
                "deviceMetrics": { "width": width, "height": 844, "pixelRatio": 1.0 }
            });
        }
        let mut last_error = String::new();
        for _ in 0..50 {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => return Some(Browser { client, driver }),
                Err(e) => last_error = e.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("no browser session from chromedriver: {last_error}");
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.unwrap();
    }

    pub async fn click(&self, css: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css}: {e}"))
            .click()
            .await
            .unwrap();
    }

    pub async fn fill(&self, css: &str, text: &str) {
        let field = self.client.find(Locator::Css(css)).await.unwrap();
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    /// The text of the first match. A page that updates itself (the live
    /// order status) may replace the element between finding it and
    /// reading it: then it is found again.
    pub async fn text(&self, css: &str) -> String {
        let mut tries = 0;
        loop {
            let found = self
                .client
                .find(Locator::Css(css))
                .await
                .unwrap_or_else(|e| panic!("no {css}: {e}"));
            match found.text().await {
                Ok(text) => return text,
                Err(CmdError::Standard(e))
                    if e.error == ErrorStatus::StaleElementReference && tries < 20 =>
                {
                    tries += 1;
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Err(e) => panic!("reading {css}: {e}"),
            }
        }
    }

    /// The text of every match, also of those scrolled out of view (the
    /// date strip scrolls sideways on a phone).
    pub async fn texts(&self, css: &str) -> Vec<String> {
        let mut out = Vec::new();
        for e in self.client.find_all(Locator::Css(css)).await.unwrap() {
            let text = e.prop("textContent").await.unwrap().unwrap_or_default();
            out.push(text.trim().to_string());
        }
        out
    }

    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css}: {e}"))
            .attr(name)
            .await
            .unwrap()
    }

    pub async fn path(&self) -> String {
        self.client.current_url().await.unwrap().path().to_string()
    }

    /// Waits (up to 10 s) for an element's attribute to read `want`: after
    /// a form posts back to the same path, the old page may still be
    /// showing (or go stale under the finder), so failures are retried.
    pub async fn expect_attr(&self, css: &str, name: &str, want: &str) {
        let mut last = None;
        for _ in 0..100 {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                if let Ok(value) = element.attr(name).await {
                    if value.as_deref() == Some(want) {
                        return;
                    }
                    last = value;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{css} [{name}] is {last:?}, not {want:?}");
    }

    /// Waits (up to 10 s) for the browser to be on `want`: a click that
    /// submits a form may return before the next page has loaded.
    pub async fn expect_path(&self, want: impl AsRef<str>) {
        let want = want.as_ref();
        let mut path = self.path().await;
        for _ in 0..100 {
            if path == want {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
            path = self.path().await;
        }
        assert_eq!(path, want, "the browser is elsewhere");
    }

    pub async fn quit(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // After a failed assertion quit() never ran; the driver still goes.
        let _ = self.driver.kill();
    }
}

/// The site of a tenant as the browser reaches it.
pub fn site_url(app: &crate::support::TestApp, host: &str, path: &str) -> String {
    format!("http://{host}:{}{path}", app.port)
}
