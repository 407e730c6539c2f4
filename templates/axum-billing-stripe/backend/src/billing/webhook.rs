//! Stripe's webhooks: verified the documented way, then normalized into a [`BillingEvent`].
//!
//! https://docs.stripe.com/webhooks#verify-events: `Stripe-Signature` carries
//! `t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">` (several `v1` while a secret rolls).
//! A timestamp further than the tolerance from now, in the past or the future, is refused.
//! The event's `id` (`evt_...`) is the same on every retry: the deduplication key.
//!
//! Stripe delivers events in no particular order, and a subscription starts `incomplete`
//! until its first payment succeeds: `incomplete` events are not applied (they would
//! downgrade an owner who has just paid), and a completed checkout counts only once paid
//! (`payment_status`); a delayed payment method completes with
//! `checkout.session.async_payment_succeeded`.

use axum::http::HeaderMap;
use chrono::{DateTime, Utc};
use serde_json::Value;

use super::event::{BillingEvent, EventKind, OWNER_METADATA_KEY, PLAN_METADATA_KEY, metadata_plan, parse_owner_id};
use super::plans::{PlanId, SubscriptionStatus};
use super::provider::WebhookError;
use super::settings::{BillingSettings, is_set};
use super::signature;

pub const PROVIDER_NAME: &str = "stripe";
pub const SIGNATURE_HEADER: &str = "stripe-signature";

const SUBSCRIPTION_EVENTS: [&str; 3] = [
    "customer.subscription.created",
    "customer.subscription.updated",
    "customer.subscription.deleted",
];
/// A checkout whose payment went through (or needed none: a free trial).
const CHECKOUT_EVENTS: [&str; 2] = ["checkout.session.completed", "checkout.session.async_payment_succeeded"];
const PAID: [&str; 2] = ["paid", "no_payment_required"];

/// https://docs.stripe.com/api/subscriptions/object#subscription_object-status
fn status_of(stripe_status: &str) -> Option<SubscriptionStatus> {
    Some(match stripe_status {
        "trialing" => SubscriptionStatus::Trialing,
        "active" => SubscriptionStatus::Active,
        "past_due" | "unpaid" => SubscriptionStatus::PastDue,
        "canceled" | "incomplete_expired" | "paused" => SubscriptionStatus::Canceled,
        _ => return None,
    })
}

/// Verify a webhook's signature and age, then normalize it.
pub fn parse(settings: &BillingSettings, headers: &HeaderMap, body: &[u8]) -> Result<BillingEvent, WebhookError> {
    if !is_set(&settings.webhook_secret) {
        return Err(WebhookError("webhook secret is not configured"));
    }
    let header = headers
        .get(SIGNATURE_HEADER)
        .and_then(|value| value.to_str().ok())
        .filter(|value| !value.is_empty())
        .ok_or(WebhookError("missing Stripe-Signature header"))?;
    let signed_at = verify(settings, header, body)?;
    if signed_at > Utc::now().timestamp() + settings.webhook_tolerance_seconds {
        return Err(WebhookError("webhook timestamp is in the future"));
    }
    let payload: Value = serde_json::from_slice(body).map_err(|_| WebhookError("webhook body is not a valid event"))?;
    normalize(settings, &payload)
}

/// The signing time of a header whose signature matches and that is not too old.
fn verify(settings: &BillingSettings, header: &str, body: &[u8]) -> Result<i64, WebhookError> {
    const INVALID: WebhookError = WebhookError("invalid signature or stale timestamp");
    let pairs: Vec<(&str, &str)> = header
        .split(',')
        .filter_map(|part| part.trim().split_once('='))
        .collect();
    let timestamp = pairs
        .iter()
        .find(|(key, _)| *key == "t")
        .map(|(_, value)| *value)
        .ok_or(INVALID)?;
    let signed_at: i64 = timestamp.parse().map_err(|_| INVALID)?;
    let message = [timestamp.as_bytes(), b".", body].concat();
    let candidates = pairs.iter().filter(|(key, _)| *key == "v1").map(|(_, value)| *value);
    if !signature::matches_any(&settings.webhook_secret, &message, candidates) {
        return Err(INVALID);
    }
    let now = Utc::now().timestamp();
    if now - signed_at > settings.webhook_tolerance_seconds {
        return Err(INVALID);
    }
    Ok(signed_at)
}

fn normalize(settings: &BillingSettings, payload: &Value) -> Result<BillingEvent, WebhookError> {
    let text = |key: &str| payload.get(key).and_then(Value::as_str).filter(|v| !v.is_empty());
    let (Some(event_id), Some(event_type), Some(object)) = (
        text("id"),
        text("type"),
        payload.pointer("/data/object").filter(|o| o.is_object()),
    ) else {
        return Err(WebhookError("webhook body is not a valid event"));
    };
    let metadata = object.get("metadata");
    let event = BillingEvent {
        event_id: event_id.to_owned(),
        event_type: event_type.to_owned(),
        kind: EventKind::Ignored,
        owner_id: parse_owner_id(metadata.and_then(|m| m.get(OWNER_METADATA_KEY))),
        customer_id: id_of(object.get("customer")),
        subscription_id: None,
        plan: None,
        status: None,
        occurred_at: payload
            .get("created")
            .and_then(Value::as_i64)
            .and_then(|created| DateTime::from_timestamp(created, 0)),
    };
    let paid = object
        .get("payment_status")
        .and_then(Value::as_str)
        .is_some_and(|status| PAID.contains(&status));
    let mode = object.get("mode").and_then(Value::as_str);
    if CHECKOUT_EVENTS.contains(&event_type) && mode == Some("subscription") && paid {
        return Ok(BillingEvent {
            kind: EventKind::CheckoutCompleted,
            subscription_id: id_of(object.get("subscription")),
            plan: metadata_plan(metadata.and_then(|m| m.get(PLAN_METADATA_KEY))),
            status: Some(SubscriptionStatus::Active),
            ..event
        });
    }
    let deleted = event_type == "customer.subscription.deleted";
    let status = object.get("status").and_then(Value::as_str).and_then(status_of);
    // `incomplete` (first payment pending) and unknown statuses change nothing.
    if SUBSCRIPTION_EVENTS.contains(&event_type) && (status.is_some() || deleted) {
        let status = if deleted {
            SubscriptionStatus::Canceled
        } else {
            status.unwrap_or(SubscriptionStatus::Canceled)
        };
        let price_id = object.pointer("/items/data/0/price/id").and_then(Value::as_str);
        return Ok(BillingEvent {
            kind: if event_type == "customer.subscription.created" {
                EventKind::SubscriptionStarted
            } else {
                EventKind::SubscriptionChanged
            },
            subscription_id: id_of(object.get("id")),
            // A plan only while the subscription is paid for (past_due: in dunning).
            plan: if status.is_live() {
                settings.plan_for_price(price_id)
            } else {
                Some(PlanId::Free)
            },
            status: Some(status),
            ..event
        });
    }
    Ok(BillingEvent::ignored(event.event_id, event.event_type, event.owner_id))
}

/// An id from a field that is either the id or the expanded object.
fn id_of(value: Option<&Value>) -> Option<String> {
    let value = value?;
    let id = value.as_str().or_else(|| value.get("id").and_then(Value::as_str))?;
    Some(id.to_owned()).filter(|id| !id.is_empty())
}
