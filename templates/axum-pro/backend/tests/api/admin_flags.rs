//! /api/admin/flags: creating, changing and overriding flags (superusers only), the
//! validation answers, and concurrent writes that both succeed and leave one row.

use axum::http::{Method, StatusCode};
use serde_json::json;
use uuid::Uuid;

use crate::flags::{admin, admin_app, org_with_members, put_flag, put_override, user_id};
use crate::support::TestApp;

#[tokio::test]
async fn updating_keeps_the_description_when_omitted() {
    let app = admin_app().await;
    let token = admin(&app);
    put_flag(&app, &token, "new-ui", json!({ "description": "kept" })).await;
    let updated = put_flag(
        &app,
        &token,
        "new-ui",
        json!({ "enabled": false, "rollout_percentage": 10 }),
    )
    .await;
    assert_eq!(updated.status, StatusCode::OK);
    assert_eq!(updated.body["description"], "kept");
    assert_eq!(updated.body["rollout_percentage"], 10);
    assert_eq!(updated.body["enabled"], false);
    let listed = app.get("/api/admin/flags", Some(&token)).await;
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(listed.body["items"][0]["key"], "new-ui");
}

#[tokio::test]
async fn a_new_flag_without_description_gets_an_empty_one_and_needs_a_rollout() {
    let app = admin_app().await;
    let token = admin(&app);
    let uri = "/api/admin/flags/fresh";
    let body = json!({ "enabled": true, "rollout_percentage": 5 });
    let created = app.send(Method::PUT, uri, Some(&token), Some(body)).await;
    assert_eq!(created.status, StatusCode::OK);
    assert_eq!(created.body["description"], "");
    assert_eq!(created.body["rollout_percentage"], 5);
    let body = json!({ "enabled": true });
    let without_rollout = app.send(Method::PUT, uri, Some(&token), Some(body)).await;
    assert_eq!(without_rollout.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        without_rollout.body["detail"][0]["loc"],
        json!(["body", "rollout_percentage"])
    );
    assert_eq!(without_rollout.body["detail"][0]["type"], "missing");
}

#[tokio::test]
async fn non_superusers_get_403() {
    let app = admin_app().await;
    let user = app.token("user_1");
    let listed = app.get("/api/admin/flags", Some(&user)).await;
    assert_eq!(
        (listed.status, listed.body),
        (StatusCode::FORBIDDEN, json!({ "detail": "superuser only" }))
    );
    assert_eq!(
        put_flag(&app, &user, "new-ui", json!({})).await.status,
        StatusCode::FORBIDDEN
    );
    let body = json!({ "user_id": Uuid::new_v4(), "enabled": true });
    assert_eq!(
        put_override(&app, &user, "new-ui", body).await.status,
        StatusCode::FORBIDDEN
    );
    // The role check comes before any check of the path or body.
    assert_eq!(
        put_flag(&app, &user, "Bad%20Key", json!({ "enabled": "maybe" }))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.get("/api/admin/flags", None).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn invalid_flags_answer_422() {
    let app = admin_app().await;
    let token = admin(&app);
    let long = "k".repeat(101);
    let cases = [
        ("Bad%20Key", json!({}), json!(["path", "key"])),
        ("-leading-dash", json!({}), json!(["path", "key"])),
        (long.as_str(), json!({}), json!(["path", "key"])),
        (
            "ok",
            json!({ "rollout_percentage": 101 }),
            json!(["body", "rollout_percentage"]),
        ),
        (
            "ok",
            json!({ "rollout_percentage": -1 }),
            json!(["body", "rollout_percentage"]),
        ),
        (
            "ok",
            json!({ "rollout_percentage": "ten" }),
            json!(["body", "rollout_percentage"]),
        ),
        ("ok", json!({ "enabled": "maybe" }), json!(["body", "enabled"])),
        ("ok", json!({ "enabled": null }), json!(["body", "enabled"])),
        (
            "ok",
            json!({ "description": "x".repeat(501) }),
            json!(["body", "description"]),
        ),
        (
            "ok",
            json!({ "description": "a\u{202e}b" }),
            json!(["body", "description"]),
        ),
        ("ok", json!({ "colour": "red" }), json!(["body", "colour"])),
    ];
    for (key, body, loc) in cases {
        let response = put_flag(&app, &token, key, body.clone()).await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{key} {body}");
        assert_eq!(response.body["detail"][0]["loc"], loc, "{key} {body}");
    }
    let missing = app
        .send(Method::PUT, "/api/admin/flags/ok", Some(&token), Some(json!({})))
        .await;
    assert_eq!(missing.body["detail"][0]["type"], "missing");
    assert_eq!(app.count("SELECT count(*) FROM feature_flags").await, 0);
}

#[tokio::test]
async fn an_override_set_to_null_is_removed_and_one_can_be_changed() {
    let app = admin_app().await;
    let token = admin(&app);
    put_flag(&app, &token, "new-ui", json!({})).await;
    let user = user_id(&app, "user_1").await;
    put_override(&app, &token, "new-ui", json!({ "user_id": user, "enabled": true })).await;
    let changed = put_override(&app, &token, "new-ui", json!({ "user_id": user, "enabled": false })).await;
    assert_eq!(changed.body["user_overrides"], json!({ user.to_string(): false }));
    let removed = put_override(&app, &token, "new-ui", json!({ "user_id": user, "enabled": null })).await;
    assert_eq!(removed.status, StatusCode::OK);
    assert_eq!(removed.body["user_overrides"], json!({}));
    assert_eq!(app.count("SELECT count(*) FROM feature_flag_overrides").await, 0);
}

#[tokio::test]
async fn an_org_override_is_listed_with_the_flag() {
    let app = admin_app().await;
    let token = admin(&app);
    let org = org_with_members(&app, &["user_1"]).await;
    put_flag(&app, &token, "new-ui", json!({})).await;
    let response = put_override(&app, &token, "new-ui", json!({ "org_id": org, "enabled": false })).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.body["org_overrides"], json!({ org.to_string(): false }));
    assert_eq!(response.body["user_overrides"], json!({}));
}

#[tokio::test]
async fn an_override_needs_exactly_one_subject() {
    let app = admin_app().await;
    let token = admin(&app);
    put_flag(&app, &token, "new-ui", json!({})).await;
    let bodies = [
        json!({ "enabled": true }),
        json!({ "user_id": Uuid::new_v4(), "org_id": Uuid::new_v4(), "enabled": true }),
        json!({ "user_id": "nope", "enabled": true }),
        json!({ "user_id": Uuid::new_v4() }),
        json!({ "user_id": Uuid::new_v4(), "enabled": true, "extra": 1 }),
    ];
    for body in bodies {
        let response = put_override(&app, &token, "new-ui", body.clone()).await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    }
}

#[tokio::test]
async fn an_override_of_an_unknown_flag_user_or_org_answers_404() {
    let app = admin_app().await;
    let token = admin(&app);
    let user = user_id(&app, "user_1").await;
    let unknown_flag = put_override(&app, &token, "new-ui", json!({ "user_id": user, "enabled": true })).await;
    assert_eq!(unknown_flag.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown_flag.body, json!({ "detail": "flag not found" }));
    put_flag(&app, &token, "new-ui", json!({})).await;
    for (subject, detail) in [("user_id", "user not found"), ("org_id", "organization not found")] {
        let body = json!({ subject: Uuid::new_v4(), "enabled": true });
        let response = put_override(&app, &token, "new-ui", body).await;
        assert_eq!(
            (response.status, response.body),
            (StatusCode::NOT_FOUND, json!({ "detail": detail }))
        );
    }
}

/// Both requests are in flight together; each round uses a new key.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_concurrent_first_puts_of_a_flag_both_succeed_with_one_row() {
    let app = admin_app().await;
    let token = admin(&app);
    for round in 0..5 {
        let key = format!("race-{round}");
        let (first, second) = tokio::join!(
            put_flag(&app, &token, &key, json!({ "rollout_percentage": 10 })),
            put_flag(&app, &token, &key, json!({ "rollout_percentage": 20 })),
        );
        assert_eq!((first.status, second.status), (StatusCode::OK, StatusCode::OK), "{key}");
    }
    assert_eq!(app.count("SELECT count(*) FROM feature_flags").await, 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_concurrent_first_overrides_both_succeed_with_one_row() {
    let app = admin_app().await;
    let token = admin(&app);
    let mut users = Vec::new();
    for n in 0..5 {
        users.push(user_id(&app, &format!("racer_{n}")).await);
    }
    put_flag(&app, &token, "new-ui", json!({})).await;
    for user in &users {
        let (first, second) = tokio::join!(
            put_override(&app, &token, "new-ui", json!({ "user_id": user, "enabled": true })),
            put_override(&app, &token, "new-ui", json!({ "user_id": user, "enabled": false })),
        );
        assert_eq!((first.status, second.status), (StatusCode::OK, StatusCode::OK));
    }
    assert_eq!(app.count("SELECT count(*) FROM feature_flag_overrides").await, 5);
}

#[tokio::test]
async fn deleting_a_user_removes_their_overrides() {
    let app: TestApp = admin_app().await;
    let token = admin(&app);
    put_flag(&app, &token, "new-ui", json!({})).await;
    let user = user_id(&app, "user_1").await;
    put_override(&app, &token, "new-ui", json!({ "user_id": user, "enabled": true })).await;
    let deleted = app
        .send(Method::DELETE, "/api/users/me", Some(&app.token("user_1")), None)
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    let listed = app.get("/api/admin/flags", Some(&token)).await;
    assert_eq!(listed.body["items"][0]["user_overrides"], json!({}));
}
