//! Paddle test kit: settings, webhook bodies shaped as Paddle sends them, and their
//! signatures.
//!
//! Every provider's kit has the same names, so the provider-neutral webhook, checkout and
//! deletion tests run unchanged against the provider this project was generated with.

use axum::http::{HeaderMap, HeaderValue};
use chrono::{Duration, SecondsFormat, Utc};
use serde_json::{Value, json};
use uuid::Uuid;

use super::event::OWNER_METADATA_KEY;
use super::plans::PaidPlan;
use super::settings::BillingSettings;
use super::signature;
use super::webhook::SIGNATURE_HEADER;

pub const WEBHOOK_SECRET: &str = "pdl_ntfset_test_secret";
pub const CUSTOMER_ID: &str = "ctm_test_1";
pub const SUBSCRIPTION_ID: &str = "sub_test_1";
/// The settings production requires: (variable, the `.env.example` placeholder).
pub const REQUIRED_IN_PRODUCTION: [(&str, &str); 2] = [
    ("PADDLE_API_KEY", "your-paddle-api-key"),
    ("PADDLE_WEBHOOK_SECRET", "your-paddle-webhook-secret"),
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
        PaidPlan::Pro => "pri_test_pro",
        PaidPlan::Business => "pri_test_business",
    }
}

/// The variables the tests run with: configured, nothing a production guard refuses.
pub fn env() -> Vec<(&'static str, &'static str)> {
    vec![
        ("PADDLE_API_KEY", "pdl_sdbx_apikey_test"),
        ("PADDLE_WEBHOOK_SECRET", WEBHOOK_SECRET),
        ("PADDLE_PRICE_PRO", "pri_test_pro"),
        ("PADDLE_PRICE_BUSINESS", "pri_test_business"),
    ]
}

/// Configured settings for tests, with the API at `api_base_url`.
pub fn settings(api_base_url: &str) -> BillingSettings {
    BillingSettings {
        api_key: "pdl_sdbx_apikey_test".into(),
        webhook_secret: WEBHOOK_SECRET.into(),
        environment: "sandbox".into(),
        price_pro: price_id(PaidPlan::Pro).into(),
        price_business: price_id(PaidPlan::Business).into(),
        webhook_tolerance_seconds: 300,
        api_base: api_base_url.into(),
    }
}

/// Headers Paddle would send `age_seconds` after signing `body` with `secret`.
pub fn signed_with(body: &[u8], secret: &str, age_seconds: i64) -> HeaderMap {
    let timestamp = Utc::now().timestamp() - age_seconds;
    let message = [timestamp.to_string().as_bytes(), b":", body].concat();
    let value = format!("ts={timestamp};h1={}", signature::sign(secret, &message));
    let mut headers = HeaderMap::new();
    headers.insert(SIGNATURE_HEADER, HeaderValue::from_str(&value).expect("ascii"));
    headers
}

/// Headers Paddle would send for `body`, signed just now.
pub fn signed_headers(body: &[u8]) -> HeaderMap {
    signed_with(body, WEBHOOK_SECRET, 0)
}

/// A webhook body. Each call is a new event (new id); resend the bytes to replay one.
pub fn event(kind: Kind, spec: &Spec) -> Vec<u8> {
    let mut custom = json!({"plan": spec.plan.as_str()});
    if let Some(owner_id) = spec.owner_id {
        custom[OWNER_METADATA_KEY] = json!(owner_id.to_string());
    }
    let items = json!([{"price": {"id": price_id(spec.plan)}, "quantity": 1}]);
    let subscription = |status: &str| json!({"id": spec.subscription_id, "status": status, "customer_id": spec.customer_id, "custom_data": custom, "items": items});
    let (event_type, data) = match kind {
        Kind::CheckoutCompleted => (
            "transaction.completed",
            json!({
                "id": "txn_test_1",
                "status": "completed",
                "customer_id": spec.customer_id,
                "subscription_id": spec.subscription_id,
                "custom_data": custom,
                "items": items,
            }),
        ),
        Kind::SubscriptionCreated => ("subscription.created", subscription(spec.status)),
        Kind::SubscriptionUpdated => ("subscription.updated", subscription(spec.status)),
        Kind::SubscriptionEnded => ("subscription.canceled", subscription("canceled")),
        Kind::PaymentFailed => ("subscription.past_due", subscription("past_due")),
        Kind::Unknown => (
            "address.created",
            json!({"id": "add_test_1", "customer_id": spec.customer_id, "custom_data": Value::Null}),
        ),
    };
    let occurred = (Utc::now() - Duration::seconds(spec.age_seconds)).to_rfc3339_opts(SecondsFormat::Micros, true);
    json!({
        "event_id": format!("evt_{}", Uuid::new_v4().simple()),
        "event_type": event_type,
        "occurred_at": occurred,
        "notification_id": format!("ntf_{}", Uuid::new_v4().simple()),
        "data": data,
    })
    .to_string()
    .into_bytes()
}
