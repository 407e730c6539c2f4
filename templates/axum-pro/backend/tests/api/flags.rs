//! /api/flags (evaluated for the caller) and flag evaluation: precedence and a stable
//! percentage rollout that places a user in the same bucket as the FastAPI backend.

use axum::http::{Method, StatusCode};
use backend::flags::{FlagOverride, FlagRow, StoredFlag, bucket, evaluate};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::{TestApp, TestResponse};

const USER: Uuid = Uuid::from_u128(0x12345678_1234_5678_1234_567812345678);
const ORG: Uuid = Uuid::from_u128(0x87654321_4321_8765_4321_876543218765);

/// The app with the superusers of FastAPI's test settings.
pub async fn admin_app() -> TestApp {
    TestApp::with_env(|env| {
        env.set("SUPERUSER_SUBJECTS", "root_subject");
        env.set("SUPERUSER_EMAILS", "admin@example.com");
    })
    .await
}

/// admin@example.com, verified: a superuser in `admin_app`.
pub fn admin(app: &TestApp) -> String {
    app.token_with(json!({ "sub": "root", "email": "admin@example.com", "email_verified": true }))
}

pub async fn put_flag(app: &TestApp, token: &str, key: &str, body: Value) -> TestResponse {
    let mut payload = json!({ "enabled": true, "rollout_percentage": 100 });
    for (name, value) in body.as_object().cloned().unwrap_or_default() {
        payload[name] = value;
    }
    app.send(
        Method::PUT,
        &format!("/api/admin/flags/{key}"),
        Some(token),
        Some(payload),
    )
    .await
}

pub async fn put_override(app: &TestApp, token: &str, key: &str, body: Value) -> TestResponse {
    let uri = format!("/api/admin/flags/{key}/overrides");
    app.send(Method::PUT, &uri, Some(token), Some(body)).await
}

async fn my_flags(app: &TestApp, token: &str, query: &str) -> Value {
    let response = app.get(&format!("/api/flags{query}"), Some(token)).await;
    assert_eq!(response.status, StatusCode::OK, "{:?}", response.body);
    response.body["flags"].clone()
}

/// The id of the user a token's subject became (it makes one request first).
pub async fn user_id(app: &TestApp, subject: &str) -> Uuid {
    app.get("/api/users/me", Some(&app.token(subject))).await;
    sqlx::query_scalar("SELECT id FROM users WHERE auth_subject = $1")
        .bind(subject)
        .fetch_one(app.db())
        .await
        .unwrap()
}

/// An organization whose members are these subjects.
pub async fn org_with_members(app: &TestApp, subjects: &[&str]) -> Uuid {
    let org = Uuid::new_v4();
    sqlx::query("INSERT INTO organizations (id, name, slug) VALUES ($1, 'Acme', $2)")
        .bind(org)
        .bind(org.to_string())
        .execute(app.db())
        .await
        .unwrap();
    for subject in subjects {
        let user = user_id(app, subject).await;
        sqlx::query("INSERT INTO memberships (id, organization_id, user_id, role) VALUES ($1, $2, $3, 'member')")
            .bind(Uuid::new_v4())
            .bind(org)
            .bind(user)
            .execute(app.db())
            .await
            .unwrap();
    }
    org
}

fn flag(enabled: bool, rollout: i32, overrides: Vec<FlagOverride>) -> StoredFlag {
    StoredFlag {
        flag: FlagRow {
            id: Uuid::nil(),
            key: "beta".into(),
            description: String::new(),
            enabled,
            rollout_percentage: rollout,
        },
        overrides,
    }
}

fn forced(user_id: Option<Uuid>, organization_id: Option<Uuid>, enabled: bool) -> FlagOverride {
    FlagOverride {
        flag_id: Uuid::nil(),
        user_id,
        organization_id,
        enabled,
    }
}

#[test]
fn the_bucket_is_the_fastapi_formula() {
    // Computed with the FastAPI backend's `bucket` (sha256("<key>:<user_id>")[:4] % 100).
    assert_eq!(bucket("beta", USER), 33);
    assert_eq!(bucket("new-ui", USER), 66);
    assert_eq!(bucket("checkout.v2", USER), 58);
    let first: Vec<u32> = (0..5).map(|n| bucket("beta", Uuid::from_u128(n))).collect();
    assert_eq!(first, [39, 28, 46, 26, 40]);
}

#[test]
fn rollout_covers_its_percentage_of_users_like_fastapi() {
    let inside = (0..2000u128)
        .filter(|n| evaluate(&flag(true, 30, vec![]), Uuid::from_u128(*n), None))
        .count();
    assert_eq!(inside, 610); // the FastAPI count for the same 2000 ids
}

#[test]
fn rollout_0_is_nobody_and_100_is_everybody() {
    for _ in 0..200 {
        let user = Uuid::new_v4();
        assert!(!evaluate(&flag(true, 0, vec![]), user, None));
        assert!(evaluate(&flag(true, 100, vec![]), user, None));
    }
}

#[test]
fn a_disabled_flag_is_off_whatever_the_rollout() {
    assert!(!evaluate(&flag(false, 100, vec![]), USER, None));
}

#[test]
fn a_user_override_wins_then_an_org_override() {
    let by_user = forced(Some(USER), None, false);
    let by_org = forced(None, Some(ORG), true);
    assert!(evaluate(&flag(false, 0, vec![by_org.clone()]), USER, Some(ORG)));
    assert!(!evaluate(&flag(false, 0, vec![by_org.clone()]), USER, None));
    assert!(!evaluate(&flag(true, 100, vec![by_org, by_user]), USER, Some(ORG)));
}

#[tokio::test]
async fn no_flags_yet() {
    let app = TestApp::new().await;
    let response = app.get("/api/flags", Some(&app.token("user_1"))).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.body, json!({ "flags": {} }));
}

#[tokio::test]
async fn flags_need_a_valid_token() {
    let app = TestApp::new().await;
    assert_eq!(app.get("/api/flags", None).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_superuser_creates_a_flag_that_users_see() {
    let app = admin_app().await;
    let created = put_flag(&app, &admin(&app), "new-ui", json!({ "description": "The new UI" })).await;
    assert_eq!(created.status, StatusCode::OK);
    assert_eq!(
        created.body,
        json!({
            "key": "new-ui", "description": "The new UI", "enabled": true,
            "rollout_percentage": 100, "user_overrides": {}, "org_overrides": {},
        })
    );
    assert_eq!(
        my_flags(&app, &app.token("user_1"), "").await,
        json!({ "new-ui": true })
    );
}

#[tokio::test]
async fn disabled_flags_are_off() {
    let app = admin_app().await;
    put_flag(&app, &admin(&app), "new-ui", json!({ "enabled": false })).await;
    assert_eq!(
        my_flags(&app, &app.token("user_1"), "").await,
        json!({ "new-ui": false })
    );
}

#[tokio::test]
async fn a_partial_rollout_answers_by_the_users_bucket() {
    let app = admin_app().await;
    put_flag(&app, &admin(&app), "beta", json!({ "rollout_percentage": 30 })).await;
    let user = user_id(&app, "user_1").await;
    let expected = bucket("beta", user) < 30;
    assert_eq!(
        my_flags(&app, &app.token("user_1"), "").await,
        json!({ "beta": expected })
    );
}

#[tokio::test]
async fn a_user_override_wins_over_a_disabled_flag() {
    let app = admin_app().await;
    let token = admin(&app);
    put_flag(&app, &token, "new-ui", json!({ "enabled": false })).await;
    let user = user_id(&app, "user_1").await;
    let response = put_override(&app, &token, "new-ui", json!({ "user_id": user, "enabled": true })).await;
    assert_eq!(response.body["user_overrides"], json!({ user.to_string(): true }));
    assert_eq!(
        my_flags(&app, &app.token("user_1"), "").await,
        json!({ "new-ui": true })
    );
    assert_eq!(
        my_flags(&app, &app.token("someone"), "").await,
        json!({ "new-ui": false })
    );
}

#[tokio::test]
async fn an_org_override_applies_when_asking_for_that_org() {
    let app = admin_app().await;
    let token = admin(&app);
    let org = org_with_members(&app, &["user_member"]).await;
    put_flag(&app, &token, "new-ui", json!({ "enabled": false })).await;
    put_override(&app, &token, "new-ui", json!({ "org_id": org, "enabled": true })).await;
    let member = app.token("user_member");
    assert_eq!(
        my_flags(&app, &member, &format!("?org_id={org}")).await,
        json!({ "new-ui": true })
    );
    assert_eq!(my_flags(&app, &member, "").await, json!({ "new-ui": false }));
}

#[tokio::test]
async fn a_user_override_beats_an_org_override() {
    let app = admin_app().await;
    let token = admin(&app);
    let org = org_with_members(&app, &["user_member", "user_1"]).await;
    put_flag(&app, &token, "new-ui", json!({})).await;
    let member = user_id(&app, "user_member").await;
    put_override(&app, &token, "new-ui", json!({ "org_id": org, "enabled": true })).await;
    put_override(&app, &token, "new-ui", json!({ "user_id": member, "enabled": false })).await;
    let query = format!("?org_id={org}");
    assert_eq!(
        my_flags(&app, &app.token("user_member"), &query).await,
        json!({ "new-ui": false })
    );
    assert_eq!(
        my_flags(&app, &app.token("user_1"), &query).await,
        json!({ "new-ui": true })
    );
}

#[tokio::test]
async fn asking_for_an_org_you_are_not_in_answers_404() {
    let app = admin_app().await;
    let org = org_with_members(&app, &["user_member"]).await;
    for org_id in [org, Uuid::new_v4()] {
        let response = app
            .get(&format!("/api/flags?org_id={org_id}"), Some(&app.token("outsider")))
            .await;
        assert_eq!(response.status, StatusCode::NOT_FOUND);
        assert_eq!(response.body, json!({ "detail": "organization not found" }));
    }
}

#[tokio::test]
async fn an_org_id_that_is_not_a_uuid_is_a_422() {
    let app = TestApp::new().await;
    for query in ["?org_id=nope", "?org_id="] {
        let response = app.get(&format!("/api/flags{query}"), Some(&app.token("user_1"))).await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(response.body["detail"][0]["loc"], json!(["query", "org_id"]));
        assert!(!response.body.to_string().contains("nope"), "echoes the input");
    }
}
