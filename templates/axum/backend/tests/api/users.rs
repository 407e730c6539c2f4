//! /api/users/me and the users service: first sight, profile sync, updates, deletion.

use std::sync::Arc;

use axum::http::{Method, StatusCode};
use backend::auth::Profile;
use backend::config::Settings;
use backend::users::{self, User};
use serde_json::{Value, json};

use crate::support::{Answer, TestApp, test_env};

async fn user_row(app: &TestApp, subject: &str) -> User {
    users::find_by_subject(app.db(), subject)
        .await
        .unwrap()
        .expect("the user exists")
}

fn verified(email: &str) -> Answer {
    Answer::Profile(Some(Profile {
        email: Some(email.into()),
        email_verified: true,
        name: Some("From Provider".into()),
        avatar_url: None,
    }))
}

#[tokio::test]
async fn first_request_creates_the_user_from_the_token() {
    let app = TestApp::new().await;
    let token = app.token_with(json!({
        "sub": "user_new", "email": "Ada@Example.com", "email_verified": true,
        "name": "Ada", "picture": "https://img.example.com/ada.png",
    }));
    let response = app.get("/api/users/me", Some(&token)).await;
    assert_eq!(response.status, StatusCode::OK);
    let body = response.body.as_object().unwrap();
    let mut keys: Vec<&String> = body.keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "avatar_url",
            "created_at",
            "email",
            "id",
            "name",
            "plan",
            "subscription_status"
        ]
    );
    assert_eq!(body["email"], "Ada@Example.com");
    assert_eq!(body["plan"], "free");
    assert_eq!(body["subscription_status"], "none");
    let row = user_row(&app, "user_new").await;
    assert_eq!(body["id"], row.id.to_string());
    assert!(row.email_verified);
}

#[tokio::test]
async fn later_requests_reuse_the_same_user() {
    let app = TestApp::new().await;
    let first = app.get("/api/users/me", Some(&app.token("user_1"))).await;
    let second = app.get("/api/users/me", Some(&app.token("user_1"))).await;
    assert_eq!(first.body["id"], second.body["id"]);
    assert_eq!(app.count("SELECT count(*) FROM users").await, 1);
}

#[tokio::test]
async fn token_email_updates_the_stored_email() {
    let app = TestApp::new().await;
    let token = |email: &str| app.token_with(json!({ "email": email, "email_verified": true }));
    app.get("/api/users/me", Some(&token("old@example.com"))).await;
    let response = app.get("/api/users/me", Some(&token("new@example.com"))).await;
    assert_eq!(response.body["email"], "new@example.com");
}

#[tokio::test]
async fn user_without_email_claim_is_created() {
    let app = TestApp::new().await;
    let response = app.get("/api/users/me", Some(&app.token("user_plain"))).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.body["email"], Value::Null);
}

#[tokio::test]
async fn user_without_email_claim_gets_the_providers_verified_email() {
    let app = TestApp::new().await;
    app.profiles.answer(verified("ada@example.com"));
    let response = app.get("/api/users/me", Some(&app.token("user_1"))).await;
    assert_eq!(response.body["email"], "ada@example.com");
    assert_eq!(response.body["name"], "From Provider");
    assert!(user_row(&app, "user_1").await.email_verified);
}

#[tokio::test]
async fn unverified_token_email_is_stored_as_unverified() {
    let app = TestApp::new().await;
    let token = app.token_with(json!({ "email": "maybe@example.com", "email_verified": false }));
    app.get("/api/users/me", Some(&token)).await;
    let row = user_row(&app, "user_1").await;
    assert_eq!(row.email.as_deref(), Some("maybe@example.com"));
    assert!(!row.email_verified);
}

#[tokio::test]
async fn token_text_with_control_characters_is_stored_cleaned() {
    let app = TestApp::new().await;
    let token = app.token_with(json!({ "email": " ada\u{0}@example.com\u{202e} ", "email_verified": true }));
    let response = app.get("/api/users/me", Some(&token)).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.body["email"], "ada@example.com");
}

#[tokio::test]
async fn token_without_verified_email_asks_the_provider_once_on_first_sight() {
    let app = TestApp::new().await;
    app.profiles.answer(verified("ada@example.com"));
    for _ in 0..3 {
        app.get("/api/users/me", Some(&app.token("user_1"))).await;
    }
    assert_eq!(app.profiles.calls(), 1);
}

#[tokio::test]
async fn token_with_verified_email_never_asks_the_provider() {
    let app = TestApp::new().await;
    let token = app.token_with(json!({ "email": "a@example.com", "email_verified": true }));
    app.get("/api/users/me", Some(&token)).await;
    assert_eq!(app.profiles.calls(), 0);
}

#[tokio::test]
async fn unverified_email_is_rechecked_at_most_once_a_minute() {
    let app = TestApp::new().await;
    let token = app.token("user_1");
    app.get("/api/users/me", Some(&token)).await;
    app.get("/api/users/me", Some(&token)).await;
    assert_eq!(app.profiles.calls(), 1);
    sqlx::query("UPDATE users SET last_seen_at = now() - interval '2 minutes'")
        .execute(app.db())
        .await
        .unwrap();
    app.state.user_cache.forget("user_1"); // it lives seconds, not a minute
    app.get("/api/users/me", Some(&token)).await;
    assert_eq!(app.profiles.calls(), 2);
}

#[tokio::test]
async fn a_failed_lookup_still_signs_the_user_in() {
    let app = TestApp::new().await;
    app.profiles.answer(Answer::Unavailable);
    let response = app.get("/api/users/me", Some(&app.token("user_1"))).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.body["email"], Value::Null);
}

#[tokio::test]
async fn a_missing_provider_setting_fails_loudly() {
    let app = TestApp::new().await;
    app.profiles.answer(Answer::Misconfigured);
    let response = app.get("/api/users/me", Some(&app.token("user_1"))).await;
    assert_eq!(response.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(response.body, json!({ "detail": "internal server error" }));
}

#[tokio::test]
async fn last_seen_is_refreshed_only_after_a_minute() {
    let app = TestApp::new().await;
    let token = app.token("user_1");
    app.get("/api/users/me", Some(&token)).await;
    let first = user_row(&app, "user_1").await.last_seen_at.unwrap();
    app.get("/api/users/me", Some(&token)).await;
    assert_eq!(user_row(&app, "user_1").await.last_seen_at.unwrap(), first);
    sqlx::query("UPDATE users SET last_seen_at = now() - interval '2 minutes'")
        .execute(app.db())
        .await
        .unwrap();
    app.state.user_cache.forget("user_1"); // it lives seconds, not a minute
    app.get("/api/users/me", Some(&token)).await;
    assert!(user_row(&app, "user_1").await.last_seen_at.unwrap() > first);
}

#[tokio::test]
async fn concurrent_first_requests_create_one_user() {
    let app = Arc::new(TestApp::new().await);
    let token = app.token("user_race");
    let requests = (0..10).map(|_| {
        let (app, token) = (app.clone(), token.clone());
        tokio::spawn(async move { app.get("/api/users/me", Some(&token)).await })
    });
    let mut ids = Vec::new();
    for request in requests.collect::<Vec<_>>() {
        let response = request.await.unwrap();
        assert_eq!(response.status, StatusCode::OK);
        ids.push(response.body["id"].clone());
    }
    ids.dedup();
    assert_eq!(ids.len(), 1);
    assert_eq!(app.count("SELECT count(*) FROM users").await, 1);
}

#[tokio::test]
async fn a_repeated_request_is_answered_from_the_cache_without_reading_the_row() {
    let app = TestApp::new().await;
    let token = app.token("user_1");
    let first = app.get("/api/users/me", Some(&token)).await;
    assert_ne!(first.body["name"], "Changed elsewhere");
    // A write behind the app's back: only a request that reads the row would see it.
    sqlx::query("UPDATE users SET name = 'Changed elsewhere'")
        .execute(app.db())
        .await
        .unwrap();
    let response = app.get("/api/users/me", Some(&token)).await;
    assert_eq!(
        response.body["name"], first.body["name"],
        "the second request read the row"
    );
    app.state.user_cache.forget("user_1"); // as after USER_CACHE_SECONDS
    let response = app.get("/api/users/me", Some(&token)).await;
    assert_eq!(response.body["name"], "Changed elsewhere");
}

#[tokio::test]
async fn with_the_cache_off_every_request_reads_the_row() {
    let app = TestApp::with_env(|env| env.set("USER_CACHE_SECONDS", "0")).await;
    let token = app.token("user_1");
    app.get("/api/users/me", Some(&token)).await;
    sqlx::query("UPDATE users SET name = 'Changed elsewhere'")
        .execute(app.db())
        .await
        .unwrap();
    let response = app.get("/api/users/me", Some(&token)).await;
    assert_eq!(response.body["name"], "Changed elsewhere");
}

#[tokio::test]
async fn a_changed_claim_skips_the_cache_and_is_written() {
    let app = TestApp::new().await;
    let token = |email: &str| app.token_with(json!({ "email": email, "email_verified": true }));
    app.get("/api/users/me", Some(&token("old@example.com"))).await;
    let response = app.get("/api/users/me", Some(&token("new@example.com"))).await;
    assert_eq!(response.body["email"], "new@example.com");
    assert_eq!(user_row(&app, "user_1").await.email.as_deref(), Some("new@example.com"));
}

#[tokio::test]
async fn an_update_is_seen_by_the_next_request_at_once() {
    let app = TestApp::new().await;
    let token = app.token("user_1");
    app.get("/api/users/me", Some(&token)).await;
    let patch = json!({ "name": "Grace" });
    let response = app
        .send(Method::PATCH, "/api/users/me", Some(&token), Some(patch))
        .await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(app.get("/api/users/me", Some(&token)).await.body["name"], "Grace");
}

#[tokio::test]
async fn a_deleted_account_is_not_served_from_the_cache() {
    let app = TestApp::new().await;
    let token = app.token("user_1");
    let first = app.get("/api/users/me", Some(&token)).await;
    app.send(Method::DELETE, "/api/users/me", Some(&token), None).await;
    let again = app.get("/api/users/me", Some(&token)).await;
    assert_ne!(
        first.body["id"], again.body["id"],
        "the deleted row was served from the cache"
    );
    assert_eq!(app.count("SELECT count(*) FROM users").await, 1);
}

#[tokio::test]
async fn update_changes_name_and_avatar() {
    let app = TestApp::new().await;
    let token = app.token("user_1");
    let body = json!({ "name": "  Grace  ", "avatar_url": "https://img.example.com/g.png" });
    let response = app.send(Method::PATCH, "/api/users/me", Some(&token), Some(body)).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.body["name"], "Grace");
    assert_eq!(response.body["avatar_url"], "https://img.example.com/g.png");
}

#[tokio::test]
async fn update_leaves_unsent_fields_alone() {
    let app = TestApp::new().await;
    let token = app.token("user_1");
    let set = json!({ "name": "Grace", "avatar_url": "https://img.example.com/g.png" });
    app.send(Method::PATCH, "/api/users/me", Some(&token), Some(set)).await;
    let response = app
        .send(
            Method::PATCH,
            "/api/users/me",
            Some(&token),
            Some(json!({ "name": "Hopper" })),
        )
        .await;
    assert_eq!(response.body["avatar_url"], "https://img.example.com/g.png");
    let response = app
        .send(Method::PATCH, "/api/users/me", Some(&token), Some(json!({})))
        .await;
    assert_eq!(response.body["name"], "Hopper");
}

#[tokio::test]
async fn avatar_null_removes_the_picture() {
    let app = TestApp::new().await;
    let token = app.token("user_1");
    let set = json!({ "avatar_url": "https://img.example.com/g.png" });
    app.send(Method::PATCH, "/api/users/me", Some(&token), Some(set)).await;
    let response = app
        .send(
            Method::PATCH,
            "/api/users/me",
            Some(&token),
            Some(json!({ "avatar_url": null })),
        )
        .await;
    assert_eq!(response.body["avatar_url"], Value::Null);
}

#[tokio::test]
async fn invalid_updates_answer_422_naming_the_field() {
    let app = TestApp::new().await;
    let token = app.token("user_1");
    let cases = [
        (json!({ "name": "" }), "name", "string_too_short"),
        (json!({ "name": "   " }), "name", "string_too_short"),
        (json!({ "name": "x".repeat(101) }), "name", "string_too_long"),
        (json!({ "name": null }), "name", "value_error"),
        (json!({ "name": 5 }), "name", "string_type"),
        (json!({ "name": "bad\u{0}name" }), "name", "value_error"),
        (json!({ "name": "trojan\u{202e}" }), "name", "value_error"),
        (
            json!({ "avatar_url": "http://img.example.com/a.png" }),
            "avatar_url",
            "value_error",
        ),
        (json!({ "avatar_url": "not a url" }), "avatar_url", "url_parsing"),
        (
            json!({ "avatar_url": "ftp://img.example.com/a.png" }),
            "avatar_url",
            "url_scheme",
        ),
        (
            json!({ "avatar_url": format!("https://img.example.com/{}", "a".repeat(2048)) }),
            "avatar_url",
            "value_error",
        ),
        (json!({ "email": "x@example.com" }), "email", "extra_forbidden"),
    ];
    for (body, field, kind) in cases {
        let response = app
            .send(Method::PATCH, "/api/users/me", Some(&token), Some(body.clone()))
            .await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let error = &response.detail()[0];
        assert_eq!(error["loc"], json!(["body", field]), "{body}");
        assert_eq!(error["type"], kind, "{body}");
        assert!(error.get("input").is_none(), "the input is never echoed");
    }
}

#[tokio::test]
async fn a_control_character_is_named_in_the_422() {
    let app = TestApp::new().await;
    let body = json!({ "name": "bad\u{7}name" });
    let response = app
        .send(Method::PATCH, "/api/users/me", Some(&app.token("user_1")), Some(body))
        .await;
    assert_eq!(
        response.detail()[0]["msg"],
        "Value error, must not contain control or bidirectional characters (U+0007)"
    );
}

#[tokio::test]
async fn bodies_that_are_not_json_objects_answer_422() {
    let app = TestApp::new().await;
    let token = app.token("user_1");
    let response = app
        .send(Method::PATCH, "/api/users/me", Some(&token), Some(json!(["name"])))
        .await;
    assert_eq!(response.detail()[0]["type"], "model_attributes_type");
    let request = axum::http::Request::patch("/api/users/me")
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .body(axum::body::Body::from("{\"name\": "))
        .unwrap();
    let response = app.call(request).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(response.detail()[0]["type"], "json_invalid");
    assert_eq!(response.detail()[0]["loc"][0], "body");
}

#[tokio::test]
async fn a_body_over_the_limit_answers_413() {
    let app = TestApp::new().await;
    let body = json!({ "name": "x".repeat(backend::body::MAX_BODY_BYTES) });
    let response = app
        .send(Method::PATCH, "/api/users/me", Some(&app.token("user_1")), Some(body))
        .await;
    assert_eq!(response.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(response.detail(), "request body too large");
}

#[tokio::test]
async fn update_requires_a_token() {
    let app = TestApp::new().await;
    let response = app
        .send(Method::PATCH, "/api/users/me", None, Some(json!({ "name": "x" })))
        .await;
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn delete_removes_the_user() {
    let app = TestApp::new().await;
    let token = app.token("user_1");
    app.get("/api/users/me", Some(&token)).await;
    let response = app.send(Method::DELETE, "/api/users/me", Some(&token), None).await;
    assert_eq!(response.status, StatusCode::NO_CONTENT);
    assert_eq!(app.count("SELECT count(*) FROM users").await, 0);
}

#[tokio::test]
async fn signing_in_after_delete_creates_a_new_user() {
    let app = TestApp::new().await;
    let token = app.token("user_1");
    let first = app.get("/api/users/me", Some(&token)).await;
    app.send(Method::DELETE, "/api/users/me", Some(&token), None).await;
    let second = app.get("/api/users/me", Some(&token)).await;
    assert_eq!(second.status, StatusCode::OK);
    assert_ne!(first.body["id"], second.body["id"]);
}

fn settings_with(subjects: &str, emails: &str) -> Settings {
    let mut env = test_env();
    env.set("SUPERUSER_SUBJECTS", subjects);
    env.set("SUPERUSER_EMAILS", emails);
    Settings::from_env(&env).unwrap()
}

async fn stored_user(app: &TestApp, subject: &str, email: &str, verified: bool) -> User {
    let token = app.token_with(json!({ "sub": subject, "email": email, "email_verified": verified }));
    app.get("/api/users/me", Some(&token)).await;
    user_row(app, subject).await
}

#[tokio::test]
async fn superusers_are_listed_by_subject_or_verified_email() {
    let app = TestApp::new().await;
    let settings = settings_with("user_admin", "Boss@Example.com");
    assert!(users::is_superuser(
        &settings,
        &stored_user(&app, "user_admin", "a@example.com", false).await
    ));
    assert!(users::is_superuser(
        &settings,
        &stored_user(&app, "user_boss", "boss@example.com", true).await
    ));
    assert!(!users::is_superuser(
        &settings,
        &stored_user(&app, "user_other", "other@example.com", true).await
    ));
}

#[tokio::test]
async fn an_unverified_superuser_email_grants_nothing() {
    let app = TestApp::new().await;
    let settings = settings_with("", "boss@example.com");
    assert!(!users::is_superuser(
        &settings,
        &stored_user(&app, "user_boss", "boss@example.com", false).await
    ));
}

#[tokio::test]
async fn hostile_json_bodies_answer_422_never_500() {
    let app = TestApp::new().await;
    let token = app.token("user_1");
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    for body in [
        deep.as_str(),
        r#"{"name": "\ud800"}"#,
        "{\"name\": \"a\"} trailing",
        "\u{feff}{}",
    ] {
        let request = axum::http::Request::patch("/api/users/me")
            .header("authorization", format!("Bearer {token}"))
            .header("content-type", "application/json")
            .body(axum::body::Body::from(body.to_string()))
            .unwrap();
        let response = app.call(request).await;
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            &body[..body.len().min(40)]
        );
        assert_eq!(response.detail()[0]["type"], "json_invalid");
    }
}
