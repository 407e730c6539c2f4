//! Lemon Squeezy's webhook verification and normalization, on bodies signed as Lemon
//! Squeezy signs them.

use axum::http::HeaderMap;
use serde_json::{Value, json};
use uuid::Uuid;

use super::event::{BillingEvent, EventKind};
use super::kit::{self, Kind, Spec};
use super::plans::{PaidPlan, PlanId, SubscriptionStatus};
use super::provider::WebhookError;
use super::settings::BillingSettings;
use super::webhook::parse;

fn settings() -> BillingSettings {
    kit::settings("http://127.0.0.1:9")
}

fn parsed(body: &[u8]) -> Result<BillingEvent, WebhookError> {
    parse(&settings(), &kit::signed_headers(body), body)
}

fn refusal(headers: &HeaderMap, body: &[u8]) -> &'static str {
    parse(&settings(), headers, body).unwrap_err().0
}

/// A subscription event with Lemon Squeezy's own `status`.
fn subscription_event(name: &str, status: &str) -> Vec<u8> {
    let mut body: Value = serde_json::from_slice(&kit::event(Kind::SubscriptionUpdated, &Spec::new(None))).unwrap();
    body["meta"]["event_name"] = json!(name);
    body["data"]["attributes"]["status"] = json!(status);
    body.to_string().into_bytes()
}

#[test]
fn a_paid_order_completes_the_checkout_for_the_owner() {
    let owner = Uuid::new_v4();
    let spec = Spec {
        plan: PaidPlan::Business,
        ..Spec::new(Some(owner))
    };
    let event = parsed(&kit::event(Kind::CheckoutCompleted, &spec)).unwrap();
    assert_eq!(event.kind, EventKind::CheckoutCompleted);
    assert_eq!((event.owner_id, event.plan), (Some(owner), Some(PlanId::Business)));
    assert_eq!(event.customer_id.as_deref(), Some(kit::CUSTOMER_ID));
    assert_eq!(event.subscription_id, None);
    assert!(event.event_id.starts_with("order_created:orders:9001:"));
}

#[test]
fn the_same_body_gives_the_same_key_and_each_change_a_new_one() {
    let body = kit::event(Kind::SubscriptionUpdated, &Spec::new(None));
    assert_eq!(parsed(&body).unwrap().event_id, parsed(&body).unwrap().event_id);
    let later = kit::event(Kind::SubscriptionUpdated, &Spec::new(None));
    assert_ne!(parsed(&body).unwrap().event_id, parsed(&later).unwrap().event_id);
}

#[test]
fn a_signature_made_with_another_secret_or_over_another_body_is_refused() {
    let body = kit::event(Kind::CheckoutCompleted, &Spec::new(None));
    assert_eq!(
        refusal(&kit::signed_with(&body, "other", 0), &body),
        "invalid signature"
    );
    let headers = kit::signed_headers(&body);
    let tampered = String::from_utf8(body).unwrap().replace("\"pro\"", "\"business\"");
    assert_eq!(refusal(&headers, tampered.as_bytes()), "invalid signature");
}

#[test]
fn a_missing_signature_or_secret_is_refused() {
    let body = kit::event(Kind::CheckoutCompleted, &Spec::new(None));
    assert_eq!(refusal(&HeaderMap::new(), &body), "missing X-Signature header");
    let unset = BillingSettings {
        webhook_secret: String::new(),
        ..settings()
    };
    let error = parse(&unset, &kit::signed_with(&body, "", 0), &body).unwrap_err();
    assert_eq!(error.0, "webhook secret is not configured");
}

#[test]
fn an_old_resent_body_is_still_accepted() {
    // Lemon Squeezy signs no time: a resend from the dashboard hours later is genuine.
    let body = kit::event(
        Kind::CheckoutCompleted,
        &Spec {
            age_seconds: 6 * 3600,
            ..Spec::new(None)
        },
    );
    assert!(parsed(&body).is_ok());
}

#[test]
fn a_signed_body_that_is_not_an_event_is_refused() {
    for body in [
        &b"[]"[..],
        br#"{"meta": {}}"#,
        br#"{"meta": {"event_name": "x"}, "data": {"attributes": {"updated_at": "soon"}}}"#,
    ] {
        assert_eq!(
            refusal(&kit::signed_headers(body), body),
            "webhook body is not a valid event"
        );
    }
}

#[test]
fn subscription_statuses_map_to_the_apps() {
    let cases = [
        ("on_trial", SubscriptionStatus::Trialing, Some(PlanId::Pro)),
        ("active", SubscriptionStatus::Active, Some(PlanId::Pro)),
        ("past_due", SubscriptionStatus::PastDue, Some(PlanId::Pro)),
        ("unpaid", SubscriptionStatus::PastDue, Some(PlanId::Pro)),
        // Cancelled runs to the end of the period: the plan stays until it expires.
        ("cancelled", SubscriptionStatus::Canceled, Some(PlanId::Pro)),
        ("expired", SubscriptionStatus::Canceled, Some(PlanId::Free)),
        ("paused", SubscriptionStatus::Canceled, Some(PlanId::Free)),
        ("something_new", SubscriptionStatus::None, Some(PlanId::Free)),
    ];
    for (status, expected, plan) in cases {
        let event = parsed(&subscription_event("subscription_updated", status)).unwrap();
        assert_eq!((event.status, event.plan), (Some(expected), plan), "{status}");
    }
}

#[test]
fn a_subscriptions_creation_starts_it_and_its_expiry_ends_it() {
    let created = parsed(&kit::event(Kind::SubscriptionCreated, &Spec::new(None))).unwrap();
    assert_eq!(created.kind, EventKind::SubscriptionStarted);
    assert_eq!(created.subscription_id.as_deref(), Some(kit::SUBSCRIPTION_ID));
    let ended = parsed(&kit::event(Kind::SubscriptionEnded, &Spec::new(None))).unwrap();
    assert_eq!(
        (ended.plan, ended.status),
        (Some(PlanId::Free), Some(SubscriptionStatus::Canceled))
    );
}

#[test]
fn a_failed_payment_makes_its_subscription_past_due() {
    let event = parsed(&kit::event(Kind::PaymentFailed, &Spec::new(None))).unwrap();
    assert_eq!(event.subscription_id.as_deref(), Some(kit::SUBSCRIPTION_ID));
    assert_eq!((event.plan, event.status), (None, Some(SubscriptionStatus::PastDue)));
}

#[test]
fn an_unpaid_order_and_unknown_events_are_ignored() {
    let mut order: Value = serde_json::from_slice(&kit::event(Kind::CheckoutCompleted, &Spec::new(None))).unwrap();
    order["data"]["attributes"]["status"] = json!("pending");
    assert_eq!(parsed(order.to_string().as_bytes()).unwrap().kind, EventKind::Ignored);
    assert_eq!(
        parsed(&kit::event(Kind::Unknown, &Spec::new(None))).unwrap().kind,
        EventKind::Ignored
    );
}
