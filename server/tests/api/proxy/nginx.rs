//! The reverse-proxy config in nginx/, rendered by nginx/render.sh and run by
//! a real nginx on a free port in front of a test server: Host-based routing
//! (tenant subdomains, custom domains, unknown hosts), forwarded headers that
//! a client cannot forge, the body limit, the security headers and the
//! per-address limit on sign-in paths.

use std::fs::{self, File};
use std::net::{IpAddr, Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use diesel::prelude::*;
use reqwest::header::HOST;
use reqwest::Response;

use crate::support::*;

/// client_max_body_size of the rendered config: small, so the test is quick.
const PROXY_MAX_BODY: &str = "256k";

/// The sign-in limit of the rendered config: a small burst, so the test is
/// quick, and one request a minute after it, so no slot frees up while the
/// test runs.
const PROXY_AUTH_RATE: &str = "1r/m";
const PROXY_AUTH_BURST: usize = 5;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the server crate sits in the workspace root")
        .to_path_buf()
}

/// The nginx binary: NGINX_BIN, else PATH, else the usual sbin folders
/// (which a non-root PATH often lacks).
fn nginx_binary() -> PathBuf {
    if let Some(bin) = std::env::var_os("NGINX_BIN") {
        return PathBuf::from(bin);
    }
    let from_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default();
    let fallbacks = ["/usr/sbin", "/usr/local/sbin", "/usr/local/nginx/sbin"].map(PathBuf::from);
    from_path
        .into_iter()
        .chain(fallbacks)
        .map(|dir| dir.join("nginx"))
        .find(|candidate| candidate.is_file())
        .unwrap_or_else(|| {
            panic!(
                "nginx is not installed, and the nginx tests need a real one: run `make test` \
                 (its set-up installs it) or `apt-get install nginx`, or set NGINX_BIN"
            )
        })
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A private nginx: its own prefix folder with the rendered config, temp
/// folders, pid file and logs, so it touches nothing outside it (even as
/// root). Stopped and removed on drop.
struct Nginx {
    child: Child,
    dir: PathBuf,
    port: u16,
}

struct NginxOptions {
    upstream_port: u16,
    /// With HTTPS: the folder holding wildcard.crt and wildcard.key, and the
    /// port for the TLS blocks.
    tls: Option<(PathBuf, u16)>,
}

impl Nginx {
    fn start(upstream_port: u16) -> Nginx {
        Self::start_with(NginxOptions {
            upstream_port,
            tls: None,
        })
    }

    fn start_with(options: NginxOptions) -> Nginx {
        // A port picked here may be taken by someone else before nginx binds
        // it; try again with another.
        let mut last_error = String::new();
        for _ in 0..3 {
            match Self::try_start(&options) {
                Ok(nginx) => return nginx,
                Err(e) => last_error = e,
            }
        }
        panic!("nginx did not start:\n{last_error}");
    }

    fn try_start(options: &NginxOptions) -> Result<Nginx, String> {
        let dir =
            std::env::temp_dir().join(format!("platform-nginx-{}", uuid::Uuid::new_v4().simple()));
        fs::create_dir_all(dir.join("temp")).map_err(|e| e.to_string())?;
        let port = free_port();
        render(&dir, options, port);

        let d = dir.display();
        let main_conf = format!(
            "worker_processes 1;\n\
             events {{ worker_connections 256; }}\n\
             http {{\n\
             \x20   client_body_temp_path {d}/temp/body;\n\
             \x20   proxy_temp_path {d}/temp/proxy;\n\
             \x20   fastcgi_temp_path {d}/temp/fastcgi;\n\
             \x20   uwsgi_temp_path {d}/temp/uwsgi;\n\
             \x20   scgi_temp_path {d}/temp/scgi;\n\
             \x20   access_log {d}/access.log;\n\
             \x20   include conf.d/*.conf;\n\
             }}\n"
        );
        fs::write(dir.join("nginx.conf"), main_conf).map_err(|e| e.to_string())?;

        let stderr = File::create(dir.join("nginx.stderr")).map_err(|e| e.to_string())?;
        let child = Command::new(nginx_binary())
            .arg("-e")
            .arg("stderr")
            .arg("-p")
            .arg(&dir)
            .arg("-c")
            .arg(dir.join("nginx.conf"))
            .arg("-g")
            // One process, in the foreground: killing the child stops it all.
            .arg(format!(
                "daemon off; master_process off; pid {d}/nginx.pid; error_log stderr;"
            ))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .map_err(|e| format!("cannot run nginx: {e}"))?;
        let mut nginx = Nginx { child, dir, port };

        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(Some(status)) = nginx.child.try_wait() {
                return Err(format!("nginx exited with {status}:\n{}", nginx.log()));
            }
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok(nginx);
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "nginx did not listen on {port} within 10 s:\n{}",
                    nginx.log()
                ));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn log(&self) -> String {
        fs::read_to_string(self.dir.join("nginx.stderr")).unwrap_or_default()
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Renders nginx/ into `dir` with the same script production uses.
fn render(dir: &Path, options: &NginxOptions, http_port: u16) {
    let mut cmd = Command::new("sh");
    cmd.arg(repo_root().join("nginx/render.sh"))
        .arg(dir)
        .env(
            "APP_UPSTREAM",
            format!("127.0.0.1:{}", options.upstream_port),
        )
        .env("BASE_DOMAIN", BASE_DOMAIN)
        .env("NGINX_HTTP_PORT", http_port.to_string())
        .env("NGINX_MAX_BODY_SIZE", PROXY_MAX_BODY)
        .env("NGINX_AUTH_RATE", PROXY_AUTH_RATE)
        .env("NGINX_AUTH_BURST", PROXY_AUTH_BURST.to_string())
        .env("NGINX_ACCESS_LOG", dir.join("platform.access.log"));
    match &options.tls {
        Some((cert_dir, tls_port)) => cmd
            .env("NGINX_TLS", "on")
            .env("NGINX_CERT_DIR", cert_dir)
            .env("NGINX_HTTPS_PORT", tls_port.to_string()),
        None => cmd.env("NGINX_TLS", "off"),
    };
    let out = cmd.output().expect("run nginx/render.sh");
    assert!(
        out.status.success(),
        "nginx/render.sh failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn header<'a>(res: &'a Response, name: &str) -> Option<&'a str> {
    res.headers().get(name).and_then(|v| v.to_str().ok())
}

fn assert_security_headers(res: &Response, what: &str) {
    assert_eq!(
        header(res, "x-content-type-options"),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(
        header(res, "referrer-policy"),
        Some("strict-origin-when-cross-origin"),
        "{what}"
    );
    assert_eq!(header(res, "x-frame-options"), Some("SAMEORIGIN"), "{what}");
    // HSTS belongs on HTTPS answers only.
    assert_eq!(header(res, "strict-transport-security"), None, "{what}");
}

fn add_custom_domain(tenant: &TestTenant, host: &str) {
    let mut conn = PgConnection::establish(&database_url()).expect("connect");
    diesel::sql_query(
        "INSERT INTO domains (id, tenant_id, host, is_primary) VALUES ($1, $2, $3, false)",
    )
    .bind::<diesel::sql_types::Uuid, _>(uuid::Uuid::new_v4())
    .bind::<diesel::sql_types::Uuid, _>(tenant.id)
    .bind::<diesel::sql_types::Text, _>(host)
    .execute(&mut conn)
    .expect("insert a custom domain");
}

#[tokio::test]
async fn nginx_routes_subdomains_and_custom_domains_to_their_tenant() {
    let app = spawn_app().await;
    let tenant = provision_tenant("ngx");
    let nginx = Nginx::start(app.port);
    let client = &app.client;

    // A tenant subdomain reaches the app; the headers come from nginx, the
    // request id that nginx made travels through the app and back.
    let res = client
        .get(nginx.url("/healthz"))
        .header(HOST, &tenant.host)
        .send()
        .await
        .expect("GET /healthz through nginx");
    assert_eq!(res.status(), 200, "nginx log:\n{}", nginx.log());
    assert_security_headers(&res, "healthz");
    let rid = header(&res, "x-request-id").unwrap_or_default().to_string();
    assert!(
        rid.len() == 32 && rid.bytes().all(|b| b.is_ascii_hexdigit()),
        "nginx's request id should reach the app and come back, got {rid:?}"
    );
    let (_, body) = json_of(res).await;
    assert_eq!(body["status"], "ok");

    // The caller's own request id is kept.
    let res = client
        .get(nginx.url("/healthz"))
        .header(HOST, &tenant.host)
        .header("x-request-id", "trace-nginx-42")
        .send()
        .await
        .unwrap();
    assert_eq!(header(&res, "x-request-id"), Some("trace-nginx-42"));

    // The owner's API call works on the subdomain exactly as it does
    // without the proxy.
    let token = app.owner_token(&tenant);
    let direct = app
        .get(&tenant.host, "/api/v1/customers")
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let (direct_status, direct_body) = json_of(direct).await;
    assert_ne!(direct_body["code"], "tenant_not_found", "{direct_body}");
    let res = client
        .get(nginx.url("/api/v1/customers"))
        .header(HOST, &tenant.host)
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_security_headers(&res, "customers on the subdomain");
    let (status, body) = json_of(res).await;
    assert_eq!(
        (status, &body["code"]),
        (direct_status, &direct_body["code"]),
        "through nginx: {body}\ndirect: {direct_body}"
    );

    // An unknown subdomain: 404 problem+json from the app, through nginx.
    let unknown = format!("{}.{BASE_DOMAIN}", random_slug("nobody"));
    let res = client
        .get(nginx.url("/api/v1/customers"))
        .header(HOST, &unknown)
        .send()
        .await
        .unwrap();
    assert_eq!(
        header(&res, "content-type"),
        Some("application/problem+json")
    );
    assert_security_headers(&res, "unknown subdomain");
    let (status, body) = json_of(res).await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(body["code"], "tenant_not_found");

    // A custom domain of the tenant, caught by the default server block.
    let custom = format!("custom-{}.example.org", tenant.slug);
    add_custom_domain(&tenant, &custom);
    let res = client
        .get(nginx.url("/api/v1/customers"))
        .header(HOST, &custom)
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_security_headers(&res, "custom domain");
    let (status, body) = json_of(res).await;
    assert_eq!(
        (status, &body["code"]),
        (direct_status, &direct_body["code"]),
        "custom domain {custom} through nginx: {body}"
    );

    // An unknown custom domain is refused like an unknown subdomain.
    let res = client
        .get(nginx.url("/api/v1/customers"))
        .header(HOST, "nobody-owns-this.example.net")
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(res).await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(body["code"], "tenant_not_found");
}

#[tokio::test]
async fn a_client_cannot_forge_the_forwarded_host_through_nginx() {
    let app = spawn_app().await;
    let tenant = provision_tenant("ngxfwd");
    let nginx = Nginx::start(app.port);
    let unknown = format!("{}.{BASE_DOMAIN}", random_slug("forger"));

    // Straight to the app from 127.0.0.1 (a trusted proxy address), the
    // header is believed: this is what nginx relies on.
    let direct = app
        .get(&unknown, "/api/v1/customers")
        .header("x-forwarded-host", &tenant.host)
        .send()
        .await
        .unwrap();
    let (_, body) = json_of(direct).await;
    assert_ne!(body["code"], "tenant_not_found", "{body}");

    // Through nginx, the client's X-Forwarded-Host is replaced by the Host
    // it really asked for, so it cannot reach another tenant.
    let res = app
        .client
        .get(nginx.url("/api/v1/customers"))
        .header(HOST, &unknown)
        .header("x-forwarded-host", &tenant.host)
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(res).await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(body["code"], "tenant_not_found");
}

#[tokio::test]
async fn nginx_refuses_oversized_bodies_with_a_problem() {
    let app = spawn_app().await;
    let tenant = provision_tenant("ngxbody");
    let nginx = Nginx::start(app.port);

    let res = app
        .client
        .post(nginx.url("/api/v1/customers"))
        .header(HOST, &tenant.host)
        .header("content-type", "application/json")
        .body(vec![b' '; 512 * 1024])
        .send()
        .await
        .expect("an answer to an oversized body");
    assert_eq!(res.status(), 413);
    assert_eq!(
        header(&res, "content-type"),
        Some("application/problem+json")
    );
    assert_security_headers(&res, "413");
    let (_, body) = json_of(res).await;
    assert_eq!(body["code"], "body_too_large", "{body}");
    assert_eq!(body["status"], 413);
}

#[tokio::test]
async fn nginx_answers_503_problem_when_the_app_is_down() {
    // Nothing listens on the upstream port.
    let nginx = Nginx::start(free_port());
    let res = reqwest::Client::new()
        .get(nginx.url("/api/v1/customers"))
        .header(HOST, format!("anyone.{BASE_DOMAIN}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 503);
    assert_eq!(header(&res, "retry-after"), None);
    assert_security_headers(&res, "503");
    let (_, body) = json_of(res).await;
    assert_eq!(body["code"], "upstream_unavailable", "{body}");
}

/// Sign-in paths are limited per client address: past the burst nginx
/// answers 429 problem+json itself, for every such path, while other paths
/// from the same address and sign-in from another address still reach the
/// app.
#[tokio::test]
async fn nginx_limits_sign_in_requests_per_address() {
    let app = spawn_app().await;
    let tenant = provision_tenant("ngxlimit");
    let nginx = Nginx::start(app.port);
    let client = &app.client;
    // A body the app refuses at once (400), before any limit of its own,
    // so every 429 below is nginx's.
    let sign_in = |client: &reqwest::Client, path: &str| {
        client
            .post(nginx.url(path))
            .header(HOST, &tenant.host)
            .header("content-type", "application/json")
            .body("{")
            .send()
    };

    let mut statuses = Vec::new();
    let mut refused = None;
    for _ in 0..PROXY_AUTH_BURST + 6 {
        let res = sign_in(client, "/api/v1/auth/login")
            .await
            .expect("POST /auth/login through nginx");
        statuses.push(res.status().as_u16());
        if res.status() == 429 && refused.is_none() {
            refused = Some(res);
        }
    }
    // The first request and the burst reach the app; the rest do not.
    let (passed, limited) = statuses.split_at(PROXY_AUTH_BURST + 1);
    assert!(
        passed.iter().all(|&s| s == 400) && limited.iter().all(|&s| s == 429),
        "statuses {statuses:?}; nginx log:\n{}",
        nginx.log()
    );
    let res = refused.expect("a 429");
    assert_eq!(
        header(&res, "content-type"),
        Some("application/problem+json")
    );
    assert_security_headers(&res, "429");
    let (_, body) = json_of(res).await;
    assert_eq!(body["code"], "rate_limited", "{body}");
    assert_eq!(body["status"], 429, "{body}");

    // Every sign-in path draws on the same allowance.
    for path in [
        "/api/v1/auth/register",
        "/api/v1/auth/register/confirm",
        "/api/v1/auth/refresh",
        "/api/v1/auth/password-reset",
        "/api/v1/auth/password-reset/confirm",
        "/api/v1/auth/verify-email/resend",
        "/api/v1/auth/invitations/accept",
        // Spelled otherwise, the same path for the app.
        "/api/v1/auth/%6Cogin",
    ] {
        let res = sign_in(client, path).await.unwrap();
        assert_eq!(res.status(), 429, "{path} should be limited");
    }

    // Other paths from the limited address are not limited, however many.
    for _ in 0..3 * PROXY_AUTH_BURST {
        let res = client
            .get(nginx.url("/healthz"))
            .header(HOST, &tenant.host)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "GET /healthz should not be limited");
    }
    let res = client
        .get(nginx.url("/api/v1/auth/me"))
        .header(HOST, &tenant.host)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401, "GET /auth/me should not be limited");
    let res = client
        .get(nginx.url("/api/v1/customers"))
        .header(HOST, &tenant.host)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401, "GET /customers should not be limited");

    // Another address has its own allowance.
    let other = reqwest::Client::builder()
        .local_address(IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2)))
        .build()
        .unwrap();
    let res = sign_in(&other, "/api/v1/auth/login").await.unwrap();
    assert_eq!(res.status(), 400, "another address should reach the app");
}

/// The HTTPS blocks: the rendered config must load with a certificate in
/// place, and plain HTTP must then redirect. Needs openssl for a throwaway
/// certificate.
#[tokio::test]
async fn tls_config_loads_and_http_redirects_to_https() {
    let certs = std::env::temp_dir().join(format!(
        "platform-nginx-certs-{}",
        uuid::Uuid::new_v4().simple()
    ));
    fs::create_dir_all(certs.join("custom")).unwrap();
    let made = Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        ])
        .arg("-subj")
        .arg(format!("/CN={BASE_DOMAIN}"))
        .arg("-keyout")
        .arg(certs.join("wildcard.key"))
        .arg("-out")
        .arg(certs.join("wildcard.crt"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("openssl is not available: skipping the TLS config check");
        let _ = fs::remove_dir_all(&certs);
        return;
    }

    let tls_port = free_port();
    let nginx = Nginx::start_with(NginxOptions {
        upstream_port: free_port(),
        tls: Some((certs.clone(), tls_port)),
    });
    assert!(
        TcpStream::connect(("127.0.0.1", tls_port)).is_ok(),
        "the HTTPS block should listen on {tls_port}:\n{}",
        nginx.log()
    );
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(nginx.url("/api/v1/customers?limit=5"))
        .header(HOST, format!("shop.{BASE_DOMAIN}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 308);
    assert_eq!(
        header(&res, "location"),
        Some(format!("https://shop.{BASE_DOMAIN}/api/v1/customers?limit=5").as_str())
    );
    drop(nginx);
    let _ = fs::remove_dir_all(&certs);
}
