//! Lemon Squeezy test kit: settings, webhook bodies shaped as Lemon Squeezy sends them, and
//! their signatures.
//!
//! Every provider's kit has the same names, so the provider-neutral webhook, checkout and
//! deletion tests run unchanged against the provider this project was generated with.

use std::sync::Mutex;

use axum::http::{HeaderMap, HeaderValue};
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use serde_json::{Value, json};
use uuid::Uuid;

use super::event::OWNER_METADATA_KEY;
use super::plans::PaidPlan;
use super::settings::BillingSettings;
use super::signature;
use super::webhook::SIGNATURE_HEADER;

pub const WEBHOOK_SECRET: &str = "test-webhook-secret";
pub const CUSTOMER_ID: &str = "7001";
pub const SUBSCRIPTION_ID: &str = "8001";
pub const STORE_ID: &str = "42";
/// The settings production requires: (variable, the `.env.example` placeholder).
pub const REQUIRED_IN_PRODUCTION: [(&str, &str); 2] = [
    ("LEMONSQUEEZY_API_KEY", "your-lemonsqueezy-api-key"),
    ("LEMONSQUEEZY_WEBHOOK_SECRET", "your-lemonsqueezy-webhook-secret"),
];

/// A neutral webhook: each provider's kit sends it the way that provider would.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    CheckoutCompleted,
    SubscriptionCreated,
    SubscriptionUpdated,
    /// The subscription is over (no more access).
    SubscriptionEnded,
    /// A renewal payment failed: the subscription goes past due.
    PaymentFailed,
    /// An event type the app does not act on.
    Unknown,
}

/// What an event is about; `Spec::new(owner)` fills in the kit's defaults.
#[derive(Clone, Debug)]
pub struct Spec {
    pub owner_id: Option<Uuid>,
    pub plan: PaidPlan,
    /// In the app's terms: active, trialing or past_due.
    pub status: &'static str,
    pub customer_id: String,
    pub subscription_id: String,
    pub age_seconds: i64,
}

impl Spec {
    pub fn new(owner_id: Option<Uuid>) -> Self {
        Self {
            owner_id,
            plan: PaidPlan::Pro,
            status: "active",
            customer_id: CUSTOMER_ID.to_owned(),
            subscription_id: SUBSCRIPTION_ID.to_owned(),
            age_seconds: 0,
        }
    }
}

pub fn price_id(plan: PaidPlan) -> &'static str {
    match plan {
        PaidPlan::Pro => "1001",
        PaidPlan::Business => "1002",
    }
}

/// The variables the tests run with: configured, nothing a production guard refuses.
pub fn env() -> Vec<(&'static str, &'static str)> {
    vec![
        ("LEMONSQUEEZY_API_KEY", "test-api-key"),
        ("LEMONSQUEEZY_STORE_ID", STORE_ID),
        ("LEMONSQUEEZY_WEBHOOK_SECRET", WEBHOOK_SECRET),
        ("LEMONSQUEEZY_VARIANT_PRO", "1001"),
        ("LEMONSQUEEZY_VARIANT_BUSINESS", "1002"),
    ]
}

/// Configured settings for tests, with the API at `api_base_url`.
pub fn settings(api_base_url: &str) -> BillingSettings {
    BillingSettings {
        api_key: "test-api-key".into(),
        store_id: STORE_ID.into(),
        webhook_secret: WEBHOOK_SECRET.into(),
        variant_pro: price_id(PaidPlan::Pro).into(),
        variant_business: price_id(PaidPlan::Business).into(),
        api_base_url: api_base_url.into(),
    }
}

/// Headers Lemon Squeezy would send for `body` signed with `secret` (it signs no time, so
/// `age_seconds` changes nothing).
pub fn signed_with(body: &[u8], secret: &str, _age_seconds: i64) -> HeaderMap {
    let mut headers = HeaderMap::new();
    let value = HeaderValue::from_str(&signature::sign(secret, body)).expect("hex");
    headers.insert(SIGNATURE_HEADER, value);
    headers
}

/// Headers Lemon Squeezy would send for `body`.
pub fn signed_headers(body: &[u8]) -> HeaderMap {
    signed_with(body, WEBHOOK_SECRET, 0)
}

/// Now, but strictly after the previous call: events built in a row are ordered (and have
/// distinct deduplication keys, which include `updated_at`).
fn next_time() -> DateTime<Utc> {
    static LAST: Mutex<Option<DateTime<Utc>>> = Mutex::new(None);
    let mut last = LAST.lock().expect("kit clock");
    let now = match *last {
        Some(previous) if previous >= Utc::now() => previous + Duration::microseconds(1),
        _ => Utc::now(),
    };
    *last = Some(now);
    now
}

/// A number when the id is one (as Lemon Squeezy writes ids in attributes), else text.
fn attribute_id(id: &str) -> Value {
    id.parse::<u64>().map_or_else(|_| json!(id), |number| json!(number))
}

/// A webhook body. Each call is a new event; resend the bytes to replay one.
pub fn event(kind: Kind, spec: &Spec) -> Vec<u8> {
    let updated = (next_time() - Duration::seconds(spec.age_seconds)).to_rfc3339_opts(SecondsFormat::Micros, true);
    let mut custom = json!({"plan": spec.plan.as_str()});
    if let Some(owner_id) = spec.owner_id {
        custom[OWNER_METADATA_KEY] = json!(owner_id.to_string());
    }
    let mut attributes = json!({
        "store_id": 42,
        "customer_id": attribute_id(&spec.customer_id),
        "created_at": updated,
        "updated_at": updated,
    });
    let variant = attribute_id(price_id(spec.plan));
    let status = match spec.status {
        "trialing" => "on_trial",
        other => other,
    };
    let (event_name, data_type, data_id) = match kind {
        Kind::CheckoutCompleted => {
            attributes["status"] = json!("paid");
            attributes["first_order_item"] = json!({"variant_id": variant});
            ("order_created", "orders", "9001".to_owned())
        }
        Kind::SubscriptionCreated | Kind::SubscriptionUpdated | Kind::SubscriptionEnded => {
            let (name, status) = match kind {
                Kind::SubscriptionCreated => ("subscription_created", status),
                Kind::SubscriptionUpdated => ("subscription_updated", status),
                _ => ("subscription_expired", "expired"),
            };
            attributes["status"] = json!(status);
            attributes["variant_id"] = variant;
            (name, "subscriptions", spec.subscription_id.clone())
        }
        Kind::PaymentFailed => {
            attributes["subscription_id"] = attribute_id(&spec.subscription_id);
            attributes["status"] = json!("failed");
            (
                "subscription_payment_failed",
                "subscription-invoices",
                "6001".to_owned(),
            )
        }
        Kind::Unknown => ("license_key_created", "license-keys", "5001".to_owned()),
    };
    json!({
        "meta": {"event_name": event_name, "custom_data": custom, "test_mode": true},
        "data": {"type": data_type, "id": data_id, "attributes": attributes},
    })
    .to_string()
    .into_bytes()
}
