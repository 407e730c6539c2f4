//! /api/orgs/{org_id}/audit-log: newest first, paged by `before`, for admins only, with
//! members' sign-ins from the moment they joined (FastAPI's test_audit.py, test_accounts.py).

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use super::support::{Org, add_member, create_org, on_plan, org_with, person};
use crate::support::TestApp;

/// An org of owner, adam (admin) and mia (member), on the plan with the audit log.
async fn business_org(app: &TestApp) -> Org {
    let org = org_with(app, &[("adam", "admin"), ("mia", "member")]).await;
    on_plan(app, &org, "business").await;
    org
}

async fn log(app: &TestApp, org: &Org, who: &str, query: &str) -> Value {
    let response = app
        .get(&org.url(&format!("/audit-log{query}")), Some(org.token(who)))
        .await;
    assert_eq!(response.status, StatusCode::OK, "{:?}", response.body);
    response.body
}

/// An entry written as the app writes it, with its own timestamp.
async fn record(app: &TestApp, action: &str, actor: Option<Uuid>, org_id: Option<Uuid>, target: &str) {
    sqlx::query(
        "INSERT INTO audit_log_entries (id, action, actor_id, organization_id, target) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(Uuid::new_v4())
    .bind(action)
    .bind(actor)
    .bind(org_id)
    .bind(target)
    .execute(app.db())
    .await
    .unwrap();
}

fn items_of<'a>(page: &'a Value, action: &str) -> Vec<&'a Value> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|item| item["action"] == action)
        .collect()
}

#[tokio::test]
async fn admins_read_the_orgs_actions_newest_first() {
    let app = TestApp::new().await;
    let org = business_org(&app).await;
    let renamed = app
        .send(
            Method::PATCH,
            &org.url(""),
            Some(org.token("owner")),
            Some(json!({"name": "New"})),
        )
        .await;
    assert_eq!(renamed.status, StatusCode::OK);
    let body = json!({"email": "x@example.com"});
    let invited = app
        .send(
            Method::POST,
            &org.url("/invitations"),
            Some(org.token("owner")),
            Some(body),
        )
        .await;
    assert_eq!(invited.status, StatusCode::CREATED);
    let page = log(&app, &org, "adam", "").await;
    let actions: Vec<&Value> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| &item["action"])
        .filter(|action| *action != "user.signed_in")
        .collect();
    assert_eq!(actions, ["invitation.created", "org.updated", "org.created"]);
    let newest = &page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["action"] == "invitation.created")
        .unwrap();
    assert_eq!(newest["actor_id"], org.id_of("owner").to_string());
    assert_eq!(newest["target"], "x@example.com");
    assert_eq!(newest["metadata"], json!({"role": "member"}));
    let mut keys: Vec<&String> = newest.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["action", "actor_id", "created_at", "id", "metadata", "target"]);
    assert_eq!(page["next_before"], Value::Null);
}

#[tokio::test]
async fn members_get_403_and_outsiders_404() {
    let app = TestApp::new().await;
    let org = business_org(&app).await;
    let member = app.get(&org.url("/audit-log"), Some(org.token("mia"))).await;
    assert_eq!(member.status, StatusCode::FORBIDDEN);
    assert_eq!(member.body, json!({"detail": "requires the admin role"}));
    let outsider = person(&app, "outsider").await;
    let response = app.get(&org.url("/audit-log"), Some(&outsider.token)).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(response.body, json!({"detail": "organization not found"}));
}

#[tokio::test]
async fn pages_follow_next_before_until_the_end() {
    let app = TestApp::new().await;
    let org = business_org(&app).await;
    for n in 0..5 {
        record(
            &app,
            "test.event",
            Some(org.id_of("owner")),
            Some(org.id),
            &n.to_string(),
        )
        .await;
    }
    let mut seen = Vec::new();
    let mut query = "?limit=2".to_string();
    for _ in 0..10 {
        let page = log(&app, &org, "owner", &query).await;
        assert!(page["items"].as_array().unwrap().len() <= 2);
        seen.extend(items_of(&page, "test.event").iter().map(|item| item["target"].clone()));
        match page["next_before"].as_str() {
            Some(before) => query = format!("?limit=2&before={before}"),
            None => break,
        }
    }
    assert_eq!(seen, ["4", "3", "2", "1", "0"]);
}

#[tokio::test]
async fn members_sign_ins_are_shown_but_not_outsiders() {
    let app = TestApp::new().await;
    let org = business_org(&app).await;
    let outsider = person(&app, "outsider").await;
    // Everyone's first sight came before they joined: none of it is shown.
    assert!(items_of(&log(&app, &org, "owner", "").await, "user.signed_in").is_empty());
    for (id, token) in [
        (org.id_of("mia"), org.token("mia")),
        (outsider.id, outsider.token.as_str()),
    ] {
        last_seen_minutes_ago(&app, id, 31).await;
        app.get("/api/users/me", Some(token)).await;
    }
    let page = log(&app, &org, "owner", "").await;
    let actors: Vec<&Value> = items_of(&page, "user.signed_in")
        .iter()
        .map(|item| &item["actor_id"])
        .collect();
    assert_eq!(actors, [org.id_of("mia").to_string().as_str()]);
}

#[tokio::test]
async fn a_members_sign_ins_before_joining_or_into_another_org_are_not_shown() {
    let app = TestApp::new().await;
    let org = business_org(&app).await;
    let newcomer = person(&app, "newcomer").await;
    let bee = create_org(&app, &newcomer.token, "Bee").await.body;
    let bee_id: Uuid = bee["id"].as_str().unwrap().parse().unwrap();
    record(&app, "user.signed_in", Some(newcomer.id), None, "before-joining").await;
    record(&app, "user.signed_in", Some(newcomer.id), Some(bee_id), "into-b").await;
    add_member(&app, org.id, newcomer.id, "member").await;
    record(&app, "user.signed_in", Some(newcomer.id), None, "after").await;
    let page = log(&app, &org, "adam", "").await;
    let targets: Vec<&Value> = items_of(&page, "user.signed_in")
        .into_iter()
        .filter(|item| item["actor_id"] == newcomer.id.to_string().as_str())
        .map(|item| &item["target"])
        .collect();
    assert_eq!(targets, ["after"]);
}

#[tokio::test]
async fn another_orgs_entries_are_not_shown() {
    let app = TestApp::new().await;
    let org = business_org(&app).await;
    let other = create_org(&app, org.token("adam"), "Other").await.body;
    let other_id: Uuid = other["id"].as_str().unwrap().parse().unwrap();
    record(&app, "secret", None, Some(other_id), "x").await;
    let page = log(&app, &org, "owner", "").await;
    assert!(items_of(&page, "secret").is_empty());
    assert!(items_of(&page, "org.created").len() == 1);
}

#[tokio::test]
async fn invalid_paging_answers_422_naming_the_parameter() {
    let app = TestApp::new().await;
    let org = business_org(&app).await;
    for (query, name, kind) in [
        ("?limit=0", "limit", "greater_than_equal"),
        ("?limit=101", "limit", "less_than_equal"),
        ("?limit=x", "limit", "int_parsing"),
        ("?before=nope", "before", "uuid_parsing"),
    ] {
        let response = app
            .get(&org.url(&format!("/audit-log{query}")), Some(org.token("owner")))
            .await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(response.body["detail"][0]["loc"], json!(["query", name]), "{query}");
        assert_eq!(response.body["detail"][0]["type"], kind, "{query}");
    }
}

#[tokio::test]
async fn an_unknown_before_gives_an_empty_page() {
    let app = TestApp::new().await;
    let org = business_org(&app).await;
    let page = log(&app, &org, "owner", &format!("?before={}", Uuid::new_v4())).await;
    assert_eq!(page, json!({"items": [], "next_before": null}));
}

async fn sign_ins(app: &TestApp, user_id: Uuid) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM audit_log_entries WHERE action = 'user.signed_in' AND actor_id = $1")
        .bind(user_id)
        .fetch_one(app.db())
        .await
        .unwrap()
}

/// The user was last seen `minutes` ago; the app's user cache (which lives seconds)
/// has forgotten them since.
async fn last_seen_minutes_ago(app: &TestApp, user_id: Uuid, minutes: i32) {
    let subject: String = sqlx::query_scalar(
        "UPDATE users SET last_seen_at = now() - make_interval(mins => $2) WHERE id = $1 RETURNING auth_subject",
    )
    .bind(user_id)
    .bind(minutes)
    .fetch_one(app.db())
    .await
    .unwrap();
    app.state.user_cache.forget(&subject);
}

#[tokio::test]
async fn first_sight_and_each_new_session_are_audited() {
    let app = TestApp::new().await;
    let someone = person(&app, "someone").await;
    assert_eq!(sign_ins(&app, someone.id).await, 1);
    let entry: (Option<Uuid>, Value) =
        sqlx::query_as("SELECT organization_id, metadata FROM audit_log_entries WHERE actor_id = $1")
            .bind(someone.id)
            .fetch_one(app.db())
            .await
            .unwrap();
    assert_eq!(entry, (None, json!({})));
    last_seen_minutes_ago(&app, someone.id, 5).await;
    app.get("/api/users/me", Some(&someone.token)).await;
    assert_eq!(sign_ins(&app, someone.id).await, 1);
    last_seen_minutes_ago(&app, someone.id, 31).await;
    app.get("/api/users/me", Some(&someone.token)).await;
    assert_eq!(sign_ins(&app, someone.id).await, 2);
}
