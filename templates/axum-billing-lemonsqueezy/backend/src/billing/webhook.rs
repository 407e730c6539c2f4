//! Lemon Squeezy's webhooks: verified the documented way, then normalized into a
//! [`BillingEvent`].
//!
//! https://docs.lemonsqueezy.com/help/webhooks/signing-requests: `X-Signature` is the hex
//! HMAC-SHA256 of the raw body keyed with the webhook's signing secret. Lemon Squeezy signs
//! no timestamp and sends no event id, so:
//! - there is no age rule: a retry (after 5, 25 and 125 seconds) or a resend from the
//!   dashboard after an outage carries the original body, and its `updated_at` may be hours
//!   old. The signature proves the body is Lemon Squeezy's and the deduplication makes a
//!   replay harmless; `updated_at` only orders the events of one subscription;
//! - the deduplication key is `event_name:type:id:updated_at`, identical on every retry of
//!   one delivery and different for each change of the object.

use axum::http::HeaderMap;
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::Value;

use super::event::{BillingEvent, EventKind, OWNER_METADATA_KEY, PLAN_METADATA_KEY, metadata_plan, parse_owner_id};
use super::plans::{PlanId, SubscriptionStatus};
use super::provider::WebhookError;
use super::settings::{BillingSettings, is_set};
use super::signature;

pub const PROVIDER_NAME: &str = "lemonsqueezy";
pub const SIGNATURE_HEADER: &str = "x-signature";

const SUBSCRIPTION_EVENTS: [&str; 7] = [
    "subscription_created",
    "subscription_updated",
    "subscription_cancelled",
    "subscription_resumed",
    "subscription_expired",
    "subscription_paused",
    "subscription_unpaused",
];
const INVALID: WebhookError = WebhookError("webhook body is not a valid event");

/// https://docs.lemonsqueezy.com/api/subscriptions/the-subscription-object (status).
/// Cancelled subscriptions stay usable until `ends_at`; `expired` ends them.
fn status_of(status: &str) -> SubscriptionStatus {
    match status {
        "on_trial" => SubscriptionStatus::Trialing,
        "active" => SubscriptionStatus::Active,
        "past_due" | "unpaid" => SubscriptionStatus::PastDue,
        "cancelled" | "paused" | "expired" => SubscriptionStatus::Canceled,
        _ => SubscriptionStatus::None,
    }
}

/// Verify a webhook's signature, then normalize it.
pub fn parse(settings: &BillingSettings, headers: &HeaderMap, body: &[u8]) -> Result<BillingEvent, WebhookError> {
    if !is_set(&settings.webhook_secret) {
        return Err(WebhookError("webhook secret is not configured"));
    }
    let header = headers
        .get(SIGNATURE_HEADER)
        .and_then(|value| value.to_str().ok())
        .filter(|value| !value.is_empty())
        .ok_or(WebhookError("missing X-Signature header"))?;
    if !signature::matches(&settings.webhook_secret, body, header) {
        return Err(WebhookError("invalid signature"));
    }
    let payload: Value = serde_json::from_slice(body).map_err(|_| INVALID)?;
    let event_name = payload
        .pointer("/meta/event_name")
        .and_then(Value::as_str)
        .ok_or(INVALID)?;
    let data = payload.get("data").filter(|data| data.is_object()).ok_or(INVALID)?;
    let attributes = data
        .get("attributes")
        .filter(|attributes| attributes.is_object())
        .ok_or(INVALID)?;
    let updated_at = attributes
        .get("updated_at")
        .and_then(Value::as_str)
        .and_then(|text| DateTime::parse_from_rfc3339(text).ok())
        .map(|time| time.with_timezone(&Utc))
        .ok_or(INVALID)?;
    let event_id = format!(
        "{event_name}:{}:{}:{}",
        id_text(data.get("type")),
        id_text(data.get("id")),
        updated_at.to_rfc3339_opts(SecondsFormat::AutoSi, false),
    );
    Ok(normalize(
        settings, event_id, event_name, &payload, data, attributes, updated_at,
    ))
}

fn normalize(
    settings: &BillingSettings,
    event_id: String,
    event_name: &str,
    payload: &Value,
    data: &Value,
    attributes: &Value,
    occurred_at: DateTime<Utc>,
) -> BillingEvent {
    let custom = payload.pointer("/meta/custom_data");
    let owner_id = parse_owner_id(custom.and_then(|custom| custom.get(OWNER_METADATA_KEY)));
    let event = BillingEvent {
        event_id,
        event_type: event_name.to_owned(),
        kind: EventKind::SubscriptionChanged,
        owner_id,
        customer_id: str_id(attributes.get("customer_id")),
        subscription_id: None,
        plan: None,
        status: None,
        occurred_at: Some(occurred_at),
    };
    let raw_status = attributes.get("status").and_then(Value::as_str).unwrap_or_default();
    if event_name == "order_created" && raw_status == "paid" {
        return BillingEvent {
            kind: EventKind::CheckoutCompleted,
            plan: metadata_plan(custom.and_then(|custom| custom.get(PLAN_METADATA_KEY))),
            status: Some(SubscriptionStatus::Active),
            ..event
        };
    }
    if SUBSCRIPTION_EVENTS.contains(&event_name) {
        let status = status_of(raw_status);
        // A cancelled subscription runs until the end of its period; it ends (and the plan
        // with it) on `subscription_expired` or when its status is `expired`.
        let ended = status == SubscriptionStatus::Canceled && raw_status != "cancelled";
        let plan = if ended || status == SubscriptionStatus::None {
            Some(PlanId::Free)
        } else {
            settings.plan_for_price(str_id(attributes.get("variant_id")).as_deref())
        };
        let kind = if event_name == "subscription_created" {
            EventKind::SubscriptionStarted
        } else {
            EventKind::SubscriptionChanged
        };
        return BillingEvent {
            kind,
            subscription_id: str_id(data.get("id")),
            plan,
            status: Some(status),
            ..event
        };
    }
    if event_name == "subscription_payment_failed" {
        return BillingEvent {
            subscription_id: str_id(attributes.get("subscription_id")),
            status: Some(SubscriptionStatus::PastDue),
            ..event
        };
    }
    BillingEvent::ignored(event.event_id, event.event_type, event.owner_id)
}

/// Lemon Squeezy ids are numbers in attributes and strings in `data.id`.
fn str_id(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(text) if !text.is_empty() => Some(text.clone()),
        Value::Number(number) if number.is_i64() || number.is_u64() => Some(number.to_string()),
        _ => None,
    }
}

/// A part of the deduplication key: the value's text, `None` when absent.
fn id_text(value: Option<&Value>) -> String {
    str_id(value).unwrap_or_else(|| "None".to_owned())
}
