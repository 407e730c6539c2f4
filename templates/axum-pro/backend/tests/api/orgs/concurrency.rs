//! Rules that must hold when requests race: each test sends its requests at once (on a
//! multi-threaded runtime, through one app and its connection pool) and checks that the
//! database ends where one-after-the-other would have left it.

use axum::http::{Method, StatusCode};
use serde_json::json;
use uuid::Uuid;

use super::support::{create_org, org_with, person};
use crate::support::TestApp;

const ROUNDS: usize = 5;

async fn owners(app: &TestApp, org_id: Uuid) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM memberships WHERE organization_id = $1 AND role = 'owner'")
        .bind(org_id)
        .fetch_one(app.db())
        .await
        .unwrap()
}

fn sorted(mut statuses: Vec<StatusCode>) -> Vec<StatusCode> {
    statuses.sort();
    statuses
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_owners_leaving_at_once_leave_one_owner() {
    let app = TestApp::new().await;
    for _ in 0..ROUNDS {
        sqlx::query("DELETE FROM users").execute(app.db()).await.unwrap();
        app.state.user_cache.clear(); // it remembers the rows just deleted
        let org = org_with(&app, &[("olga", "owner")]).await;
        let (owner_url, olga_url) = (org.member_url("owner"), org.member_url("olga"));
        let (a, b) = tokio::join!(
            app.send(Method::DELETE, &owner_url, Some(org.token("owner")), None),
            app.send(Method::DELETE, &olga_url, Some(org.token("olga")), None),
        );
        assert_eq!(
            sorted(vec![a.status, b.status]),
            [StatusCode::NO_CONTENT, StatusCode::CONFLICT]
        );
        assert_eq!(owners(&app, org.id).await, 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_owners_stepping_down_at_once_leave_one_owner() {
    let app = TestApp::new().await;
    let demote = json!({"role": "member"});
    for _ in 0..ROUNDS {
        sqlx::query("DELETE FROM users").execute(app.db()).await.unwrap();
        app.state.user_cache.clear(); // it remembers the rows just deleted
        let org = org_with(&app, &[("olga", "owner")]).await;
        let (owner_url, olga_url) = (org.member_url("owner"), org.member_url("olga"));
        let (a, b) = tokio::join!(
            app.send(
                Method::PATCH,
                &owner_url,
                Some(org.token("owner")),
                Some(demote.clone())
            ),
            app.send(Method::PATCH, &olga_url, Some(org.token("olga")), Some(demote.clone())),
        );
        assert_eq!(sorted(vec![a.status, b.status]), [StatusCode::OK, StatusCode::CONFLICT]);
        assert_eq!(owners(&app, org.id).await, 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_owner_demoting_the_other_while_it_leaves_keeps_one_owner() {
    let app = TestApp::new().await;
    for _ in 0..ROUNDS {
        sqlx::query("DELETE FROM users").execute(app.db()).await.unwrap();
        app.state.user_cache.clear(); // it remembers the rows just deleted
        let org = org_with(&app, &[("olga", "owner")]).await;
        let (owner_url, olga_url) = (org.member_url("owner"), org.member_url("olga"));
        let demote = json!({"role": "admin"});
        let (a, b) = tokio::join!(
            app.send(Method::PATCH, &olga_url, Some(org.token("owner")), Some(demote)),
            app.send(Method::DELETE, &owner_url, Some(org.token("owner")), None),
        );
        assert!(a.status != StatusCode::INTERNAL_SERVER_ERROR && b.status != StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(owners(&app, org.id).await, 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn creating_orgs_with_one_name_at_once_gives_distinct_slugs() {
    let app = TestApp::new().await;
    let a = person(&app, "a").await;
    let b = person(&app, "b").await;
    for n in 0..ROUNDS {
        let name = format!("Same Name {n}");
        let (first, second) = tokio::join!(create_org(&app, &a.token, &name), create_org(&app, &b.token, &name));
        assert_eq!(
            [first.status, second.status],
            [StatusCode::CREATED, StatusCode::CREATED]
        );
        let slugs = [first.body["slug"].clone(), second.body["slug"].clone()];
        assert_ne!(slugs[0], slugs[1]);
        assert!(slugs.contains(&json!(format!("same-name-{n}"))));
    }
}
