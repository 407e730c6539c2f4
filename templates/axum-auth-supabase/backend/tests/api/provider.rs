//! Supabase: the audience check, the settings (JWKS or the legacy shared secret), and the
//! profile in the token.

use axum::http::StatusCode;
use backend::auth::provider::profile_from_claims;
use backend::config::Settings;
use jsonwebtoken::{Algorithm, EncodingKey};
use serde_json::{Value, json};

use crate::support::{RSA_KID, TestApp, provider::ISSUER, sign, sign_with, test_env, valid_claims};

const SECRET: &str = "a-legacy-jwt-secret-of-32-characters-or-more";

#[tokio::test]
async fn token_for_another_audience_is_rejected() {
    let app = TestApp::new().await;
    let response = app
        .get("/api/users/me", Some(&app.token_with(json!({ "aud": "anon" }))))
        .await;
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    assert_eq!(response.detail(), "wrong token audience");
}

#[test]
fn auth_endpoints_are_derived_from_the_provider_settings() {
    let settings = Settings::from_env(&test_env()).unwrap();
    assert_eq!(settings.auth.issuer(), ISSUER);
    assert_eq!(settings.auth.jwks_url(), format!("{ISSUER}/.well-known/jwks.json"));
    assert_eq!(settings.auth.audience().as_deref(), Some("authenticated"));
    assert_eq!(settings.auth.shared_secret(), None);
}

#[test]
fn a_short_jwt_secret_is_refused() {
    let mut env = test_env();
    env.set("SUPABASE_JWT_SECRET", "too-short");
    let error = Settings::from_env(&env).unwrap_err();
    assert!(
        error
            .0
            .starts_with("SUPABASE_JWT_SECRET must be the project's legacy JWT secret"),
        "{error}"
    );
}

async fn secret_mode_app() -> TestApp {
    TestApp::with_env(|env| env.set("SUPABASE_JWT_SECRET", SECRET)).await
}

#[tokio::test]
async fn the_secret_mode_accepts_hs256_tokens_signed_with_the_secret() {
    let app = secret_mode_app().await;
    let key = EncodingKey::from_secret(SECRET.as_bytes());
    let token = sign_with("", Algorithm::HS256, &key, &valid_claims(json!({})));
    assert_eq!(app.get("/api/users/me", Some(&token)).await.status, StatusCode::OK);
    assert_eq!(app.jwks.fetches(), 0, "the secret mode never fetches a JWKS");
}

#[tokio::test]
async fn the_secret_mode_refuses_asymmetric_tokens_and_other_secrets() {
    let app = secret_mode_app().await;
    let rs256 = sign(RSA_KID, &valid_claims(json!({})));
    let response = app.get("/api/users/me", Some(&rs256)).await;
    assert_eq!(response.detail(), "unsupported token algorithm");
    let other = EncodingKey::from_secret(b"another-secret-of-at-least-32-characters!!");
    let forged = sign_with("", Algorithm::HS256, &other, &valid_claims(json!({})));
    assert_eq!(app.get("/api/users/me", Some(&forged)).await.detail(), "invalid token");
}

#[tokio::test]
async fn the_jwks_mode_refuses_hs256() {
    let app = TestApp::new().await;
    let key = EncodingKey::from_secret(SECRET.as_bytes());
    let token = sign_with("", Algorithm::HS256, &key, &valid_claims(json!({})));
    assert_eq!(
        app.get("/api/users/me", Some(&token)).await.detail(),
        "unsupported token algorithm"
    );
}

fn claims(value: Value) -> backend::auth::Claims {
    value.as_object().cloned().unwrap()
}

#[test]
fn the_profile_comes_from_the_token_and_its_metadata() {
    let settings = Settings::from_env(&test_env()).unwrap();
    let token = claims(json!({
        "email": "a@example.com",
        "user_metadata": { "full_name": "Ada Lovelace", "avatar_url": "https://img/a", "email_verified": true },
    }));
    let profile = profile_from_claims(&settings.auth, &token);
    assert_eq!(profile.name.as_deref(), Some("Ada Lovelace"));
    assert_eq!(profile.avatar_url.as_deref(), Some("https://img/a"));
    assert!(
        !profile.email_verified,
        "user_metadata is writable by the user: never trusted"
    );
}

#[test]
fn the_project_setting_decides_whether_the_email_is_verified() {
    let mut env = test_env();
    env.set("SUPABASE_EMAIL_CONFIRMATION_REQUIRED", "true");
    let settings = Settings::from_env(&env).unwrap();
    let profile = profile_from_claims(&settings.auth, &claims(json!({ "email": "a@example.com" })));
    assert!(profile.email_verified);
    let hook = profile_from_claims(
        &settings.auth,
        &claims(json!({ "email": "a@example.com", "email_verified": false })),
    );
    assert!(!hook.email_verified, "a top-level claim from an access token hook wins");
}
