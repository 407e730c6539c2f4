//! Deleting an organization, or the account that alone owns it, cancels its live
//! subscription at the provider first (FastAPI's Pro `test_delete_cancels_subscription.py`).

use axum::http::{Method, StatusCode};
use backend::billing::fake::Call;
use backend::billing::provider::BillingError;
use backend::billing::subscriptions::CANCEL_FAILED;
use serde_json::json;
use uuid::Uuid;

use super::support::BillingApp;
use crate::orgs::support::{Org, add_member, create_org, org_with};
use crate::support::TestResponse;

/// Give the organization a subscription `subscription_id` in `status`, on the Pro plan.
async fn subscribe(app: &BillingApp, org_id: Uuid, status: &str, subscription_id: &str) {
    sqlx::query(
        "UPDATE organizations SET plan = 'pro', subscription_status = $2, \
         billing_subscription_id = $3, billing_customer_id = 'cus_1' WHERE id = $1",
    )
    .bind(org_id)
    .bind(status)
    .bind(subscription_id)
    .execute(app.app.db())
    .await
    .expect("subscribe");
}

async fn delete_org(app: &BillingApp, org: &Org, who: &str) -> TestResponse {
    app.app
        .send(Method::DELETE, &org.url(""), Some(org.token(who)), None)
        .await
}

async fn delete_account(app: &BillingApp, token: &str) -> TestResponse {
    app.app.send(Method::DELETE, "/api/users/me", Some(token), None).await
}

#[tokio::test]
async fn deleting_an_organization_cancels_its_subscription_first() {
    let app = BillingApp::new().await;
    let org = org_with(&app.app, &[]).await;
    subscribe(&app, org.id, "active", "sub_live").await;
    assert_eq!(delete_org(&app, &org, "owner").await.status, StatusCode::NO_CONTENT);
    assert_eq!(app.fake.calls(), [Call::Cancel("sub_live".into())]);
    assert!(!app.exists(org.id).await);
}

#[tokio::test]
async fn an_organization_whose_subscription_cannot_be_cancelled_is_kept() {
    let app = BillingApp::new().await;
    let org = org_with(&app.app, &[]).await;
    subscribe(&app, org.id, "past_due", "sub_live").await;
    app.fake.fail_with(BillingError::Provider("down".into()));
    let response = delete_org(&app, &org, "owner").await;
    assert_eq!(
        (response.status, response.body),
        (StatusCode::BAD_GATEWAY, json!({"detail": CANCEL_FAILED}))
    );
    let kept = app.reload(&org.id).await;
    assert_eq!(
        (kept.plan.as_str(), kept.subscription_status.as_str()),
        ("pro", "past_due")
    );
}

#[tokio::test]
async fn only_an_owner_reaches_the_cancellation() {
    let app = BillingApp::new().await;
    let org = org_with(&app.app, &[("admin", "admin")]).await;
    subscribe(&app, org.id, "active", "sub_live").await;
    assert_eq!(delete_org(&app, &org, "admin").await.status, StatusCode::FORBIDDEN);
    assert!(app.fake.calls().is_empty());
    assert_eq!(
        app.plan_of(&app.reload(&org.id).await).await,
        ("pro".to_owned(), "active".to_owned())
    );
}

#[tokio::test]
async fn an_organization_without_a_live_subscription_is_deleted_without_the_provider() {
    let app = BillingApp::new().await;
    let org = org_with(&app.app, &[]).await;
    subscribe(&app, org.id, "canceled", "sub_old").await;
    assert_eq!(delete_org(&app, &org, "owner").await.status, StatusCode::NO_CONTENT);
    assert!(app.fake.calls().is_empty());
}

/// On Pro the account's subscriptions are those of the organizations it alone owns.
#[tokio::test]
async fn deleting_the_account_cancels_its_subscription_first() {
    let app = BillingApp::new().await;
    let sole = org_with(&app.app, &[("partner", "member")]).await;
    subscribe(&app, sole.id, "active", "sub_sole").await;
    let shared = create_org(&app.app, sole.token("partner"), "Shared").await;
    let shared_id: Uuid = shared.body["id"].as_str().unwrap().parse().unwrap();
    add_member(&app.app, shared_id, sole.id_of("owner"), "owner").await;
    subscribe(&app, shared_id, "active", "sub_shared").await;
    assert_eq!(
        delete_account(&app, sole.token("owner")).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(app.fake.calls(), [Call::Cancel("sub_sole".into())]);
    assert!(!app.exists(sole.id).await);
    let kept = app.reload(&shared_id).await;
    assert_eq!(kept.subscription_status, "active");
}

#[tokio::test]
async fn when_the_provider_cannot_cancel_nothing_is_deleted() {
    let app = BillingApp::new().await;
    let org = org_with(&app.app, &[]).await;
    subscribe(&app, org.id, "active", "sub_live").await;
    app.fake.fail_with(BillingError::Provider("down".into()));
    let response = delete_account(&app, org.token("owner")).await;
    assert_eq!(
        (response.status, response.body),
        (StatusCode::BAD_GATEWAY, json!({"detail": CANCEL_FAILED}))
    );
    assert!(app.exists(org.id).await);
    let me = app.app.get("/api/users/me", Some(org.token("owner"))).await;
    assert_eq!(me.status, StatusCode::OK);
}
