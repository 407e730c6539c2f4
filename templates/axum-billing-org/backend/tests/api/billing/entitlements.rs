//! Paying changes what the organization may do: the provider's webhook moves the org's
//! plan, the entitlements read it, and the change is in the org's audit log.

use axum::http::{Method, StatusCode};
use backend::billing::kit::{self, Kind, Spec};
use backend::billing::plans::PaidPlan;
use backend::billing::provider::BillingProvider;
use serde_json::{Value, json};
use uuid::Uuid;

use super::support::BillingApp;
use crate::orgs::support::org_with;

#[tokio::test]
async fn a_business_subscription_opens_the_audit_log_and_records_the_change() {
    let app = BillingApp::new().await;
    let org = org_with(&app.app, &[]).await;
    let audit_log = org.url("/audit-log");
    let before = app.app.get(&audit_log, Some(org.token("owner"))).await;
    assert_eq!(before.status, StatusCode::PAYMENT_REQUIRED);
    let paid = Spec {
        plan: PaidPlan::Business,
        ..Spec::new(Some(org.id))
    };
    let (status, _) = app.deliver(kit::event(Kind::SubscriptionCreated, &paid)).await;
    assert_eq!(status, StatusCode::OK);
    let after = app.app.get(&audit_log, Some(org.token("owner"))).await;
    assert_eq!(after.status, StatusCode::OK, "{:?}", after.body);
    let change: (Option<Uuid>, Option<String>, Value) = sqlx::query_as(
        "SELECT actor_id, target, metadata FROM audit_log_entries \
         WHERE organization_id = $1 AND action = 'billing.subscription_changed'",
    )
    .bind(org.id)
    .fetch_one(app.app.db())
    .await
    .expect("one billing.subscription_changed entry");
    assert_eq!(change.0, None);
    assert_eq!(change.1.as_deref(), Some(kit::SUBSCRIPTION_ID));
    assert_eq!(change.2["from"], json!({"plan": "free", "subscription_status": "none"}));
    assert_eq!(
        change.2["to"],
        json!({"plan": "business", "subscription_status": "active"})
    );
    assert_eq!(change.2["provider"], json!(app.fake.name()));
}

#[tokio::test]
async fn a_paid_plan_lifts_the_free_member_limit() {
    let app = BillingApp::new().await;
    let org = org_with(&app.app, &[]).await;
    let invite = |n: usize| json!({"email": format!("invitee{n}@example.com"), "role": "member"});
    let mut refused_at = None;
    for n in 0..20 {
        let response = app
            .app
            .send(
                Method::POST,
                &org.url("/invitations"),
                Some(org.token("owner")),
                Some(invite(n)),
            )
            .await;
        if response.status == StatusCode::PAYMENT_REQUIRED {
            refused_at = Some(n);
            break;
        }
        assert_eq!(response.status, StatusCode::CREATED, "{:?}", response.body);
    }
    let refused_at = refused_at.expect("the free plan has a member limit");
    let (status, _) = app
        .deliver(kit::event(Kind::CheckoutCompleted, &Spec::new(Some(org.id))))
        .await;
    assert_eq!(status, StatusCode::OK);
    let response = app
        .app
        .send(
            Method::POST,
            &org.url("/invitations"),
            Some(org.token("owner")),
            Some(invite(refused_at)),
        )
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{:?}", response.body);
}
