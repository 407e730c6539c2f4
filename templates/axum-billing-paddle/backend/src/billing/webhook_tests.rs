//! Paddle's webhook verification and normalization, on bodies signed as Paddle signs them.

use axum::http::{HeaderMap, HeaderValue};
use chrono::Utc;
use serde_json::{Value, json};
use uuid::Uuid;

use super::event::{BillingEvent, EventKind};
use super::kit::{self, Kind, Spec};
use super::plans::{PaidPlan, PlanId, SubscriptionStatus};
use super::provider::WebhookError;
use super::settings::BillingSettings;
use super::signature;
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

fn with_signature(value: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert("paddle-signature", HeaderValue::from_str(value).unwrap());
    headers
}

#[test]
fn a_completed_transaction_of_a_subscription_completes_the_checkout() {
    let owner = Uuid::new_v4();
    let spec = Spec {
        plan: PaidPlan::Business,
        ..Spec::new(Some(owner))
    };
    let event = parsed(&kit::event(Kind::CheckoutCompleted, &spec)).unwrap();
    assert_eq!(event.kind, EventKind::CheckoutCompleted);
    assert_eq!((event.owner_id, event.plan), (Some(owner), Some(PlanId::Business)));
    assert_eq!(event.subscription_id.as_deref(), Some(kit::SUBSCRIPTION_ID));
    assert_eq!(event.customer_id.as_deref(), Some(kit::CUSTOMER_ID));
    assert!(event.occurred_at.is_some());
}

#[test]
fn another_secret_a_tampered_body_or_a_malformed_header_is_refused() {
    let body = kit::event(Kind::CheckoutCompleted, &Spec::new(None));
    assert_eq!(
        refusal(&kit::signed_with(&body, "other", 0), &body),
        "invalid signature"
    );
    let tampered = String::from_utf8(body.clone())
        .unwrap()
        .replace("\"pro\"", "\"business\"");
    assert_eq!(
        refusal(&kit::signed_headers(&body), tampered.as_bytes()),
        "invalid signature"
    );
    assert_eq!(refusal(&HeaderMap::new(), &body), "missing Paddle-Signature header");
    for malformed in ["h1=abc", "ts=soon;h1=abc", "ts=1"] {
        assert_eq!(
            refusal(&with_signature(malformed), &body),
            "malformed Paddle-Signature header"
        );
    }
}

#[test]
fn any_h1_may_match_while_the_secret_rotates() {
    let body = kit::event(Kind::CheckoutCompleted, &Spec::new(None));
    let ts = Utc::now().timestamp();
    let message = [ts.to_string().as_bytes(), b":", &body].concat();
    let header = format!(
        "ts={ts};h1={};h1={}",
        signature::sign("old", &message),
        signature::sign(kit::WEBHOOK_SECRET, &message)
    );
    assert!(parse(&settings(), &with_signature(&header), &body).is_ok());
}

#[test]
fn a_webhook_signed_too_long_ago_or_ahead_is_stale() {
    let body = kit::event(Kind::CheckoutCompleted, &Spec::new(None));
    assert_eq!(
        refusal(&kit::signed_with(&body, kit::WEBHOOK_SECRET, 301), &body),
        "stale webhook"
    );
    assert_eq!(
        refusal(&kit::signed_with(&body, kit::WEBHOOK_SECRET, -301), &body),
        "stale webhook"
    );
    assert!(parse(&settings(), &kit::signed_with(&body, kit::WEBHOOK_SECRET, 290), &body).is_ok());
}

#[test]
fn without_a_configured_secret_every_webhook_is_refused() {
    let body = kit::event(Kind::CheckoutCompleted, &Spec::new(None));
    let unset = BillingSettings {
        webhook_secret: "your-paddle-webhook-secret".into(),
        ..settings()
    };
    let error = parse(&unset, &kit::signed_with(&body, &unset.webhook_secret, 0), &body).unwrap_err();
    assert_eq!(error.0, "webhook secret is not configured");
}

#[test]
fn a_signed_body_that_is_not_an_event_is_refused() {
    for body in [
        &b"nope"[..],
        br#"{"event_type": "x", "data": {}}"#,
        br#"{"event_id": "e", "event_type": "x", "data": []}"#,
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
        ("trialing", SubscriptionStatus::Trialing, PlanId::Pro),
        ("active", SubscriptionStatus::Active, PlanId::Pro),
        ("past_due", SubscriptionStatus::PastDue, PlanId::Pro),
        ("paused", SubscriptionStatus::Canceled, PlanId::Free),
        ("canceled", SubscriptionStatus::Canceled, PlanId::Free),
        ("something_new", SubscriptionStatus::None, PlanId::Free),
    ];
    for (status, expected, plan) in cases {
        let mut body: Value = serde_json::from_slice(&kit::event(Kind::SubscriptionUpdated, &Spec::new(None))).unwrap();
        body["data"]["status"] = json!(status);
        let event = parsed(body.to_string().as_bytes()).unwrap();
        assert_eq!((event.status, event.plan), (Some(expected), Some(plan)), "{status}");
    }
}

#[test]
fn a_subscriptions_creation_starts_it() {
    let event = parsed(&kit::event(Kind::SubscriptionCreated, &Spec::new(None))).unwrap();
    assert_eq!(event.kind, EventKind::SubscriptionStarted);
}

#[test]
fn a_transaction_without_subscription_and_unknown_events_are_ignored() {
    let mut body: Value = serde_json::from_slice(&kit::event(Kind::CheckoutCompleted, &Spec::new(None))).unwrap();
    body["data"]["subscription_id"] = Value::Null;
    assert_eq!(parsed(body.to_string().as_bytes()).unwrap().kind, EventKind::Ignored);
    assert_eq!(
        parsed(&kit::event(Kind::Unknown, &Spec::new(None))).unwrap().kind,
        EventKind::Ignored
    );
}
