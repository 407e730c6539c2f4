//! DELETE /api/users/me on Pro: the organizations the user alone owns go with the account.

use axum::http::{Method, StatusCode};
use uuid::Uuid;

use super::support::{add_member, create_org, person};
use crate::support::TestApp;

async fn org_ids(app: &TestApp) -> Vec<Uuid> {
    sqlx::query_scalar("SELECT id FROM organizations ORDER BY name")
        .fetch_all(app.db())
        .await
        .unwrap()
}

fn id_of(body: &serde_json::Value) -> Uuid {
    body["id"].as_str().unwrap().parse().unwrap()
}

#[tokio::test]
async fn deleting_an_account_deletes_only_sole_owned_orgs() {
    let app = TestApp::new().await;
    let ada = person(&app, "ada").await;
    let partner = person(&app, "partner").await;
    create_org(&app, &ada.token, "Alone").await;
    let shared = id_of(&create_org(&app, &ada.token, "Shared").await.body);
    add_member(&app, shared, partner.id, "owner").await;
    let joined = id_of(&create_org(&app, &partner.token, "Joined").await.body);
    add_member(&app, joined, ada.id, "member").await;
    let response = app.send(Method::DELETE, "/api/users/me", Some(&ada.token), None).await;
    assert_eq!(response.status, StatusCode::NO_CONTENT);
    assert_eq!(org_ids(&app).await, [joined, shared]);
    let members: Vec<Uuid> = sqlx::query_scalar("SELECT DISTINCT user_id FROM memberships")
        .fetch_all(app.db())
        .await
        .unwrap();
    assert_eq!(members, [partner.id]);
}

#[tokio::test]
async fn an_org_with_an_admin_but_no_other_owner_goes_with_its_owner() {
    let app = TestApp::new().await;
    let ada = person(&app, "ada").await;
    let adam = person(&app, "adam").await;
    let org = id_of(&create_org(&app, &ada.token, "Acme").await.body);
    add_member(&app, org, adam.id, "admin").await;
    let response = app.send(Method::DELETE, "/api/users/me", Some(&ada.token), None).await;
    assert_eq!(response.status, StatusCode::NO_CONTENT);
    assert!(org_ids(&app).await.is_empty());
    assert_eq!(app.count("SELECT count(*) FROM memberships").await, 0);
}

#[tokio::test]
async fn a_failed_account_deletion_keeps_the_orgs_too() {
    let app = TestApp::new().await;
    let ada = person(&app, "ada").await;
    let alone = id_of(&create_org(&app, &ada.token, "Alone").await.body);
    // The user row cannot be deleted: the orgs deleted before it must come back.
    for statement in [
        "CREATE FUNCTION refuse_delete() RETURNS trigger LANGUAGE plpgsql AS \
         $$ BEGIN RAISE EXCEPTION 'refused'; END $$",
        "CREATE TRIGGER refuse_user_delete BEFORE DELETE ON users FOR EACH ROW EXECUTE FUNCTION refuse_delete()",
    ] {
        sqlx::query(statement).execute(app.db()).await.unwrap();
    }
    let response = app.send(Method::DELETE, "/api/users/me", Some(&ada.token), None).await;
    assert_eq!(response.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(org_ids(&app).await, [alone]);
    assert_eq!(app.count("SELECT count(*) FROM memberships").await, 1);
}
