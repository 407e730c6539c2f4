//! /api/orgs/{org_id}/members/{user_id}: role changes and removals and their rules.

use axum::http::{Method, StatusCode};
use serde_json::json;
use uuid::Uuid;

use super::support::{Org, audit_entries, org_with, person, role_of};
use crate::support::{TestApp, TestResponse};

async fn set_role(app: &TestApp, org: &Org, actor: &str, target: &str, role: &str) -> TestResponse {
    app.send(
        Method::PATCH,
        &org.member_url(target),
        Some(org.token(actor)),
        Some(json!({ "role": role })),
    )
    .await
}

async fn remove(app: &TestApp, org: &Org, actor: &str, target: &str) -> TestResponse {
    app.send(Method::DELETE, &org.member_url(target), Some(org.token(actor)), None)
        .await
}

#[tokio::test]
async fn an_admin_promotes_a_member_and_it_is_audited() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[("adam", "admin"), ("mia", "member")]).await;
    let response = set_role(&app, &org, "adam", "mia", "admin").await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.body["role"], "admin");
    assert_eq!(response.body["user_id"], org.id_of("mia").to_string());
    assert_eq!(response.body["email"], "mia@example.com");
    let mut keys: Vec<&String> = response.body.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["email", "joined_at", "name", "role", "user_id"]);
    let entries = audit_entries(&app, org.id).await;
    let changed = entries.iter().find(|e| e.0 == "member.role_changed").expect("audited");
    assert_eq!(changed.1, Some(org.id_of("mia").to_string()));
    assert_eq!(changed.2, json!({"from": "member", "to": "admin"}));
}

#[tokio::test]
async fn setting_the_same_role_changes_nothing_and_is_not_audited() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[("mia", "member")]).await;
    let response = set_role(&app, &org, "owner", "mia", "member").await;
    assert_eq!(response.status, StatusCode::OK);
    let entries = audit_entries(&app, org.id).await;
    assert!(entries.iter().all(|e| e.0 != "member.role_changed"));
}

#[tokio::test]
async fn an_admin_cannot_grant_owner() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[("adam", "admin"), ("mia", "member")]).await;
    let response = set_role(&app, &org, "adam", "mia", "owner").await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert_eq!(response.body, json!({"detail": "only an owner can change owners"}));
    assert_eq!(role_of(&app, org.id, org.id_of("mia")).await.as_deref(), Some("member"));
}

#[tokio::test]
async fn an_admin_cannot_demote_an_owner() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[("adam", "admin")]).await;
    let response = set_role(&app, &org, "adam", "owner", "member").await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_owner_grants_owner_and_may_then_step_down() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[("adam", "admin")]).await;
    let promoted = set_role(&app, &org, "owner", "adam", "owner").await;
    assert_eq!(promoted.status, StatusCode::OK);
    let stepped_down = set_role(&app, &org, "owner", "owner", "admin").await;
    assert_eq!(stepped_down.status, StatusCode::OK);
    assert_eq!(stepped_down.body["role"], "admin");
}

#[tokio::test]
async fn the_last_owner_cannot_be_demoted() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[]).await;
    let response = set_role(&app, &org, "owner", "owner", "admin").await;
    assert_eq!(response.status, StatusCode::CONFLICT);
    assert_eq!(response.body, json!({"detail": "the last owner cannot be demoted"}));
}

#[tokio::test]
async fn members_cannot_change_roles() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[("mia", "member"), ("max", "member")]).await;
    let response = set_role(&app, &org, "mia", "max", "admin").await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert_eq!(response.body, json!({"detail": "requires the admin role"}));
}

#[tokio::test]
async fn changing_a_non_member_answers_404() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[]).await;
    let stranger = person(&app, "stranger").await;
    let url = org.url(&format!("/members/{}", stranger.id));
    let response = app
        .send(
            Method::PATCH,
            &url,
            Some(org.token("owner")),
            Some(json!({"role": "admin"})),
        )
        .await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(response.body, json!({"detail": "member not found"}));
}

#[tokio::test]
async fn outsiders_cannot_change_members() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[("mia", "member")]).await;
    let stranger = person(&app, "stranger").await;
    let response = app
        .send(
            Method::PATCH,
            &org.member_url("mia"),
            Some(&stranger.token),
            Some(json!({"role": "admin"})),
        )
        .await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(response.body, json!({"detail": "organization not found"}));
}

#[tokio::test]
async fn an_unknown_role_answers_422() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[("mia", "member")]).await;
    for role in [json!("superuser"), json!("Owner"), json!(null), json!(3)] {
        let response = app
            .send(
                Method::PATCH,
                &org.member_url("mia"),
                Some(org.token("owner")),
                Some(json!({ "role": role })),
            )
            .await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{role}");
        assert_eq!(response.body["detail"][0]["loc"], json!(["body", "role"]));
        assert_eq!(response.body["detail"][0]["type"], "enum");
    }
}

#[tokio::test]
async fn a_malformed_user_id_answers_422_naming_it() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[]).await;
    let response = app
        .send(Method::DELETE, &org.url("/members/xyz"), Some(org.token("owner")), None)
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(response.body["detail"][0]["loc"], json!(["path", "user_id"]));
}

#[tokio::test]
async fn an_admin_removes_a_member_and_it_is_audited() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[("adam", "admin"), ("mia", "member")]).await;
    let response = remove(&app, &org, "adam", "mia").await;
    assert_eq!(response.status, StatusCode::NO_CONTENT);
    assert_eq!(role_of(&app, org.id, org.id_of("mia")).await, None);
    let entries = audit_entries(&app, org.id).await;
    let removed = entries.iter().find(|e| e.0 == "member.removed").expect("audited");
    assert_eq!(removed.1, Some(org.id_of("mia").to_string()));
    assert_eq!(removed.2, json!({"left": false}));
}

#[tokio::test]
async fn members_cannot_remove_others() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[("mia", "member"), ("max", "member")]).await;
    let response = remove(&app, &org, "mia", "max").await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert_eq!(response.body, json!({"detail": "requires the admin role"}));
}

#[tokio::test]
async fn an_admin_cannot_remove_an_owner() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[("adam", "admin")]).await;
    let response = remove(&app, &org, "adam", "owner").await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert_eq!(response.body, json!({"detail": "only an owner can remove owners"}));
}

#[tokio::test]
async fn a_member_may_leave() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[("mia", "member")]).await;
    let response = remove(&app, &org, "mia", "mia").await;
    assert_eq!(response.status, StatusCode::NO_CONTENT);
    let after = app.get(&org.url(""), Some(org.token("mia"))).await;
    assert_eq!(after.status, StatusCode::NOT_FOUND);
    let entries = audit_entries(&app, org.id).await;
    let left = entries.iter().find(|e| e.0 == "member.removed").expect("audited");
    assert_eq!(left.2, json!({"left": true}));
}

#[tokio::test]
async fn the_last_owner_cannot_leave() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[("mia", "member")]).await;
    let response = remove(&app, &org, "owner", "owner").await;
    assert_eq!(response.status, StatusCode::CONFLICT);
    assert_eq!(response.body, json!({"detail": "the last owner cannot leave"}));
}

#[tokio::test]
async fn one_of_two_owners_may_leave() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[("olga", "owner")]).await;
    let response = remove(&app, &org, "olga", "olga").await;
    assert_eq!(response.status, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn removing_from_an_unknown_org_answers_404() {
    let app = TestApp::new().await;
    let ada = person(&app, "ada").await;
    let url = format!("/api/orgs/{}/members/{}", Uuid::new_v4(), ada.id);
    let response = app.send(Method::DELETE, &url, Some(&ada.token), None).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(response.body, json!({"detail": "organization not found"}));
}
