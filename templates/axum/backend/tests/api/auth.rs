//! Access tokens: every way a token can be wrong, and the JWKS cache (one shared fetch,
//! rotation with a refetch floor, TTL, outages).

use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use backend::auth::jwks::{HttpJwks, JwksFetcher, parse_jwks};
use backend::state::verifier_with;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey};
use serde_json::{Value, json};

use crate::support::{EC_KID, RSA_KID, TestApp, TestResponse, jwks, keys, rsa_jwk, sign, sign_with, valid_claims};

async fn me(app: &TestApp, token: &str) -> TestResponse {
    app.get("/api/users/me", Some(token)).await
}

async fn refused(app: &TestApp, token: &str, detail: &str) {
    let response = me(app, token).await;
    assert_eq!(response.status, StatusCode::UNAUTHORIZED, "{response:?}");
    assert_eq!(response.detail(), detail);
}

#[tokio::test]
async fn valid_rs256_token_is_accepted() {
    let app = TestApp::new().await;
    let response = me(&app, &app.token("user_rs")).await;
    assert_eq!(response.status, StatusCode::OK);
}

#[tokio::test]
async fn valid_es256_token_is_accepted() {
    let app = TestApp::new().await;
    let token = sign(EC_KID, &valid_claims(json!({ "sub": "user_ec" })));
    assert_eq!(me(&app, &token).await.status, StatusCode::OK);
}

#[tokio::test]
async fn expired_token_is_rejected() {
    let app = TestApp::new().await;
    let now = crate::support::now();
    refused(
        &app,
        &app.token_with(json!({ "exp": now - 60, "iat": now - 120 })),
        "token expired",
    )
    .await;
}

#[tokio::test]
async fn token_not_yet_valid_is_rejected() {
    let app = TestApp::new().await;
    refused(
        &app,
        &app.token_with(json!({ "nbf": crate::support::now() + 120 })),
        "token not yet valid",
    )
    .await;
}

#[tokio::test]
async fn token_from_another_issuer_is_rejected() {
    let app = TestApp::new().await;
    refused(
        &app,
        &app.token_with(json!({ "iss": "https://evil.example.test" })),
        "wrong token issuer",
    )
    .await;
}

#[tokio::test]
async fn token_without_exp_is_rejected() {
    let app = TestApp::new().await;
    refused(&app, &app.token_with(json!({ "exp": null })), "invalid token").await;
}

#[tokio::test]
async fn token_without_subject_is_rejected() {
    let app = TestApp::new().await;
    refused(&app, &app.token_with(json!({ "sub": null })), "invalid token").await;
}

#[tokio::test]
async fn token_with_empty_subject_is_rejected() {
    let app = TestApp::new().await;
    refused(&app, &app.token(""), "invalid token subject").await;
}

#[tokio::test]
async fn token_with_a_subject_that_cannot_be_stored_is_rejected() {
    let app = TestApp::new().await;
    for sub in [
        "user\u{0}1".to_string(),
        "x".repeat(256),
        " padded".to_string(),
        "rtl\u{202e}".to_string(),
    ] {
        refused(&app, &app.token(&sub), "invalid token subject").await;
    }
    assert_eq!(app.count("SELECT count(*) FROM users").await, 0);
}

#[tokio::test]
async fn longest_storable_subject_is_accepted() {
    let app = TestApp::new().await;
    assert_eq!(me(&app, &app.token(&"s".repeat(255))).await.status, StatusCode::OK);
}

fn unsigned(header: Value, claims: &serde_json::Map<String, Value>) -> String {
    let encode = |value: &Value| URL_SAFE_NO_PAD.encode(value.to_string());
    format!("{}.{}.", encode(&header), encode(&Value::Object(claims.clone())))
}

#[tokio::test]
async fn alg_none_is_rejected() {
    let app = TestApp::new().await;
    let token = unsigned(json!({ "alg": "none", "kid": RSA_KID }), &valid_claims(json!({})));
    refused(&app, &token, "unsupported token algorithm").await;
}

#[tokio::test]
async fn hs256_signed_with_the_public_key_is_rejected() {
    let app = TestApp::new().await;
    // The classic confusion attack: the public key (known to all) used as an HMAC secret.
    let key = EncodingKey::from_secret(keys::RSA_N.as_bytes());
    let token = sign_with(RSA_KID, Algorithm::HS256, &key, &valid_claims(json!({})));
    refused(&app, &token, "unsupported token algorithm").await;
}

#[tokio::test]
async fn algorithm_not_matching_the_key_is_rejected() {
    let app = TestApp::new().await;
    let key = EncodingKey::from_ec_pem(keys::EC_PEM.as_bytes()).unwrap();
    let token = sign_with(RSA_KID, Algorithm::ES256, &key, &valid_claims(json!({})));
    refused(&app, &token, "token algorithm does not match its key").await;
}

#[tokio::test]
async fn signature_from_another_key_with_a_known_kid_is_rejected() {
    let app = TestApp::new().await;
    let key = EncodingKey::from_rsa_pem(keys::RSA2_PEM.as_bytes()).unwrap();
    let token = sign_with(RSA_KID, Algorithm::RS256, &key, &valid_claims(json!({})));
    refused(&app, &token, "invalid token").await;
}

#[tokio::test]
async fn tampered_claims_are_rejected() {
    let app = TestApp::new().await;
    let token = app.token("user_1");
    let parts: Vec<&str> = token.split('.').collect();
    let forged = URL_SAFE_NO_PAD.encode(Value::Object(valid_claims(json!({ "sub": "admin" }))).to_string());
    refused(&app, &format!("{}.{}.{}", parts[0], forged, parts[2]), "invalid token").await;
}

#[tokio::test]
async fn malformed_tokens_are_rejected() {
    let app = TestApp::new().await;
    for token in ["abc", "a.b", "a.b.c.d", "!!!.e30.sig", "e30.e30.sig"] {
        let response = me(&app, token).await;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED, "{token}");
        let detail = response.detail().as_str().unwrap();
        assert!(
            ["malformed token", "unsupported token algorithm"].contains(&detail),
            "{token}: {detail}"
        );
    }
}

#[tokio::test]
async fn token_without_kid_is_rejected() {
    let app = TestApp::new().await;
    let key = EncodingKey::from_rsa_pem(keys::RSA_PEM.as_bytes()).unwrap();
    let token = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(Algorithm::RS256),
        &valid_claims(json!({})),
        &key,
    )
    .unwrap();
    refused(&app, &token, "token has no key id").await;
}

#[tokio::test]
async fn unknown_kid_refetches_and_accepts_a_rotated_key() {
    let app = TestApp::with_env(|env| env.set("JWKS_MIN_REFETCH_SECONDS", "0")).await;
    assert_eq!(me(&app, &app.token("user_1")).await.status, StatusCode::OK);
    app.jwks.set(json!({ "keys": [rsa_jwk("test-rsa2", keys::RSA2_N)] }));
    let rotated = sign("test-rsa2", &valid_claims(json!({})));
    assert_eq!(me(&app, &rotated).await.status, StatusCode::OK);
    assert_eq!(app.jwks.fetches(), 2);
}

#[tokio::test]
async fn unknown_kid_refetch_has_a_floor() {
    let app = TestApp::with_env(|env| env.set("JWKS_MIN_REFETCH_SECONDS", "60")).await;
    assert_eq!(me(&app, &app.token("user_1")).await.status, StatusCode::OK);
    let forged = sign("test-rsa2", &valid_claims(json!({})));
    for _ in 0..5 {
        refused(&app, &forged, "unknown signing key").await;
    }
    assert_eq!(
        app.jwks.fetches(),
        1,
        "a flood of unknown kids must not become a flood of fetches"
    );
}

#[tokio::test]
async fn concurrent_first_requests_share_one_fetch() {
    let app = Arc::new(TestApp::new().await);
    *app.jwks.delay.lock().unwrap() = Duration::from_millis(200);
    let token = app.token("user_1");
    let verifier = app.state.verifier.clone();
    let checks = (0..10).map(|_| {
        let (verifier, token) = (verifier.clone(), token.clone());
        tokio::spawn(async move { verifier.verify(&token).await })
    });
    for check in checks.collect::<Vec<_>>() {
        assert!(check.await.unwrap().is_ok());
    }
    assert_eq!(app.jwks.fetches(), 1);
}

#[tokio::test]
async fn keys_are_cached_between_requests() {
    let app = TestApp::new().await;
    for _ in 0..3 {
        assert_eq!(me(&app, &app.token("user_1")).await.status, StatusCode::OK);
    }
    assert_eq!(app.jwks.fetches(), 1);
}

#[tokio::test]
async fn keys_are_refetched_after_the_ttl() {
    let app = TestApp::with_env(|env| {
        env.set("JWKS_CACHE_TTL_SECONDS", "0.2");
        env.set("JWKS_MIN_REFETCH_SECONDS", "0");
    })
    .await;
    assert_eq!(me(&app, &app.token("user_1")).await.status, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(250)).await;
    assert_eq!(me(&app, &app.token("user_1")).await.status, StatusCode::OK);
    assert_eq!(app.jwks.fetches(), 2);
}

#[tokio::test]
async fn stale_keys_are_used_while_the_jwks_is_down() {
    let app = TestApp::with_env(|env| {
        env.set("JWKS_CACHE_TTL_SECONDS", "0.1");
        env.set("JWKS_MIN_REFETCH_SECONDS", "0");
    })
    .await;
    assert_eq!(me(&app, &app.token("user_1")).await.status, StatusCode::OK);
    app.jwks.fail(true);
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert_eq!(me(&app, &app.token("user_1")).await.status, StatusCode::OK);
    assert_eq!(app.jwks.fetches(), 2);
}

#[tokio::test]
async fn jwks_outage_without_cached_keys_answers_503() {
    let app = TestApp::new().await;
    app.jwks.fail(true);
    let response = me(&app, &app.token("user_1")).await;
    assert_eq!(response.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.detail(), "authentication temporarily unavailable");
}

#[tokio::test]
async fn invalid_jwks_document_is_unavailable() {
    let app = TestApp::new().await;
    app.jwks.set(json!({ "not": "a jwks" }));
    assert_eq!(
        me(&app, &app.token("user_1")).await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );
}

/// Serve `document` at http://127.0.0.1:<port>/jwks.json until the test ends.
async fn serve_jwks(document: Value) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let router = axum::Router::new().route(
        "/jwks.json",
        axum::routing::get(move || async move { axum::Json(document) }),
    );
    tokio::spawn(async move { axum::serve(listener, router).await });
    format!("http://{address}/jwks.json")
}

#[tokio::test]
async fn the_jwks_is_fetched_over_http() {
    let url = serve_jwks(jwks()).await;
    let fetcher = HttpJwks::new(backend::state::http_client(), url, Duration::from_secs(5));
    let document = fetcher.fetch().await.unwrap();
    assert_eq!(parse_jwks(&document).unwrap().len(), 2);
}

#[tokio::test]
async fn unreachable_jwks_answers_503() {
    let app = TestApp::new().await;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed = format!("http://{}/jwks.json", listener.local_addr().unwrap());
    drop(listener);
    let fetcher = Arc::new(HttpJwks::new(
        backend::state::http_client(),
        closed,
        Duration::from_secs(2),
    ));
    let verifier = verifier_with(&app.state.settings, fetcher);
    let error = verifier.verify(&app.token("user_1")).await.unwrap_err();
    assert_eq!(error, backend::auth::AuthError::Unavailable);
}

#[tokio::test]
async fn jwks_parsing_keeps_only_asymmetric_signing_keys() {
    let document = json!({ "keys": [
        rsa_jwk("rsa", keys::RSA_N),
        crate::support::ec_jwk("ec"),
        { "kty": "RSA", "kid": "enc", "use": "enc", "n": keys::RSA_N, "e": "AQAB" },
        { "kty": "oct", "kid": "hmac", "k": "c2VjcmV0" },
        { "kty": "EC", "kid": "p384", "crv": "P-384", "x": keys::EC_X, "y": keys::EC_Y },
        { "kty": "RSA", "kid": "wrong-alg", "alg": "RS512", "n": keys::RSA_N, "e": "AQAB" },
        { "kty": "RSA", "n": keys::RSA_N, "e": "AQAB" },
    ]});
    let mut kids: Vec<String> = parse_jwks(&document).unwrap().into_keys().collect();
    kids.sort();
    assert_eq!(kids, ["ec", "rsa"]);
}

#[tokio::test]
async fn jwks_parsing_refuses_non_jwks_documents() {
    for document in [json!([]), json!({ "keys": "x" }), json!("text"), json!({})] {
        assert!(parse_jwks(&document).is_err(), "{document}");
    }
}

#[tokio::test]
async fn missing_bearer_token_answers_401() {
    let app = TestApp::new().await;
    let response = app.get("/api/users/me", None).await;
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    assert_eq!(response.body, json!({ "detail": "not authenticated" }));
    assert_eq!(response.header("www-authenticate"), Some("Bearer"));
}

#[tokio::test]
async fn another_authorization_scheme_is_not_authenticated() {
    let app = TestApp::new().await;
    let request = axum::http::Request::get("/api/users/me")
        .header("authorization", format!("Basic {}", app.token("user_1")))
        .body(axum::body::Body::empty())
        .unwrap();
    let response = app.call(request).await;
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    assert_eq!(response.detail(), "not authenticated");
}

#[tokio::test]
async fn invalid_token_answers_401_with_www_authenticate() {
    let app = TestApp::new().await;
    let response = me(&app, "not-a-token").await;
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    assert_eq!(response.header("www-authenticate"), Some("Bearer"));
}
