//! GET /api/health: 200 with the database up, 503 (never 500) for any database failure.

use axum::http::StatusCode;
use backend::state::AppState;
use serde_json::json;

use crate::support::{TestApp, TestResponse, call, test_database_url};

/// The health answer of an app whose pool points at `database_url`.
async fn health_with_database(app: &TestApp, database_url: &str) -> TestResponse {
    let options = backend::db::connect_options(database_url).unwrap();
    let mut state: AppState = app.state.clone();
    state.db = backend::db::pool(options, 2);
    let request = axum::http::Request::get("/api/health")
        .body(axum::body::Body::empty())
        .unwrap();
    call(&backend::app(state), request).await
}

#[tokio::test]
async fn health_reports_ok_with_the_database_up() {
    let app = TestApp::new().await;
    let response = app.get("/api/health", None).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(
        response.body,
        json!({ "status": "ok", "database": "ok", "version": env!("CARGO_PKG_VERSION") })
    );
}

#[tokio::test]
async fn health_answers_503_when_nothing_listens() {
    let app = TestApp::new().await;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let response = health_with_database(&app, &format!("postgresql://postgres@127.0.0.1:{port}/none")).await;
    assert_eq!(response.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.body, json!({ "status": "error", "database": "unavailable" }));
}

#[tokio::test]
async fn health_answers_503_when_the_database_does_not_exist() {
    let app = TestApp::new().await;
    let mut url = reqwest::Url::parse(&test_database_url()).unwrap();
    url.set_path("/no_such_database_for_health");
    let response = health_with_database(&app, url.as_str()).await;
    assert_eq!(response.status, StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn health_needs_no_token() {
    let app = TestApp::new().await;
    let response = app.get("/api/health", None).await;
    assert_eq!(response.status, StatusCode::OK);
    assert!(response.header("www-authenticate").is_none());
}

#[tokio::test]
async fn database_problems_are_explained_in_one_line() {
    let missing = sqlx::Error::PoolTimedOut;
    let line = backend::db::explain(&missing, "postgresql://app:secret@db.example.com:5432/app").unwrap();
    assert!(line.contains("make db"), "{line}");
    assert!(!line.contains("secret"), "the password never reaches the logs: {line}");
}

#[test]
fn asyncpgs_ssl_parameter_is_read_as_sslmode() {
    use backend::db::with_sslmode;
    let url = "postgresql://app:pw@db.example.com:5432/app?ssl=require";
    assert_eq!(
        with_sslmode(url),
        "postgresql://app:pw@db.example.com:5432/app?sslmode=require"
    );
    let options = backend::db::connect_options(url).unwrap();
    assert!(matches!(options.get_ssl_mode(), sqlx::postgres::PgSslMode::Require));
    let both = "postgresql://h/app?sslmode=verify-full&ssl=require";
    assert_eq!(with_sslmode(both), both, "an explicit sslmode wins");
}

#[tokio::test]
async fn health_answers_503_when_the_login_is_refused() {
    let app = TestApp::new().await;
    let mut url = reqwest::Url::parse(&test_database_url()).unwrap();
    url.set_username("no_such_role_for_health").unwrap();
    let response = health_with_database(&app, url.as_str()).await;
    assert_eq!(response.status, StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn health_answers_503_when_the_database_hangs() {
    let app = TestApp::new().await;
    // Accepts connections and never answers.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    let started = std::time::Instant::now();
    let response = health_with_database(&app, &format!("postgresql://postgres@127.0.0.1:{port}/hangs")).await;
    assert_eq!(response.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        started.elapsed() < backend::routes::health::TIMEOUT * 2,
        "the probe gives up in time"
    );
}
