//! What every response carries: security headers, CORS; JSON 404/405/500 answers; the
//! client address behind proxies.

use std::net::IpAddr;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use backend::middleware::request_context::client_ip;
use backend::middleware::security_headers::API_HEADERS;
use ipnet::IpNet;
use serde_json::json;

use crate::support::TestApp;

#[tokio::test]
async fn security_headers_are_on_every_response() {
    let app = TestApp::new().await;
    for response in [
        app.get("/api/health", None).await,
        app.get("/api/users/me", None).await,
        app.get("/api/nothing-here", None).await,
    ] {
        for (name, value) in API_HEADERS {
            assert_eq!(response.header(name), Some(value), "{name} on {}", response.status);
        }
    }
}

fn preflight(origin: &str) -> Request<Body> {
    Request::builder()
        .method(Method::OPTIONS)
        .uri("/api/users/me")
        .header("origin", origin)
        .header("access-control-request-method", "PATCH")
        .header("access-control-request-headers", "authorization,content-type")
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn cors_allows_a_listed_origin() {
    let app = TestApp::new().await;
    let response = app.call(preflight("http://localhost:3000")).await;
    assert_eq!(
        response.header("access-control-allow-origin"),
        Some("http://localhost:3000")
    );
    let methods = response.header("access-control-allow-methods").unwrap_or_default();
    assert!(methods.contains("PATCH"), "{methods}");
}

#[tokio::test]
async fn cors_never_allows_credentials() {
    let app = TestApp::new().await;
    let response = app.call(preflight("http://localhost:3000")).await;
    assert!(response.header("access-control-allow-credentials").is_none());
}

#[tokio::test]
async fn cors_refuses_an_unlisted_origin() {
    let app = TestApp::new().await;
    let response = app.call(preflight("https://evil.example.com")).await;
    assert!(response.header("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn trailing_slashes_of_allowed_origins_are_ignored() {
    let app =
        TestApp::with_env(|env| env.set("ALLOWED_ORIGINS", "https://app.example.com/, http://localhost:3000")).await;
    let response = app.call(preflight("https://app.example.com")).await;
    assert_eq!(
        response.header("access-control-allow-origin"),
        Some("https://app.example.com")
    );
}

#[tokio::test]
async fn unknown_paths_answer_404_json() {
    let app = TestApp::new().await;
    let response = app.get("/api/nothing-here", None).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(response.body, json!({ "detail": "Not Found" }));
}

#[tokio::test]
async fn wrong_methods_answer_405_json() {
    let app = TestApp::new().await;
    let response = app.send(Method::POST, "/api/health", None, None).await;
    assert_eq!(response.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(response.body, json!({ "detail": "Method Not Allowed" }));
}

#[tokio::test]
async fn unhandled_errors_answer_500_without_details() {
    let app = TestApp::new().await;
    sqlx::query("DROP TABLE users CASCADE").execute(app.db()).await.unwrap();
    let response = app.get("/api/users/me", Some(&app.token("user_1"))).await;
    assert_eq!(response.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(response.body, json!({ "detail": "internal server error" }));
    assert_eq!(response.header("x-content-type-options"), Some("nosniff"));
}

fn ip(text: &str) -> IpAddr {
    text.parse().unwrap()
}

#[test]
fn the_peer_is_the_client_without_trusted_proxies() {
    assert_eq!(
        client_ip(Some(ip("203.0.113.9")), Some("198.51.100.1"), &[]),
        Some(ip("203.0.113.9"))
    );
}

#[test]
fn a_trusted_proxy_names_the_right_most_untrusted_hop() {
    let trusted: Vec<IpNet> = vec!["10.0.0.0/8".parse().unwrap()];
    let forwarded = Some("198.51.100.7, 203.0.113.5, 10.0.0.3");
    assert_eq!(
        client_ip(Some(ip("10.0.0.2")), forwarded, &trusted),
        Some(ip("203.0.113.5"))
    );
    assert_eq!(client_ip(Some(ip("10.0.0.2")), None, &trusted), Some(ip("10.0.0.2")));
}

/// Log lines written while `run` runs on this thread.
#[derive(Clone, Default)]
struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn lines(&self) -> Vec<serde_json::Value> {
        let text = String::from_utf8(self.0.lock().unwrap().clone()).unwrap();
        text.lines()
            .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
            .collect()
    }
}

#[tokio::test]
async fn each_request_is_logged_once_with_its_id_route_template_and_user() {
    let app = TestApp::new().await;
    let token = app.token("user_1");
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = backend::logging::subscriber("INFO", move || writer.clone());
    // While only one subscriber exists, tracing decides each log call site's interest from
    // the subscriber of whichever thread hits it first, and caches it: another test's thread
    // (no subscriber) could switch this test's call sites off (an empty capture, about 1 run
    // in 3 under load). A second, silent subscriber kept alive makes every call site ask the
    // current thread's subscriber on each event.
    let _second = tracing::Dispatch::new(tracing::subscriber::NoSubscriber::default());
    let guard = tracing::subscriber::set_default(subscriber);
    tracing::callsite::rebuild_interest_cache();
    let response = app.get("/api/users/me", Some(&token)).await;
    app.get("/api/users/some-secret-pasted-here", None).await;
    drop(guard);
    let requests: Vec<serde_json::Value> = captured
        .lines()
        .into_iter()
        .filter(|line| line["message"] == "request")
        .collect();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0]["path"], "/api/users/me");
    assert_eq!(requests[0]["status"], 200);
    assert_eq!(requests[0]["user_id"], response.body["id"]);
    assert_eq!(requests[0]["request_id"].as_str().map(str::len), Some(32));
    assert_ne!(requests[0]["request_id"], requests[1]["request_id"]);
    assert_eq!(requests[1]["path"], "unmatched");
    let everything = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(!everything.contains(&token), "the token is never logged");
    assert!(!everything.contains("some-secret"), "raw paths are never logged");
}
