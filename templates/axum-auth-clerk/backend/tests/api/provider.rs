//! Clerk: the authorized party check, the settings, the profile in the token and the
//! Backend API lookup (against a local server).

use axum::http::{HeaderMap, StatusCode};
use axum::routing::get;
use backend::auth::profile::{ProfileError, ProfileSource};
use backend::auth::provider::{ClerkProfiles, clerk_profile, profile_from_claims};
use backend::config::Settings;
use serde_json::{Value, json};

use crate::support::{TestApp, provider::ISSUER, test_env};

#[tokio::test]
async fn token_for_another_authorized_party_is_rejected() {
    let app = TestApp::new().await;
    let response = app
        .get(
            "/api/users/me",
            Some(&app.token_with(json!({ "azp": "https://evil.example.com" }))),
        )
        .await;
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    assert_eq!(response.detail(), "token issued to an unauthorized party");
}

#[tokio::test]
async fn clerk_session_token_without_aud_or_azp_is_accepted() {
    let app = TestApp::new().await;
    let token = app.token_with(json!({ "azp": null }));
    assert_eq!(app.get("/api/users/me", Some(&token)).await.status, StatusCode::OK);
}

#[test]
fn auth_endpoints_are_derived_from_the_provider_settings() {
    let settings = Settings::from_env(&test_env()).unwrap();
    assert_eq!(settings.auth.issuer(), ISSUER);
    assert_eq!(settings.auth.jwks_url(), format!("{ISSUER}/.well-known/jwks.json"));
    assert_eq!(settings.auth.audience(), None);
    assert_eq!(
        settings.auth.authorized_parties(),
        Some(vec!["http://localhost:3000".to_string()])
    );
    let mut env = test_env();
    env.set("CLERK_AUTHORIZED_PARTIES", "https://app.example.com/");
    env.set("CLERK_JWKS_URL", "https://keys.example.com/jwks");
    let settings = Settings::from_env(&env).unwrap();
    assert_eq!(
        settings.auth.authorized_parties(),
        Some(vec!["https://app.example.com".to_string()])
    );
    assert_eq!(settings.auth.jwks_url(), "https://keys.example.com/jwks");
}

fn claims(value: Value) -> backend::auth::Claims {
    value.as_object().cloned().unwrap()
}

#[test]
fn the_profile_is_read_from_the_claims() {
    let settings = Settings::from_env(&test_env()).unwrap();
    let profile = profile_from_claims(
        &settings.auth,
        &claims(
            json!({ "email": "a@example.com", "email_verified": true, "name": "Ada", "image_url": "https://img/a" }),
        ),
    );
    assert_eq!(profile.email.as_deref(), Some("a@example.com"));
    assert!(profile.email_verified);
    assert_eq!(profile.name.as_deref(), Some("Ada"));
    assert_eq!(profile.avatar_url.as_deref(), Some("https://img/a"));
}

#[test]
fn the_email_is_verified_only_by_a_true_email_verified_claim() {
    let settings = Settings::from_env(&test_env()).unwrap();
    for verified in [json!("true"), json!(1), json!(null), json!(false)] {
        let profile = profile_from_claims(
            &settings.auth,
            &claims(json!({ "email": "a@example.com", "email_verified": verified })),
        );
        assert!(!profile.email_verified, "{verified}");
    }
}

fn clerk_user(status: &str) -> Value {
    json!({
        "primary_email_address_id": "idn_2",
        "email_addresses": [
            { "id": "idn_1", "email_address": "old@example.com", "verification": { "status": "verified" } },
            { "id": "idn_2", "email_address": "ada@example.com", "verification": { "status": status } },
        ],
        "first_name": "Ada", "last_name": "Lovelace", "image_url": "https://img.clerk.com/a",
    })
}

#[test]
fn the_clerk_profile_is_the_primary_address() {
    let profile = clerk_profile(&clerk_user("verified")).unwrap();
    assert_eq!(profile.email.as_deref(), Some("ada@example.com"));
    assert!(profile.email_verified);
    assert_eq!(profile.name.as_deref(), Some("Ada Lovelace"));
    for status in ["unverified", "expired", "failed"] {
        assert!(!clerk_profile(&clerk_user(status)).unwrap().email_verified, "{status}");
    }
    assert_eq!(clerk_profile(&json!({ "first_name": "Ada" })).unwrap().email, None);
    assert!(matches!(
        clerk_profile(&json!(["not", "a", "user"])),
        Err(ProfileError::Unavailable(_))
    ));
}

/// A local stand-in for Clerk's Backend API: `GET /users/{id}` answers `status` and `body`
/// and records the Authorization header it was sent.
async fn clerk_api(status: StatusCode, body: Value) -> (String, std::sync::Arc<std::sync::Mutex<Option<String>>>) {
    let seen = std::sync::Arc::new(std::sync::Mutex::new(None));
    let recorder = seen.clone();
    let router = axum::Router::new().route(
        "/v1/users/{id}",
        get(move |headers: HeaderMap| async move {
            let auth = headers
                .get("authorization")
                .and_then(|v| v.to_str().ok())
                .map(String::from);
            *recorder.lock().unwrap() = auth;
            (status, axum::Json(body))
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await });
    (format!("http://{address}/v1"), seen)
}

#[tokio::test]
async fn the_backend_api_is_read_with_the_secret_key() {
    let (url, seen) = clerk_api(StatusCode::OK, clerk_user("verified")).await;
    let profiles = ClerkProfiles::new(backend::state::http_client(), "sk_test_abc".into(), url);
    let profile = profiles.fetch("user_1", "the-session-token").await.unwrap().unwrap();
    assert_eq!(profile.email.as_deref(), Some("ada@example.com"));
    assert_eq!(seen.lock().unwrap().as_deref(), Some("Bearer sk_test_abc"));
}

#[tokio::test]
async fn backend_api_errors_are_unavailable_and_never_carry_the_key() {
    let (url, _) = clerk_api(StatusCode::INTERNAL_SERVER_ERROR, json!({ "errors": [] })).await;
    let profiles = ClerkProfiles::new(backend::state::http_client(), "sk_test_abc".into(), url);
    match profiles.fetch("user_1", "token").await {
        Err(ProfileError::Unavailable(message)) => {
            assert_eq!(message, "HTTP 500");
        }
        other => panic!("expected unavailable, got {other:?}"),
    }
}

#[tokio::test]
async fn a_lookup_without_the_secret_key_names_the_setting() {
    for key in ["", "sk_test_your-key"] {
        let profiles = ClerkProfiles::new(
            backend::state::http_client(),
            key.into(),
            "http://127.0.0.1:9/v1".into(),
        );
        match profiles.fetch("user_1", "token").await {
            Err(ProfileError::Config(message)) => {
                assert!(message.starts_with("CLERK_SECRET_KEY is not set"), "{message}")
            }
            other => panic!("expected a config error, got {other:?}"),
        }
    }
}
