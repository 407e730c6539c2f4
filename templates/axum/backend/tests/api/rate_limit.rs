//! Rate limits: per client IP before auth, per user after; 429 with Retry-After.

use std::net::IpAddr;
use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode};
use backend::config::Settings;
use backend::middleware::rate_limit::{Limit, RateLimiter};

use crate::support::{TestApp, test_env};

#[tokio::test]
async fn requests_over_the_user_limit_answer_429_with_retry_after() {
    let app = TestApp::with_env(|env| env.set("RATE_LIMIT", "2/minute")).await;
    let token = app.token("user_1");
    for _ in 0..2 {
        assert_eq!(app.get("/api/users/me", Some(&token)).await.status, StatusCode::OK);
    }
    let response = app.get("/api/users/me", Some(&token)).await;
    assert_eq!(response.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.detail(), "rate limit exceeded");
    let retry_after: u64 = response.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
}

#[tokio::test]
async fn each_user_has_their_own_budget() {
    let app = TestApp::with_env(|env| env.set("RATE_LIMIT", "1/minute")).await;
    assert_eq!(
        app.get("/api/users/me", Some(&app.token("user_a"))).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.get("/api/users/me", Some(&app.token("user_b"))).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.get("/api/users/me", Some(&app.token("user_a"))).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn a_flood_of_invalid_tokens_gets_429() {
    let app = TestApp::with_env(|env| env.set("RATE_LIMIT_PER_IP", "3/minute")).await;
    let statuses: Vec<StatusCode> = futures_statuses(&app, 5, "/api/users/me", Some("forged")).await;
    assert_eq!(statuses[..3], [StatusCode::UNAUTHORIZED; 3]);
    assert_eq!(statuses[3..], [StatusCode::TOO_MANY_REQUESTS; 2]);
}

async fn futures_statuses(app: &TestApp, count: usize, uri: &str, token: Option<&str>) -> Vec<StatusCode> {
    let mut statuses = Vec::new();
    for _ in 0..count {
        statuses.push(app.get(uri, token).await.status);
    }
    statuses
}

#[tokio::test]
async fn public_endpoints_are_limited_per_ip_but_not_the_health_check() {
    let app = TestApp::with_env(|env| env.set("RATE_LIMIT_PER_IP", "2/minute")).await;
    let statuses = futures_statuses(&app, 3, "/api/openapi.json", None).await;
    assert_eq!(statuses[2], StatusCode::TOO_MANY_REQUESTS);
    assert!(
        futures_statuses(&app, 5, "/api/health", None)
            .await
            .iter()
            .all(|s| *s == StatusCode::OK)
    );
}

#[tokio::test]
async fn a_429_carries_cors_and_security_headers() {
    let app = TestApp::with_env(|env| env.set("RATE_LIMIT_PER_IP", "1/minute")).await;
    app.get("/api/openapi.json", None).await;
    let request = axum::http::Request::get("/api/openapi.json")
        .header("origin", "http://localhost:3000")
        .body(axum::body::Body::empty())
        .unwrap();
    let response = app.call(request).await;
    assert_eq!(response.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        response.header("access-control-allow-origin"),
        Some("http://localhost:3000")
    );
    assert_eq!(response.header("x-frame-options"), Some("DENY"));
}

fn from(ip: &str, forwarded_for: &str) -> axum::http::Request<axum::body::Body> {
    let mut request = TestApp::request_from(ip.parse::<IpAddr>().unwrap(), Method::GET, "/api/openapi.json");
    request
        .headers_mut()
        .insert("x-forwarded-for", forwarded_for.parse().unwrap());
    request
}

#[tokio::test]
async fn a_spoofed_x_forwarded_for_is_ignored_without_trusted_proxies() {
    let app = TestApp::with_env(|env| env.set("RATE_LIMIT_PER_IP", "2/minute")).await;
    for n in 0..2 {
        assert_eq!(
            app.call(from("203.0.113.9", &format!("198.51.100.{n}"))).await.status,
            StatusCode::OK
        );
    }
    assert_eq!(
        app.call(from("203.0.113.9", "198.51.100.99")).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn x_forwarded_for_from_a_trusted_proxy_names_the_client() {
    let app = TestApp::with_env(|env| {
        env.set("RATE_LIMIT_PER_IP", "1/minute");
        env.set("TRUSTED_PROXIES", "10.0.0.1");
    })
    .await;
    assert_eq!(app.call(from("10.0.0.1", "198.51.100.1")).await.status, StatusCode::OK);
    assert_eq!(app.call(from("10.0.0.1", "198.51.100.2")).await.status, StatusCode::OK);
    assert_eq!(
        app.call(from("10.0.0.1", "198.51.100.1")).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[test]
fn the_limiter_counts_keys_separately_and_can_be_disabled() {
    let limit = Limit::parse("RATE_LIMIT", "1/minute").unwrap();
    let limiter = RateLimiter::new(limit, true);
    assert_eq!(limiter.hit("a"), None);
    assert_eq!(limiter.hit("b"), None);
    assert!(limiter.hit("a").is_some());
    let disabled = RateLimiter::new(limit, false);
    assert!((0..10).all(|_| disabled.hit("a").is_none()));
}

#[test]
fn the_window_moves_and_retry_after_counts_down() {
    let limiter = RateLimiter::new(Limit::parse("RATE_LIMIT", "2/minute").unwrap(), true);
    let start = Instant::now();
    assert_eq!(limiter.hit_at("k", start), None);
    assert_eq!(limiter.hit_at("k", start + Duration::from_secs(30)), None);
    assert_eq!(limiter.hit_at("k", start + Duration::from_secs(40)), Some(20));
    assert_eq!(limiter.hit_at("k", start + Duration::from_secs(61)), None);
}

#[test]
fn limits_are_read_in_the_limits_notation() {
    let parse = |text| Limit::parse("RATE_LIMIT", text).unwrap();
    assert_eq!(
        parse("120/minute"),
        Limit {
            count: 120,
            window: Duration::from_secs(60)
        }
    );
    assert_eq!(parse("10/second").window, Duration::from_secs(1));
    assert_eq!(
        parse("100 per hour"),
        Limit {
            count: 100,
            window: Duration::from_secs(3600)
        }
    );
    assert_eq!(parse("20/5 minutes").window, Duration::from_secs(300));
}

#[test]
fn bad_rate_limit_settings_are_refused() {
    for (name, value) in [
        ("RATE_LIMIT", "lots"),
        ("RATE_LIMIT_PER_IP", "10/fortnight"),
        ("RATE_LIMIT", "0/minute"),
        ("RATE_LIMIT_ENABLED", "maybe"),
        ("RATE_LIMIT_STORAGE_URL", "redis://localhost:6379/0"),
        ("TRUSTED_PROXIES", "not-an-ip"),
    ] {
        let mut env = test_env();
        env.set(name, value);
        let error = Settings::from_env(&env).unwrap_err();
        assert!(error.0.contains(name), "{name}: {error}");
    }
}
