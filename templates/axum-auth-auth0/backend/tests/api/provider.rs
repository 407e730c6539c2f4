//! Auth0: the audience check, the settings, the profile in the token and the userinfo
//! lookup (against a local server).

use axum::http::{HeaderMap, StatusCode};
use axum::routing::get;
use backend::auth::profile::{ProfileError, ProfileSource};
use backend::auth::provider::{Auth0Profiles, profile_from_claims};
use backend::config::Settings;
use serde_json::{Value, json};

use crate::support::{
    TestApp,
    provider::{AUDIENCE, ISSUER},
    test_env,
};

#[tokio::test]
async fn token_for_another_audience_is_rejected() {
    let app = TestApp::new().await;
    let response = app
        .get(
            "/api/users/me",
            Some(&app.token_with(json!({ "aud": "https://other.example.com" }))),
        )
        .await;
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    assert_eq!(response.detail(), "wrong token audience");
}

#[tokio::test]
async fn token_without_audience_is_rejected() {
    let app = TestApp::new().await;
    let response = app
        .get("/api/users/me", Some(&app.token_with(json!({ "aud": null }))))
        .await;
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_token_with_several_audiences_including_ours_is_accepted() {
    let app = TestApp::new().await;
    let token = app.token_with(json!({ "aud": [AUDIENCE, format!("{ISSUER}userinfo")] }));
    assert_eq!(app.get("/api/users/me", Some(&token)).await.status, StatusCode::OK);
}

#[test]
fn auth_endpoints_are_derived_from_the_provider_settings() {
    let settings = Settings::from_env(&test_env()).unwrap();
    assert_eq!(settings.auth.issuer(), ISSUER);
    assert_eq!(settings.auth.jwks_url(), format!("{ISSUER}.well-known/jwks.json"));
    assert_eq!(settings.auth.userinfo_url(), format!("{ISSUER}userinfo"));
    assert_eq!(settings.auth.audience().as_deref(), Some(AUDIENCE));
    let mut env = test_env();
    env.set("AUTH0_ISSUER", "https://login.example.com/");
    assert_eq!(
        Settings::from_env(&env).unwrap().auth.issuer(),
        "https://login.example.com/"
    );
}

#[test]
fn misread_dashboard_values_are_refused() {
    for (name, value, message) in [
        (
            "AUTH0_DOMAIN",
            "https://tenant.example.test",
            "AUTH0_DOMAIN must be a bare host name",
        ),
        (
            "AUTH0_ISSUER",
            "https://login.example.com",
            "AUTH0_ISSUER must be the exact token `iss`",
        ),
        (
            "AUTH0_ISSUER",
            "http://login.example.com/",
            "AUTH0_ISSUER must be an https:// URL",
        ),
        (
            "AUTH0_JWKS_URL",
            "http://keys.example.com",
            "AUTH0_JWKS_URL must be an https:// URL",
        ),
    ] {
        let mut env = test_env();
        env.set(name, value);
        let error = Settings::from_env(&env).unwrap_err();
        assert!(error.0.starts_with(message), "{name}: {error}");
    }
}

fn claims(value: Value) -> backend::auth::Claims {
    value.as_object().cloned().unwrap()
}

#[test]
fn the_profile_is_read_from_the_claims() {
    let settings = Settings::from_env(&test_env()).unwrap();
    let profile = profile_from_claims(
        &settings.auth,
        &claims(json!({ "email": "a@example.com", "email_verified": true, "name": "Ada", "picture": "https://img/a" })),
    );
    assert_eq!(profile.email.as_deref(), Some("a@example.com"));
    assert!(profile.email_verified);
    assert_eq!(profile.avatar_url.as_deref(), Some("https://img/a"));
    let unverified = profile_from_claims(
        &settings.auth,
        &claims(json!({ "email": "a@example.com", "email_verified": "true" })),
    );
    assert!(!unverified.email_verified);
}

async fn userinfo(status: StatusCode, body: Value) -> (String, std::sync::Arc<std::sync::Mutex<Option<String>>>) {
    let seen = std::sync::Arc::new(std::sync::Mutex::new(None));
    let recorder = seen.clone();
    let router = axum::Router::new().route(
        "/userinfo",
        get(move |headers: HeaderMap| async move {
            *recorder.lock().unwrap() = headers
                .get("authorization")
                .and_then(|v| v.to_str().ok())
                .map(String::from);
            (status, axum::Json(body))
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await });
    (format!("http://{address}/userinfo"), seen)
}

#[tokio::test]
async fn userinfo_is_asked_with_the_users_own_token() {
    let (url, seen) = userinfo(
        StatusCode::OK,
        json!({ "sub": "user_1", "email": "a@example.com", "email_verified": true }),
    )
    .await;
    let profile = Auth0Profiles::new(backend::state::http_client(), url)
        .fetch("user_1", "access-token")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(profile.email.as_deref(), Some("a@example.com"));
    assert_eq!(seen.lock().unwrap().as_deref(), Some("Bearer access-token"));
}

#[tokio::test]
async fn userinfo_about_someone_else_is_unavailable() {
    let (url, _) = userinfo(StatusCode::OK, json!({ "sub": "user_2", "email": "b@example.com" })).await;
    let answer = Auth0Profiles::new(backend::state::http_client(), url)
        .fetch("user_1", "token")
        .await;
    assert!(matches!(answer, Err(ProfileError::Unavailable(_))));
}

#[tokio::test]
async fn userinfo_errors_are_unavailable() {
    let (url, _) = userinfo(StatusCode::TOO_MANY_REQUESTS, json!({})).await;
    match Auth0Profiles::new(backend::state::http_client(), url)
        .fetch("user_1", "token")
        .await
    {
        Err(ProfileError::Unavailable(message)) => assert_eq!(message, "HTTP 429"),
        other => panic!("expected unavailable, got {other:?}"),
    }
}
