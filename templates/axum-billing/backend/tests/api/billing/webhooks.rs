//! POST /api/webhooks/{provider}: verified, deduplicated, applied to the subscription's owner
//! (a user on Starter, an organization on Pro: `billing::owner`).
//!
//! Bodies are shaped and signed as the provider sends them (`billing::kit`), so these run
//! unchanged for every provider.

use axum::http::{HeaderMap, StatusCode};
use backend::billing::kit::{self, Kind, Spec};
use backend::billing::plans::PaidPlan;
use serde_json::json;
use uuid::Uuid;

use super::support::BillingApp;

fn spec(owner: Uuid) -> Spec {
    Spec::new(Some(owner))
}

fn plan(plan: &str, status: &str) -> (String, String) {
    (plan.to_owned(), status.to_owned())
}

#[tokio::test]
async fn a_signed_checkout_completion_upgrades_the_user() {
    let app = BillingApp::new().await;
    let owner = app.owner().await;
    let (status, body) = app.deliver(kit::event(Kind::CheckoutCompleted, &spec(owner.id))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!({"received": true, "duplicate": false}));
    let owner = app.reload(&owner.id).await;
    assert_eq!(
        (owner.plan.as_str(), owner.subscription_status.as_str()),
        ("pro", "active")
    );
    assert_eq!(owner.billing_customer_id.as_deref(), Some(kit::CUSTOMER_ID));
}

#[tokio::test]
async fn a_bad_signature_is_refused_and_changes_nothing() {
    let app = BillingApp::new().await;
    let owner = app.owner().await;
    let body = kit::event(Kind::CheckoutCompleted, &spec(owner.id));
    let headers = kit::signed_with(&body, "another-secret", 0);
    let (status, answer) = app.deliver_with(body, headers).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(answer["detail"].is_string());
    assert_eq!(app.plan_of(&owner).await, plan("free", "none"));
    assert_eq!(app.stored_events().await, 0);
}

#[tokio::test]
async fn a_missing_signature_header_is_refused() {
    let app = BillingApp::new().await;
    let body = kit::event(Kind::CheckoutCompleted, &Spec::new(None));
    let (status, _) = app.deliver_with(body, HeaderMap::new()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(app.stored_events().await, 0);
}

#[tokio::test]
async fn a_signed_body_that_is_not_json_is_refused() {
    let app = BillingApp::new().await;
    let (status, answer) = app.deliver(b"not json".to_vec()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(answer, json!({"detail": "webhook body is not a valid event"}));
}

#[tokio::test]
async fn a_body_over_one_mebibyte_is_refused() {
    let app = BillingApp::new().await;
    let (status, answer) = app.deliver(vec![b' '; 1024 * 1024 + 1]).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(answer, json!({"detail": "webhook body too large"}));
}

#[tokio::test]
async fn a_replayed_event_is_processed_once() {
    let app = BillingApp::new().await;
    let owner = app.owner().await;
    let upgrade = kit::event(
        Kind::SubscriptionUpdated,
        &Spec {
            plan: PaidPlan::Business,
            ..spec(owner.id)
        },
    );
    let downgrade = kit::event(Kind::SubscriptionUpdated, &spec(owner.id));
    let (_, first) = app.deliver(upgrade.clone()).await;
    app.deliver(downgrade).await;
    let (status, replay) = app.deliver(upgrade).await;
    assert_eq!(first, json!({"received": true, "duplicate": false}));
    assert_eq!(status, StatusCode::OK);
    assert_eq!(replay, json!({"received": true, "duplicate": true}));
    // The replayed upgrade was not applied again over the later downgrade.
    assert_eq!(app.plan_of(&owner).await, plan("pro", "active"));
    assert_eq!(app.stored_events().await, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_deliveries_of_one_event_are_processed_once() {
    let app = BillingApp::new().await;
    let owner = app.owner().await;
    let body = kit::event(
        Kind::CheckoutCompleted,
        &Spec {
            plan: PaidPlan::Business,
            ..spec(owner.id)
        },
    );
    let (first, second, third) = tokio::join!(app.deliver(body.clone()), app.deliver(body.clone()), app.deliver(body));
    let answers = [first, second, third];
    assert!(
        answers.iter().all(|(status, _)| *status == StatusCode::OK),
        "{answers:?}"
    );
    let fresh = answers
        .iter()
        .filter(|(_, body)| body["duplicate"] == json!(false))
        .count();
    assert_eq!(fresh, 1, "{answers:?}");
    assert_eq!(app.stored_events().await, 1);
    assert_eq!(app.plan_of(&owner).await, plan("business", "active"));
}

#[tokio::test]
async fn a_late_older_event_does_not_undo_a_newer_one() {
    let app = BillingApp::new().await;
    let owner = app.owner().await;
    let older = kit::event(
        Kind::SubscriptionUpdated,
        &Spec {
            plan: PaidPlan::Business,
            age_seconds: 60,
            ..spec(owner.id)
        },
    );
    let newer = kit::event(Kind::SubscriptionEnded, &spec(owner.id));
    app.deliver(newer).await;
    let (_, late) = app.deliver(older).await;
    assert_eq!(late, json!({"received": true, "duplicate": false}));
    assert_eq!(app.plan_of(&owner).await, plan("free", "canceled"));
    assert_eq!(app.stored_events().await, 2);
}

#[tokio::test]
async fn an_unknown_event_type_is_acknowledged_and_ignored() {
    let app = BillingApp::new().await;
    let owner = app.owner().await;
    let (status, body) = app.deliver(kit::event(Kind::Unknown, &spec(owner.id))).await;
    assert_eq!(
        (status, body),
        (StatusCode::OK, json!({"received": true, "duplicate": false}))
    );
    assert_eq!(app.plan_of(&owner).await, plan("free", "none"));
    assert_eq!(app.stored_events().await, 1);
}

#[tokio::test]
async fn an_event_for_an_unknown_owner_is_acknowledged() {
    let app = BillingApp::new().await;
    let stranger = Spec {
        customer_id: "cus_nobody".into(),
        subscription_id: "sub_nobody".into(),
        ..spec(Uuid::new_v4())
    };
    let (status, body) = app.deliver(kit::event(Kind::CheckoutCompleted, &stranger)).await;
    assert_eq!(
        (status, body),
        (StatusCode::OK, json!({"received": true, "duplicate": false}))
    );
    assert_eq!(app.stored_events().await, 1);
}

#[tokio::test]
async fn upgrade_to_business_and_back_to_pro() {
    let app = BillingApp::new().await;
    let owner = app.owner().await;
    app.deliver(kit::event(Kind::CheckoutCompleted, &spec(owner.id))).await;
    app.deliver(kit::event(
        Kind::SubscriptionUpdated,
        &Spec {
            plan: PaidPlan::Business,
            ..spec(owner.id)
        },
    ))
    .await;
    assert_eq!(app.plan_of(&owner).await, plan("business", "active"));
    app.deliver(kit::event(Kind::SubscriptionUpdated, &spec(owner.id)))
        .await;
    assert_eq!(app.plan_of(&owner).await, plan("pro", "active"));
}

#[tokio::test]
async fn the_end_of_the_subscription_returns_the_user_to_free() {
    let app = BillingApp::new().await;
    let owner = app.owner().await;
    app.deliver(kit::event(Kind::CheckoutCompleted, &spec(owner.id))).await;
    app.deliver(kit::event(Kind::SubscriptionEnded, &spec(owner.id))).await;
    assert_eq!(app.plan_of(&owner).await, plan("free", "canceled"));
}

#[tokio::test]
async fn a_failed_payment_makes_the_subscription_past_due_and_keeps_the_plan() {
    let app = BillingApp::new().await;
    let owner = app.owner().await;
    app.deliver(kit::event(
        Kind::CheckoutCompleted,
        &Spec {
            plan: PaidPlan::Business,
            ..spec(owner.id)
        },
    ))
    .await;
    app.deliver(kit::event(
        Kind::PaymentFailed,
        &Spec {
            plan: PaidPlan::Business,
            ..spec(owner.id)
        },
    ))
    .await;
    assert_eq!(app.plan_of(&owner).await, plan("business", "past_due"));
}

#[tokio::test]
async fn an_event_without_owner_metadata_finds_the_user_by_subscription() {
    let app = BillingApp::new().await;
    let owner = app.subscriber("active", "sub_known", "cus_shared").await;
    let other = app.subscriber("active", "sub_other", "cus_shared").await;
    let anonymous = Spec {
        subscription_id: "sub_known".into(),
        customer_id: "cus_shared".into(),
        plan: PaidPlan::Business,
        ..Spec::new(None)
    };
    app.deliver(kit::event(Kind::SubscriptionUpdated, &anonymous)).await;
    assert_eq!(app.plan_of(&owner).await, plan("business", "active"));
    assert_eq!(app.plan_of(&other).await, plan("pro", "active"));
}

#[tokio::test]
async fn an_event_without_owner_metadata_finds_the_user_by_customer_id() {
    let app = BillingApp::new().await;
    let owner = app.subscriber("canceled", "sub_old", kit::CUSTOMER_ID).await;
    let anonymous = Spec {
        plan: PaidPlan::Business,
        subscription_id: "sub_new".into(),
        ..Spec::new(None)
    };
    app.deliver(kit::event(Kind::SubscriptionCreated, &anonymous)).await;
    let owner = app.reload(&owner.id).await;
    assert_eq!(
        (owner.plan.as_str(), owner.subscription_status.as_str()),
        ("business", "active")
    );
    assert_eq!(owner.billing_subscription_id.as_deref(), Some("sub_new"));
}

#[tokio::test]
async fn a_customer_shared_by_two_users_matches_neither_without_more() {
    let app = BillingApp::new().await;
    let first = app.subscriber("canceled", "sub_a", "cus_shared").await;
    let second = app.subscriber("canceled", "sub_b", "cus_shared").await;
    let anonymous = Spec {
        customer_id: "cus_shared".into(),
        subscription_id: "sub_new".into(),
        ..Spec::new(None)
    };
    let (status, _) = app.deliver(kit::event(Kind::SubscriptionCreated, &anonymous)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        app.reload(&first.id).await.billing_subscription_id.as_deref(),
        Some("sub_a")
    );
    assert_eq!(
        app.reload(&second.id).await.billing_subscription_id.as_deref(),
        Some("sub_b")
    );
}

#[tokio::test]
async fn events_of_a_replaced_subscription_do_not_touch_the_new_one() {
    let app = BillingApp::new().await;
    let owner = app.owner().await;
    let old = Spec {
        subscription_id: "sub_old".into(),
        age_seconds: 120,
        ..spec(owner.id)
    };
    let new = Spec {
        subscription_id: "sub_new".into(),
        plan: PaidPlan::Business,
        ..spec(owner.id)
    };
    app.deliver(kit::event(Kind::SubscriptionCreated, &old)).await;
    app.deliver(kit::event(Kind::SubscriptionCreated, &new)).await;
    // The old subscription's cancellation arrives after the new one started.
    app.deliver(kit::event(Kind::SubscriptionEnded, &Spec { age_seconds: 0, ..old }))
        .await;
    let owner = app.reload(&owner.id).await;
    assert_eq!(
        (owner.plan.as_str(), owner.subscription_status.as_str()),
        ("business", "active")
    );
    assert_eq!(owner.billing_subscription_id.as_deref(), Some("sub_new"));
}

#[tokio::test]
async fn a_cancellation_of_the_current_subscription_still_applies() {
    let app = BillingApp::new().await;
    let owner = app.owner().await;
    app.deliver(kit::event(
        Kind::CheckoutCompleted,
        &Spec {
            age_seconds: 30,
            ..spec(owner.id)
        },
    ))
    .await;
    app.deliver(kit::event(Kind::SubscriptionEnded, &spec(owner.id))).await;
    assert_eq!(app.plan_of(&owner).await, plan("free", "canceled"));
}
