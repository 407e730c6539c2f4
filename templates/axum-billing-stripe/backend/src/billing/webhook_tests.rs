//! Stripe's webhook verification and normalization, on bodies signed as Stripe signs them.

use axum::http::HeaderMap;
use serde_json::json;
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

#[test]
fn a_signed_checkout_completion_names_owner_plan_customer_and_subscription() {
    let owner = Uuid::new_v4();
    let spec = Spec {
        plan: PaidPlan::Business,
        ..Spec::new(Some(owner))
    };
    let event = parsed(&kit::event(Kind::CheckoutCompleted, &spec)).unwrap();
    assert_eq!(event.kind, EventKind::CheckoutCompleted);
    assert_eq!(event.owner_id, Some(owner));
    assert_eq!(event.plan, Some(PlanId::Business));
    assert_eq!(event.status, Some(SubscriptionStatus::Active));
    assert_eq!(event.customer_id.as_deref(), Some(kit::CUSTOMER_ID));
    assert_eq!(event.subscription_id.as_deref(), Some(kit::SUBSCRIPTION_ID));
    assert!(event.event_id.starts_with("evt_"));
    assert!(event.occurred_at.is_some());
}

#[test]
fn a_signature_made_with_another_secret_is_refused() {
    let body = kit::event(Kind::CheckoutCompleted, &Spec::new(None));
    let headers = kit::signed_with(&body, "whsec_other", 0);
    assert_eq!(refusal(&headers, &body), "invalid signature or stale timestamp");
}

#[test]
fn a_tampered_body_is_refused() {
    let body = kit::event(Kind::CheckoutCompleted, &Spec::new(None));
    let headers = kit::signed_headers(&body);
    let tampered = String::from_utf8(body).unwrap().replace("\"pro\"", "\"business\"");
    assert_eq!(
        refusal(&headers, tampered.as_bytes()),
        "invalid signature or stale timestamp"
    );
}

#[test]
fn a_missing_or_malformed_signature_header_is_refused() {
    let body = kit::event(Kind::CheckoutCompleted, &Spec::new(None));
    assert_eq!(refusal(&HeaderMap::new(), &body), "missing Stripe-Signature header");
    let mut headers = HeaderMap::new();
    headers.insert("stripe-signature", "v1=abc".parse().unwrap());
    assert_eq!(refusal(&headers, &body), "invalid signature or stale timestamp");
}

#[test]
fn without_a_configured_secret_every_webhook_is_refused() {
    let body = kit::event(Kind::CheckoutCompleted, &Spec::new(None));
    let unset = BillingSettings {
        webhook_secret: "whsec_your-stripe-webhook-secret".into(),
        ..settings()
    };
    let error = parse(&unset, &kit::signed_with(&body, &unset.webhook_secret, 0), &body);
    assert_eq!(error.unwrap_err().0, "webhook secret is not configured");
}

#[test]
fn a_stale_webhook_is_refused_and_one_within_the_tolerance_accepted() {
    let body = kit::event(Kind::CheckoutCompleted, &Spec::new(None));
    let stale = kit::signed_with(&body, kit::WEBHOOK_SECRET, 301);
    assert_eq!(refusal(&stale, &body), "invalid signature or stale timestamp");
    let recent = kit::signed_with(&body, kit::WEBHOOK_SECRET, 290);
    assert!(parse(&settings(), &recent, &body).is_ok());
}

#[test]
fn a_timestamp_from_the_future_beyond_the_tolerance_is_refused() {
    let body = kit::event(Kind::CheckoutCompleted, &Spec::new(None));
    let ahead = kit::signed_with(&body, kit::WEBHOOK_SECRET, -301);
    assert_eq!(refusal(&ahead, &body), "webhook timestamp is in the future");
}

#[test]
fn a_signed_body_that_is_not_an_event_is_refused() {
    for body in [
        &b"not json"[..],
        br#"{"id": "evt_1"}"#,
        br#"{"id": "evt_1", "type": "x", "data": {"object": []}}"#,
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
        ("unpaid", SubscriptionStatus::PastDue, PlanId::Pro),
        ("canceled", SubscriptionStatus::Canceled, PlanId::Free),
        ("incomplete_expired", SubscriptionStatus::Canceled, PlanId::Free),
        ("paused", SubscriptionStatus::Canceled, PlanId::Free),
    ];
    let spec = Spec::new(None);
    for (stripe_status, status, plan) in cases {
        let object = kit::subscription(&spec, stripe_status, json!({}));
        let event = parsed(&kit::wrap("customer.subscription.updated", object, 0)).unwrap();
        assert_eq!(
            (event.status, event.plan),
            (Some(status), Some(plan)),
            "{stripe_status}"
        );
        assert_eq!(event.kind, EventKind::SubscriptionChanged);
    }
}

#[test]
fn an_incomplete_or_unknown_subscription_status_changes_nothing() {
    let spec = Spec::new(None);
    for stripe_status in ["incomplete", "something_new"] {
        let object = kit::subscription(&spec, stripe_status, json!({}));
        let event = parsed(&kit::wrap("customer.subscription.updated", object, 0)).unwrap();
        assert_eq!(event.kind, EventKind::Ignored, "{stripe_status}");
    }
}

#[test]
fn a_subscriptions_creation_starts_it_and_its_deletion_ends_it() {
    let spec = Spec::new(None);
    let created = parsed(&kit::event(Kind::SubscriptionCreated, &spec)).unwrap();
    assert_eq!(created.kind, EventKind::SubscriptionStarted);
    let ended = parsed(&kit::event(Kind::SubscriptionEnded, &spec)).unwrap();
    assert_eq!(
        (ended.plan, ended.status),
        (Some(PlanId::Free), Some(SubscriptionStatus::Canceled))
    );
}

#[test]
fn a_price_this_app_does_not_sell_leaves_the_plan_alone() {
    let mut object = kit::subscription(&Spec::new(None), "active", json!({}));
    object["items"]["data"][0]["price"]["id"] = json!("price_unknown");
    let event = parsed(&kit::wrap("customer.subscription.updated", object, 0)).unwrap();
    assert_eq!((event.plan, event.status), (None, Some(SubscriptionStatus::Active)));
}

#[test]
fn a_completed_checkout_counts_only_once_paid() {
    let mut object = kit::checkout(&Spec::new(None), json!({"plan": "pro"}));
    object["payment_status"] = json!("unpaid");
    let unpaid = parsed(&kit::wrap("checkout.session.completed", object.clone(), 0)).unwrap();
    assert_eq!(unpaid.kind, EventKind::Ignored);
    let later = parsed(&kit::wrap(
        "checkout.session.async_payment_succeeded",
        object.clone(),
        0,
    ));
    assert_eq!(later.unwrap().kind, EventKind::Ignored);
    object["payment_status"] = json!("paid");
    let paid = parsed(&kit::wrap("checkout.session.async_payment_succeeded", object, 0)).unwrap();
    assert_eq!(paid.kind, EventKind::CheckoutCompleted);
}

#[test]
fn a_trial_checkout_needing_no_payment_counts() {
    let mut object = kit::checkout(&Spec::new(None), json!({"plan": "pro"}));
    object["payment_status"] = json!("no_payment_required");
    let event = parsed(&kit::wrap("checkout.session.completed", object, 0)).unwrap();
    assert_eq!(event.kind, EventKind::CheckoutCompleted);
}

#[test]
fn a_one_time_payment_checkout_is_ignored() {
    let mut object = kit::checkout(&Spec::new(None), json!({"plan": "pro"}));
    object["mode"] = json!("payment");
    let event = parsed(&kit::wrap("checkout.session.completed", object, 0)).unwrap();
    assert_eq!(event.kind, EventKind::Ignored);
}

#[test]
fn an_expanded_customer_object_gives_its_id_and_a_missing_one_none() {
    let mut object = kit::checkout(&Spec::new(None), json!({}));
    object["customer"] = json!({"id": "cus_expanded", "object": "customer"});
    let event = parsed(&kit::wrap("checkout.session.completed", object.clone(), 0)).unwrap();
    assert_eq!(event.customer_id.as_deref(), Some("cus_expanded"));
    object["customer"] = json!(null);
    let event = parsed(&kit::wrap("checkout.session.completed", object, 0)).unwrap();
    assert_eq!(event.customer_id, None);
}

#[test]
fn an_unknown_event_type_is_ignored_but_keeps_its_id() {
    let body = kit::event(Kind::Unknown, &Spec::new(None));
    let event = parsed(&body).unwrap();
    assert_eq!(event.kind, EventKind::Ignored);
    assert_eq!(event.event_type, "invoice.created");
}
