//! GET /api/orgs and GET /api/orgs/{org_id}/members: the caller's view, one page at a time.

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::support::{add_member, create_org, org_with, person};
use crate::support::TestApp;

/// Every item of a list, following `next_cursor` with `limit`.
async fn walk(app: &TestApp, url: &str, token: &str, limit: u32) -> (Vec<Value>, usize) {
    let mut items = Vec::new();
    let mut pages = 0;
    let mut cursor: Option<String> = None;
    loop {
        let mut uri = format!("{url}?limit={limit}");
        if let Some(cursor) = &cursor {
            uri.push_str(&format!("&cursor={cursor}"));
        }
        let response = app.get(&uri, Some(token)).await;
        assert_eq!(response.status, StatusCode::OK, "{:?}", response.body);
        pages += 1;
        items.extend(response.body["items"].as_array().unwrap().iter().cloned());
        match response.body["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => return (items, pages),
        }
    }
}

#[tokio::test]
async fn the_list_shows_only_the_callers_orgs_with_their_role() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[("mia", "member")]).await;
    let other = person(&app, "other").await;
    create_org(&app, &other.token, "Elsewhere").await;
    let mine = create_org(&app, org.token("mia"), "Mia's").await;
    let response = app.get("/api/orgs", Some(org.token("mia"))).await;
    assert_eq!(response.status, StatusCode::OK);
    let items = response.body["items"].as_array().unwrap();
    let names_roles: Vec<(Value, Value)> = items.iter().map(|o| (o["name"].clone(), o["role"].clone())).collect();
    assert_eq!(
        names_roles,
        [(json!("Acme"), json!("member")), (json!("Mia's"), json!("owner"))],
        "oldest first"
    );
    assert_eq!(response.body["next_cursor"], Value::Null);
    assert_eq!(items[1]["id"], mine.body["id"]);
}

#[tokio::test]
async fn orgs_are_paged_without_gaps_or_repeats() {
    let app = TestApp::new().await;
    let ada = person(&app, "ada").await;
    for n in 0..5 {
        create_org(&app, &ada.token, &format!("Org {n}")).await;
    }
    let (items, pages) = walk(&app, "/api/orgs", &ada.token, 2).await;
    let names: Vec<&str> = items.iter().map(|o| o["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Org 0", "Org 1", "Org 2", "Org 3", "Org 4"]);
    assert_eq!(pages, 3);
}

#[tokio::test]
async fn a_cursor_of_another_list_or_garbage_answers_422() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[("mia", "member"), ("max", "member")]).await;
    let members = app
        .get(&format!("{}?limit=1", org.url("/members")), Some(org.token("owner")))
        .await;
    let cursor = members.body["next_cursor"].as_str().unwrap().to_string();
    for bad in [cursor.as_str(), "garbage", "eyJ9"] {
        let response = app
            .get(&format!("/api/orgs?cursor={bad}"), Some(org.token("owner")))
            .await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert_eq!(response.body["detail"][0]["loc"], json!(["query", "cursor"]));
    }
    let limit = app.get("/api/orgs?limit=0", Some(org.token("owner"))).await;
    assert_eq!(limit.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(limit.body["detail"][0]["loc"], json!(["query", "limit"]));
}

#[tokio::test]
async fn members_see_every_member_with_their_role_in_join_order() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[("adam", "admin"), ("mia", "member")]).await;
    let response = app.get(&org.url("/members"), Some(org.token("mia"))).await;
    assert_eq!(response.status, StatusCode::OK);
    let items = response.body["items"].as_array().unwrap();
    let roles: Vec<(&str, &str)> = items
        .iter()
        .map(|m| (m["email"].as_str().unwrap(), m["role"].as_str().unwrap()))
        .collect();
    assert_eq!(
        roles,
        [
            ("owner@example.com", "owner"),
            ("adam@example.com", "admin"),
            ("mia@example.com", "member")
        ]
    );
    let mut keys: Vec<&String> = items[0].as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["email", "joined_at", "name", "role", "user_id"]);
}

#[tokio::test]
async fn members_are_paged() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[]).await;
    for n in 0..4 {
        let someone = person(&app, &format!("p{n}")).await;
        add_member(&app, org.id, someone.id, "member").await;
    }
    let (items, pages) = walk(&app, &org.url("/members"), org.token("owner"), 2).await;
    assert_eq!(items.len(), 5);
    assert_eq!(pages, 3);
    let mut ids: Vec<&str> = items.iter().map(|m| m["user_id"].as_str().unwrap()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 5);
}

#[tokio::test]
async fn outsiders_cannot_list_members() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[]).await;
    let stranger = person(&app, "stranger").await;
    let response = app.get(&org.url("/members"), Some(&stranger.token)).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(response.body, json!({"detail": "organization not found"}));
}

#[tokio::test]
async fn the_list_needs_a_token() {
    let app = TestApp::new().await;
    assert_eq!(app.get("/api/orgs", None).await.status, StatusCode::UNAUTHORIZED);
}
