//! Sentry starts only when SENTRY_DSN is set, and never sends personal data or tokens: the
//! scrubbing rules of the FastAPI backend, and an event as the server sends it (to a local
//! fake Sentry) carries no token.

use axum::http::{HeaderMap, HeaderValue};
use backend::config::Settings;
use backend::sentry::{Dsn, Reporter, init, scrub, scrub_text, server_error_event};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::support::test_env;

const TOKEN: &str = "tok_s3cr3t-invitation";

fn settings(pairs: &[(&str, &str)]) -> Result<Settings, backend::config::ConfigError> {
    let mut env = test_env();
    for (name, value) in pairs {
        env.set(name, value);
    }
    Settings::from_env(&env)
}

#[test]
fn sentry_stays_off_without_a_dsn() {
    let settings = settings(&[("SENTRY_DSN", "")]).unwrap();
    assert!(!init(&settings, reqwest::Client::new()));
}

#[test]
fn the_dsn_and_sample_rate_are_read_and_checked() {
    let read = settings(&[
        ("SENTRY_DSN", "https://key@o0.ingest.sentry.test/1"),
        ("SENTRY_TRACES_SAMPLE_RATE", "0.25"),
    ])
    .unwrap();
    assert_eq!(read.sentry.traces_sample_rate, 0.25);
    assert!(!format!("{read:?}").contains("key@"), "the DSN is not printed");
    assert!(settings(&[("SENTRY_DSN", "not a dsn")]).is_err());
    assert!(settings(&[("SENTRY_TRACES_SAMPLE_RATE", "lots")]).is_err());
    assert_eq!(
        Dsn::parse("https://key@o0.ingest.sentry.test/1"),
        Some(Dsn {
            envelope_url: "https://o0.ingest.sentry.test/api/1/envelope/".into(),
            public_key: "key".into(),
        })
    );
    let behind_a_path = Dsn::parse("http://k@localhost:9000/sentry/42").unwrap();
    assert_eq!(
        behind_a_path.envelope_url,
        "http://localhost:9000/sentry/api/42/envelope/"
    );
    assert_eq!(Dsn::parse("https://o0.ingest.sentry.test/1"), None, "no key");
}

#[test]
fn scrub_removes_tokens_from_headers_bodies_queries_and_breadcrumbs() {
    let event = json!({
        "message": format!("calling https://api.test/x?token={TOKEN} with Bearer {TOKEN}"),
        "request": {
            "url": format!("https://api.example.com/api/invitations/accept?token={TOKEN}"),
            "query_string": format!("token={TOKEN}"),
            "headers": { "Authorization": format!("Bearer {TOKEN}"), "X-Request-ID": "req-1" },
            "data": { "token": TOKEN, "nested": [{ "refresh_token": TOKEN }] },
        },
        "breadcrumbs": { "values": [{ "category": "http", "data": { "url": format!("https://x.test/?t={TOKEN}") } }] },
        "extra": { "body": format!("InvitationAccept(token='{TOKEN}')"), "json": format!(r#"{{"token": "{TOKEN}"}}"#) },
    });
    let scrubbed = scrub(&event, "");
    assert!(!scrubbed.to_string().contains(TOKEN), "{scrubbed}");
    assert_eq!(
        scrubbed["request"]["url"],
        "https://api.example.com/api/invitations/accept"
    );
    assert_eq!(scrubbed["request"]["headers"]["X-Request-ID"], "req-1");
    assert_eq!(scrubbed["request"]["headers"]["Authorization"], "[Filtered]");
    assert_eq!(scrubbed["extra"]["body"], "InvitationAccept(token='[Filtered]')");
    assert_eq!(scrubbed["extra"]["json"], r#"{"token": "[Filtered]"}"#);
}

#[test]
fn scrub_keeps_ordinary_text() {
    let event = json!({ "message": "invalid token signature", "extra": { "tokens": 3, "n": 1 } });
    let scrubbed = scrub(&event, "");
    assert_eq!(scrubbed["message"], "invalid token signature");
    assert_eq!(scrubbed["extra"]["n"], 1);
    assert_eq!(scrubbed["extra"]["tokens"], "[Filtered]", "named like a token");
}

#[test]
fn scrub_text_matches_the_fastapi_pattern() {
    for (text, expected) in [
        ("Bearer abc.def", "Bearer [Filtered]"),
        ("BEARER   abc", "BEARER   [Filtered]"),
        ("x?token=abc&y=1", "x?token=[Filtered]&y=1"),
        ("token : 'abc', next", "token : '[Filtered]', next"),
        ("Token=\"abc\")", "Token=\"[Filtered]\")"),
        ("bearer", "bearer"),
        ("token=", "token="),
        ("token=''", "token=''"),
        ("tokens: 3", "tokens: 3"),
        ("caf\u{e9} token=\u{e9}t\u{e9}", "caf\u{e9} token=[Filtered]"),
    ] {
        assert_eq!(scrub_text(text), expected, "{text}");
    }
}

/// One request read from a local fake Sentry: its head and body.
async fn receive_one(listener: TcpListener) -> String {
    let (mut socket, _) = listener.accept().await.unwrap();
    let mut received = Vec::new();
    let mut buffer = [0u8; 8192];
    loop {
        let read = socket.read(&mut buffer).await.unwrap();
        received.extend_from_slice(&buffer[..read]);
        let text = String::from_utf8_lossy(&received).to_string();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = head
                .lines()
                .find_map(|line| line.to_lowercase().strip_prefix("content-length: ").map(str::to_owned))
                .and_then(|value| value.trim().parse::<usize>().ok())
                .unwrap_or_default();
            if body.len() >= length || read == 0 {
                break;
            }
        }
    }
    socket
        .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n")
        .await
        .unwrap();
    String::from_utf8_lossy(&received).into_owned()
}

#[tokio::test]
async fn an_error_event_as_the_server_sends_it_carries_no_token() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let fake = tokio::spawn(receive_one(listener));
    let dsn = Dsn::parse(&format!("http://public@127.0.0.1:{port}/7")).unwrap();
    let reporter = Reporter::new(reqwest::Client::new(), dsn, "test");
    let mut headers = HeaderMap::new();
    headers.insert(
        "authorization",
        HeaderValue::from_str(&format!("Bearer {TOKEN}")).unwrap(),
    );
    headers.insert("cookie", HeaderValue::from_static("session=abc"));
    headers.insert("x-request-id", HeaderValue::from_static("req-1"));
    let uri = format!("/api/invitations/accept?token={TOKEN}");
    let event = server_error_event("POST", &uri, &headers, "/api/invitations/accept", "req-1");
    reporter.send(event).await;
    let received = fake.await.unwrap();
    assert!(received.starts_with("POST /api/7/envelope/ HTTP/1.1"), "{received}");
    assert!(
        received
            .to_lowercase()
            .contains("x-sentry-auth: sentry sentry_version=7, sentry_key=public")
    );
    assert!(!received.contains(TOKEN), "{received}");
    assert!(!received.contains("session=abc"), "cookies are not sent");
    let body = received.split_once("\r\n\r\n").unwrap().1;
    let lines: Vec<Value> = body.lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    assert_eq!(lines[1], json!({ "type": "event" }));
    let sent = &lines[2];
    assert_eq!(sent["request"]["url"], "/api/invitations/accept");
    assert_eq!(sent["request"]["headers"]["authorization"], "[Filtered]");
    assert_eq!(sent["tags"]["request_id"], "req-1");
    assert_eq!(sent["environment"], "test");
    assert_eq!(lines[0]["event_id"], sent["event_id"]);
}
