//! /api/orgs: create, read, rename, delete; 404 for outsiders, 403 for low roles.

use axum::http::{Method, StatusCode};
use serde_json::json;
use uuid::Uuid;

use super::support::{audit_entries, create_org, org_with, person};
use crate::support::TestApp;

#[tokio::test]
async fn create_makes_the_caller_owner_and_is_audited() {
    let app = TestApp::new().await;
    let ada = person(&app, "ada").await;
    let response = create_org(&app, &ada.token, "Acme, Inc.").await;
    assert_eq!(response.status, StatusCode::CREATED);
    let body = &response.body;
    assert_eq!(body["name"], "Acme, Inc.");
    assert_eq!(body["slug"], "acme-inc");
    assert_eq!(body["role"], "owner");
    assert_eq!(body["plan"], "free");
    assert_eq!(body["subscription_status"], "none");
    let mut keys: Vec<&String> = body.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "created_at",
            "id",
            "name",
            "plan",
            "role",
            "slug",
            "subscription_status"
        ]
    );
    let id: Uuid = body["id"].as_str().unwrap().parse().unwrap();
    let entries = audit_entries(&app, id).await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].0, "org.created");
    assert_eq!(entries[0].1.as_deref(), Some("Acme, Inc."));
}

#[tokio::test]
async fn the_name_is_trimmed() {
    let app = TestApp::new().await;
    let ada = person(&app, "ada").await;
    let response = create_org(&app, &ada.token, "  Acme  ").await;
    assert_eq!(response.body["name"], "Acme");
}

#[tokio::test]
async fn slugs_stay_unique() {
    let app = TestApp::new().await;
    let a = person(&app, "a").await;
    let b = person(&app, "b").await;
    let first = create_org(&app, &a.token, "Acme").await;
    let second = create_org(&app, &b.token, "ACME").await;
    assert_eq!(first.body["slug"], "acme");
    let slug = second.body["slug"].as_str().unwrap();
    assert!(slug.starts_with("acme-") && slug.len() == "acme-".len() + 6, "{slug}");
}

#[tokio::test]
async fn create_validates_the_name() {
    let app = TestApp::new().await;
    let ada = person(&app, "ada").await;
    let long = "x".repeat(101);
    for body in [
        json!({}),
        json!({"name": ""}),
        json!({"name": "   "}),
        json!({ "name": long }),
        json!({"name": 5}),
    ] {
        let response = app
            .send(Method::POST, "/api/orgs", Some(&ada.token), Some(body.clone()))
            .await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(response.body["detail"][0]["loc"], json!(["body", "name"]), "{body}");
    }
    assert_eq!(app.count("SELECT count(*) FROM organizations").await, 0);
}

#[tokio::test]
async fn unknown_fields_and_control_characters_are_refused() {
    let app = TestApp::new().await;
    let ada = person(&app, "ada").await;
    let extra = app
        .send(
            Method::POST,
            "/api/orgs",
            Some(&ada.token),
            Some(json!({"name": "A", "slug": "x"})),
        )
        .await;
    assert_eq!(extra.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(extra.body["detail"][0]["type"], "extra_forbidden");
    let nul = create_org(&app, &ada.token, "A\u{0}B").await;
    assert_eq!(nul.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_member_reads_the_org_with_their_role() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[("mia", "member")]).await;
    let response = app.get(&org.url(""), Some(org.token("mia"))).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.body["role"], "member");
    assert_eq!(response.body["id"], org.id.to_string());
}

#[tokio::test]
async fn outsiders_and_unknown_ids_get_the_same_404() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[]).await;
    let stranger = person(&app, "stranger").await;
    let outsider = app.get(&org.url(""), Some(&stranger.token)).await;
    let unknown = app
        .get(&format!("/api/orgs/{}", Uuid::new_v4()), Some(&stranger.token))
        .await;
    assert_eq!(outsider.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(outsider.body, json!({"detail": "organization not found"}));
    assert_eq!(outsider.body, unknown.body);
}

#[tokio::test]
async fn an_admin_renames_the_org_and_it_is_audited() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[("adam", "admin")]).await;
    let response = app
        .send(
            Method::PATCH,
            &org.url(""),
            Some(org.token("adam")),
            Some(json!({"name": "Acme 2"})),
        )
        .await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.body["name"], "Acme 2");
    assert_eq!(response.body["role"], "admin");
    assert_eq!(response.body["slug"], "acme", "the slug stays");
    let entries = audit_entries(&app, org.id).await;
    let updated = entries.iter().find(|e| e.0 == "org.updated").expect("audited");
    assert_eq!(updated.1.as_deref(), Some("Acme 2"));
    assert_eq!(updated.2, json!({"previous_name": "Acme"}));
}

#[tokio::test]
async fn a_member_cannot_rename_the_org() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[("mia", "member")]).await;
    let response = app
        .send(
            Method::PATCH,
            &org.url(""),
            Some(org.token("mia")),
            Some(json!({"name": "Mine"})),
        )
        .await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert_eq!(response.body, json!({"detail": "requires the admin role"}));
}

#[tokio::test]
async fn an_outsider_cannot_rename_the_org() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[]).await;
    let stranger = person(&app, "stranger").await;
    let response = app
        .send(
            Method::PATCH,
            &org.url(""),
            Some(&stranger.token),
            Some(json!({"name": "Mine"})),
        )
        .await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn only_the_owner_deletes_the_org() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[("adam", "admin")]).await;
    let as_admin = app
        .send(Method::DELETE, &org.url(""), Some(org.token("adam")), None)
        .await;
    assert_eq!(as_admin.status, StatusCode::FORBIDDEN);
    assert_eq!(as_admin.body, json!({"detail": "requires the owner role"}));
    let as_owner = app
        .send(Method::DELETE, &org.url(""), Some(org.token("owner")), None)
        .await;
    assert_eq!(as_owner.status, StatusCode::NO_CONTENT);
    let gone = app.get(&org.url(""), Some(org.token("owner"))).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_eq!(app.count("SELECT count(*) FROM memberships").await, 0);
}

#[tokio::test]
async fn a_malformed_org_id_answers_422_naming_the_path() {
    let app = TestApp::new().await;
    let ada = person(&app, "ada").await;
    let response = app.get("/api/orgs/not-a-uuid", Some(&ada.token)).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(response.body["detail"][0]["loc"], json!(["path", "org_id"]));
    assert_eq!(response.body["detail"][0]["type"], "uuid_parsing");
}

#[tokio::test]
async fn orgs_need_a_token() {
    let app = TestApp::new().await;
    let created = app
        .send(Method::POST, "/api/orgs", None, Some(json!({"name": "A"})))
        .await;
    assert_eq!(created.status, StatusCode::UNAUTHORIZED);
    let read = app.get(&format!("/api/orgs/{}", Uuid::new_v4()), None).await;
    assert_eq!(read.status, StatusCode::UNAUTHORIZED);
}
