//! Organizations with people in given roles, and the people's tokens.

use std::collections::HashMap;

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::{TestApp, TestResponse};

/// A signed-in person: their token and user id.
#[derive(Clone)]
pub struct Person {
    pub token: String,
    pub id: Uuid,
}

/// A person with a verified e-mail `<sub>@example.com`, created by their first request.
pub async fn person(app: &TestApp, sub: &str) -> Person {
    let token = app.token_with(json!({
        "sub": sub, "email": format!("{sub}@example.com"), "email_verified": true, "name": sub,
    }));
    let me = app.get("/api/users/me", Some(&token)).await;
    assert_eq!(me.status, StatusCode::OK, "{:?}", me.body);
    let id = me.body["id"].as_str().unwrap().parse().unwrap();
    Person { token, id }
}

/// An organization created by `owner`, with each `(sub, role)` of `others` added.
pub struct Org {
    pub id: Uuid,
    pub people: HashMap<String, Person>,
}

impl Org {
    pub fn token(&self, sub: &str) -> &str {
        &self.people[sub].token
    }

    pub fn id_of(&self, sub: &str) -> Uuid {
        self.people[sub].id
    }

    pub fn url(&self, rest: &str) -> String {
        format!("/api/orgs/{}{rest}", self.id)
    }

    pub fn member_url(&self, sub: &str) -> String {
        self.url(&format!("/members/{}", self.id_of(sub)))
    }
}

pub async fn create_org(app: &TestApp, token: &str, name: &str) -> TestResponse {
    app.send(Method::POST, "/api/orgs", Some(token), Some(json!({ "name": name })))
        .await
}

/// "owner" creates "Acme"; `others` join with their roles.
pub async fn org_with(app: &TestApp, others: &[(&str, &str)]) -> Org {
    let owner = person(app, "owner").await;
    let created = create_org(app, &owner.token, "Acme").await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    let id: Uuid = created.body["id"].as_str().unwrap().parse().unwrap();
    let mut people = HashMap::from([("owner".to_string(), owner)]);
    for (sub, role) in others {
        let someone = person(app, sub).await;
        add_member(app, id, someone.id, role).await;
        people.insert(sub.to_string(), someone);
    }
    Org { id, people }
}

pub async fn add_member(app: &TestApp, org_id: Uuid, user_id: Uuid, role: &str) {
    sqlx::query("INSERT INTO memberships (id, organization_id, user_id, role) VALUES ($1, $2, $3, $4)")
        .bind(Uuid::new_v4())
        .bind(org_id)
        .bind(user_id)
        .bind(role)
        .execute(app.db())
        .await
        .unwrap();
}

/// Put the organization on `plan` (as a paid checkout would).
pub async fn on_plan(app: &TestApp, org: &Org, plan: &str) {
    sqlx::query("UPDATE organizations SET plan = $2 WHERE id = $1")
        .bind(org.id)
        .bind(plan)
        .execute(app.db())
        .await
        .unwrap();
}

/// The role `user_id` holds in `org_id`, read from the table.
pub async fn role_of(app: &TestApp, org_id: Uuid, user_id: Uuid) -> Option<String> {
    sqlx::query_scalar("SELECT role FROM memberships WHERE organization_id = $1 AND user_id = $2")
        .bind(org_id)
        .bind(user_id)
        .fetch_optional(app.db())
        .await
        .unwrap()
}

/// The audit entries of `org_id` as (action, target, metadata), oldest first.
pub async fn audit_entries(app: &TestApp, org_id: Uuid) -> Vec<(String, Option<String>, Value)> {
    sqlx::query_as(
        "SELECT action, target, metadata FROM audit_log_entries WHERE organization_id = $1 ORDER BY created_at, id",
    )
    .bind(org_id)
    .fetch_all(app.db())
    .await
    .unwrap()
}
