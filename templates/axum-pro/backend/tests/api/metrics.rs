//! GET /api/metrics: Prometheus text labelled by route template, behind METRICS_TOKEN when
//! it is set (the test settings set it), absent from the OpenAPI document; production
//! refuses to start without the token.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, StatusCode, header};
use backend::config::{Env, Settings};
use tower::ServiceExt;

use crate::support::{TestApp, call, test_env};

/// GET /api/metrics as text: status, content type, body.
async fn metrics_text(app: &TestApp, authorization: Option<&str>) -> (StatusCode, Option<String>, String) {
    let mut request = Request::get("/api/metrics");
    if let Some(value) = authorization {
        request = request.header(header::AUTHORIZATION, value);
    }
    let mut request = request.body(Body::empty()).unwrap();
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 50_000))));
    let response = app.router.clone().oneshot(request).await.unwrap();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    (status, content_type, String::from_utf8_lossy(&bytes).into_owned())
}

#[tokio::test]
async fn metrics_count_requests_by_route_template() {
    let app = TestApp::with_env(|env| env.set("METRICS_TOKEN", "")).await;
    let token = app.token("user_1");
    app.get("/api/health", None).await;
    app.get("/api/flags?org_id=00000000-0000-0000-0000-000000000000", Some(&token))
        .await;
    app.send(Method::PUT, "/api/admin/flags/secret-key-in-path", Some(&token), None)
        .await;
    app.get("/api/no/such/path/tok_s3cr3t", None).await;
    let (status, content_type, text) = metrics_text(&app, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.unwrap_or_default().starts_with("text/plain"));
    assert!(
        text.contains(r#"http_requests_total{method="GET",route="/api/health",status="200"}"#),
        "{text}"
    );
    assert!(text.contains(r#"route="/api/flags""#), "{text}");
    assert!(text.contains(r#"route="/api/admin/flags/{key}""#), "{text}");
    assert!(text.contains(r#"route="unmatched""#), "{text}");
    assert!(!text.contains("00000000-0000"));
    assert!(!text.contains("secret-key-in-path") && !text.contains("tok_s3cr3t"));
    assert!(text.contains("http_request_duration_seconds_bucket"));
    assert!(text.contains("# TYPE http_requests_total counter"));
}

#[tokio::test]
async fn the_metrics_token_is_required_when_set() {
    let app = TestApp::with_env(|env| env.set("METRICS_TOKEN", "s3cret")).await;
    assert_eq!(metrics_text(&app, None).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(
        metrics_text(&app, Some("Bearer nope")).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        metrics_text(&app, Some("Bearer s3cret ")).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(metrics_text(&app, Some("s3cret")).await.0, StatusCode::UNAUTHORIZED);
    let wrong = app.get("/api/metrics", None).await;
    assert_eq!(wrong.body, serde_json::json!({ "detail": "not authenticated" }));
    assert_eq!(wrong.header("www-authenticate"), Some("Bearer"));
    assert_eq!(metrics_text(&app, Some("Bearer s3cret")).await.0, StatusCode::OK);
}

#[tokio::test]
async fn metrics_are_not_in_the_openapi_document() {
    let app = TestApp::new().await;
    let document = app.get("/api/openapi.json", None).await.body;
    assert!(document["paths"].get("/api/metrics").is_none());
    assert!(document["paths"].get("/api/admin/flags").is_some());
}

#[test]
fn production_refuses_to_start_without_a_metrics_token() {
    let production = |token: &str| {
        let mut env: Env = test_env();
        for (name, value) in [
            ("ENVIRONMENT", "production"),
            ("DATABASE_URL", "postgresql://app:s3cret-Pw@db.internal:5432/app"),
            ("ALLOWED_ORIGINS", "https://app.example.com"),
            ("FRONTEND_URL", "https://app.example.com"),
            ("METRICS_TOKEN", token),
        ] {
            env.set(name, value);
        }
        Settings::from_env(&env)
    };
    let error = production("").unwrap_err();
    assert!(error.0.contains("METRICS_TOKEN must be set"), "{error}");
    assert!(production("a-real-metrics-token").is_ok());
}

#[tokio::test]
async fn requests_are_counted_through_the_whole_stack() {
    let app = TestApp::with_env(|env| env.set("METRICS_TOKEN", "")).await;
    let before = count_of(&metrics_text(&app, None).await.2, "/api/openapi.json");
    for _ in 0..3 {
        call(
            &app.router,
            Request::get("/api/openapi.json").body(Body::empty()).unwrap(),
        )
        .await;
    }
    let after = count_of(&metrics_text(&app, None).await.2, "/api/openapi.json");
    assert!(after >= before + 3.0, "{before} -> {after}");
}

/// The GET 200 count of a route in the exposition text.
fn count_of(text: &str, route: &str) -> f64 {
    let series = format!(r#"http_requests_total{{method="GET",route="{route}",status="200"}} "#);
    text.lines()
        .find_map(|line| line.strip_prefix(&series))
        .and_then(|value| value.parse().ok())
        .unwrap_or(0.0)
}
