//! Paddle's webhooks: verified the documented way, then normalized into a [`BillingEvent`].
//!
//! https://developer.paddle.com/webhooks/signature-verification: `Paddle-Signature:
//! ts=<unix time>;h1=<hex HMAC-SHA256 of "ts:body">`, keyed with the notification
//! destination's secret; several `h1` values may appear while a secret is being rotated. A
//! timestamp further than the tolerance from now is refused (replay protection). The
//! event's `event_id` (`evt_...`) is the same on every retry: the deduplication key.

use axum::http::HeaderMap;
use chrono::{DateTime, Utc};
use serde_json::Value;

use super::event::{BillingEvent, EventKind, OWNER_METADATA_KEY, PLAN_METADATA_KEY, metadata_plan, parse_owner_id};
use super::plans::{PlanId, SubscriptionStatus};
use super::provider::WebhookError;
use super::settings::{BillingSettings, is_set};
use super::signature;

pub const PROVIDER_NAME: &str = "paddle";
pub const SIGNATURE_HEADER: &str = "paddle-signature";

const INVALID: WebhookError = WebhookError("webhook body is not a valid event");

/// https://developer.paddle.com/api-reference/subscriptions/overview (status)
fn status_of(status: &str) -> SubscriptionStatus {
    match status {
        "trialing" => SubscriptionStatus::Trialing,
        "active" => SubscriptionStatus::Active,
        "past_due" => SubscriptionStatus::PastDue,
        "paused" | "canceled" => SubscriptionStatus::Canceled,
        _ => SubscriptionStatus::None,
    }
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
        .ok_or(WebhookError("missing Paddle-Signature header"))?;
    let (timestamp, candidates) = signature_parts(header)?;
    let signed = [timestamp.as_bytes(), b":", body].concat();
    if !signature::matches_any(&settings.webhook_secret, &signed, candidates) {
        return Err(WebhookError("invalid signature"));
    }
    let signed_at: i64 = timestamp.parse().map_err(|_| WebhookError("stale webhook"))?;
    if !signature::is_fresh(signed_at, settings.webhook_tolerance_seconds) {
        return Err(WebhookError("stale webhook"));
    }
    let payload: Value = serde_json::from_slice(body).map_err(|_| INVALID)?;
    let event_id = text_of(payload.get("event_id")).ok_or(INVALID)?;
    let event_type = text_of(payload.get("event_type")).ok_or(INVALID)?;
    let data = payload.get("data").filter(|data| data.is_object()).ok_or(INVALID)?;
    let occurred_at = payload
        .get("occurred_at")
        .and_then(Value::as_str)
        .and_then(|text| DateTime::parse_from_rfc3339(text).ok())
        .map(|time| time.with_timezone(&Utc));
    Ok(normalize(settings, event_id, event_type, data, occurred_at))
}

/// `ts=...;h1=...[;h1=...]` into the timestamp and the candidate signatures.
fn signature_parts(header: &str) -> Result<(&str, Vec<&str>), WebhookError> {
    let mut timestamp = "";
    let mut candidates = Vec::new();
    for (key, value) in header.split(';').filter_map(|part| part.trim().split_once('=')) {
        match key {
            "ts" => timestamp = value,
            "h1" if !value.is_empty() => candidates.push(value),
            _ => {}
        }
    }
    if timestamp.is_empty() || !timestamp.bytes().all(|byte| byte.is_ascii_digit()) || candidates.is_empty() {
        return Err(WebhookError("malformed Paddle-Signature header"));
    }
    Ok((timestamp, candidates))
}

fn normalize(
    settings: &BillingSettings,
    event_id: String,
    event_type: String,
    data: &Value,
    occurred_at: Option<DateTime<Utc>>,
) -> BillingEvent {
    let custom = data.get("custom_data");
    let owner_id = parse_owner_id(custom.and_then(|custom| custom.get(OWNER_METADATA_KEY)));
    let price_id = data.pointer("/items/0/price/id").and_then(Value::as_str);
    let event = BillingEvent {
        event_id,
        event_type,
        kind: EventKind::SubscriptionChanged,
        owner_id,
        customer_id: text_of(data.get("customer_id")),
        subscription_id: None,
        plan: None,
        status: None,
        occurred_at,
    };
    let transaction_subscription = text_of(data.get("subscription_id"));
    if event.event_type == "transaction.completed" && transaction_subscription.is_some() {
        return BillingEvent {
            kind: EventKind::CheckoutCompleted,
            subscription_id: transaction_subscription,
            plan: metadata_plan(custom.and_then(|custom| custom.get(PLAN_METADATA_KEY))),
            status: Some(SubscriptionStatus::Active),
            ..event
        };
    }
    if event.event_type.starts_with("subscription.") {
        let status = status_of(data.get("status").and_then(Value::as_str).unwrap_or_default());
        // A plan only while the subscription is paid for (past_due: in dunning).
        let plan = if status.is_live() {
            settings.plan_for_price(price_id)
        } else {
            Some(PlanId::Free)
        };
        let kind = if event.event_type == "subscription.created" {
            EventKind::SubscriptionStarted
        } else {
            EventKind::SubscriptionChanged
        };
        return BillingEvent {
            kind,
            subscription_id: text_of(data.get("id")),
            plan,
            status: Some(status),
            ..event
        };
    }
    BillingEvent::ignored(event.event_id, event.event_type, event.owner_id)
}

/// A non-empty string field.
fn text_of(value: Option<&Value>) -> Option<String> {
    value
        .and_then(Value::as_str)
        .filter(|text| !text.is_empty())
        .map(str::to_owned)
}
