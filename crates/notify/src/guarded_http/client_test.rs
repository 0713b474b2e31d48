//! Unit tests of the guarded client against real sockets on 127.0.0.1:
//! what it refuses never gets a connection, and a redirect is not followed.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use super::*;

/// A receiver that answers every request with `answer`, counting them.
fn receiver(answer: String) -> (u16, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let hits = Arc::new(AtomicUsize::new(0));
    let counted = hits.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            counted.fetch_add(1, Ordering::SeqCst);
            let _ = stream.write_all(answer.as_bytes());
        }
    });
    (port, hits)
}

fn ok_receiver() -> (u16, Arc<AtomicUsize>) {
    receiver("HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok".into())
}

fn allowing(nets: &[&str]) -> GuardedClient {
    GuardedClient::new(AddressPolicy::new(
        nets.iter().map(|n| n.parse().unwrap()).collect(),
    ))
}

#[test]
fn a_name_that_resolves_to_loopback_gets_no_connection() {
    let (port, hits) = ok_receiver();
    let client = GuardedClient::new(AddressPolicy::default());
    let result = client.post(&format!("http://localhost:{port}/hooks"), &[], "{}");
    match result {
        Err(OutboundError::Refused(why)) => assert!(why.contains("loopback"), "{why}"),
        other => panic!("localhost was not refused: {other:?}"),
    }
    assert_eq!(hits.load(Ordering::SeqCst), 0);
}

#[test]
fn refused_literals_get_no_connection_even_in_mapped_form() {
    let (port, hits) = ok_receiver();
    let client = allowing(&["127.0.0.1/32"]);
    for url in [
        format!("http://[::ffff:127.0.0.1]:{port}/"),
        format!("http://127.0.0.2:{port}/"),
        "http://169.254.169.254/latest/meta-data".to_string(),
    ] {
        let result = client.post(&url, &[], "{}");
        assert!(
            matches!(result, Err(OutboundError::Refused(_))),
            "{url}: {result:?}"
        );
    }
    assert_eq!(hits.load(Ordering::SeqCst), 0);
}

#[test]
fn an_allowed_network_is_reached() {
    let (port, hits) = ok_receiver();
    let client = allowing(&["127.0.0.1/32", "::1/128"]);
    for host in ["127.0.0.1", "localhost"] {
        let url = format!("http://{host}:{port}/hooks");
        assert_eq!(
            client.post(&url, &[("x-test", "1")], "{}"),
            Ok(200),
            "{url}"
        );
    }
    assert_eq!(hits.load(Ordering::SeqCst), 2);
}

#[test]
fn a_redirect_is_not_followed() {
    let (elsewhere, elsewhere_hits) = ok_receiver();
    let (port, hits) = receiver(format!(
        "HTTP/1.1 302 Found\r\nlocation: http://127.0.0.1:{elsewhere}/x\r\n\
         content-length: 0\r\nconnection: close\r\n\r\n"
    ));
    let client = allowing(&["127.0.0.1/32"]);
    let result = client.post(&format!("http://127.0.0.1:{port}/"), &[], "{}");
    assert_eq!(
        result,
        Err(OutboundError::Redirected {
            status: 302,
            location: format!("http://127.0.0.1:{elsewhere}/x"),
        })
    );
    assert_eq!(hits.load(Ordering::SeqCst), 1);
    assert_eq!(elsewhere_hits.load(Ordering::SeqCst), 0);
}
