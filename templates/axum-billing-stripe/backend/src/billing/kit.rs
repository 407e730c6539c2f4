//! Stripe test kit: settings, webhook bodies shaped as Stripe sends them, and their
//! signatures.
//!
//! Every provider's kit has the same names, so the provider-neutral webhook, checkout and
//! deletion tests run unchanged against the provider this project was generated with.

use axum::http::{HeaderMap, HeaderValue};
use chrono::Utc;
use serde_json::{Value, json};
use uuid::Uuid;

use super::event::OWNER_METADATA_KEY;
use super::plans::PaidPlan;
use super::settings::BillingSettings;
use super::signature;
use super::webhook::SIGNATURE_HEADER;

pub const WEBHOOK_SECRET: &str = "whsec_test_secret";
pub const CUSTOMER_ID: &str = "cus_test_1";
pub const SUBSCRIPTION_ID: &str = "sub_test_1";
/// The settings production requires: (variable, the `.env.example` placeholder).
pub const REQUIRED_IN_PRODUCTION: [(&str, &str); 2] = [
    ("STRIPE_SECRET_KEY", "sk_test_your-stripe-secret-key"),
    ("STRIPE_WEBHOOK_SECRET", "whsec_your-stripe-webhook-secret"),
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
        PaidPlan::Pro => "price_test_pro",
        PaidPlan::Business => "price_test_business",
    }
}

/// The variables the tests run with: configured, nothing a production guard refuses.
pub fn env() -> Vec<(&'static str, &'static str)> {
    vec![
        ("STRIPE_SECRET_KEY", "sk_test_123"),
        ("STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET),
        ("STRIPE_PRICE_PRO", "price_test_pro"),
        ("STRIPE_PRICE_BUSINESS", "price_test_business"),
    ]
}

/// Configured settings for tests, with the API at `api_base_url`.
pub fn settings(api_base_url: &str) -> BillingSettings {
    BillingSettings {
        secret_key: "sk_test_123".into(),
        webhook_secret: WEBHOOK_SECRET.into(),
        price_pro: price_id(PaidPlan::Pro).into(),
        price_business: price_id(PaidPlan::Business).into(),
        webhook_tolerance_seconds: 300,
        api_base_url: api_base_url.into(),
    }
}

/// Headers Stripe would send `age_seconds` after signing `body` with `secret`.
pub fn signed_with(body: &[u8], secret: &str, age_seconds: i64) -> HeaderMap {
    let timestamp = Utc::now().timestamp() - age_seconds;
    let message = [timestamp.to_string().as_bytes(), b".", body].concat();
    let value = format!("t={timestamp},v1={}", signature::sign(secret, &message));
    let mut headers = HeaderMap::new();
    headers.insert(SIGNATURE_HEADER, HeaderValue::from_str(&value).expect("ascii"));
    headers
}

/// Headers Stripe would send for `body`, signed just now.
pub fn signed_headers(body: &[u8]) -> HeaderMap {
    signed_with(body, WEBHOOK_SECRET, 0)
}

/// A webhook body. Each call is a new event (new id); resend the bytes to replay one.
pub fn event(kind: Kind, spec: &Spec) -> Vec<u8> {
    let mut metadata = json!({"plan": spec.plan.as_str()});
    if let Some(owner_id) = spec.owner_id {
        metadata[OWNER_METADATA_KEY] = json!(owner_id.to_string());
    }
    let (event_type, object) = match kind {
        Kind::CheckoutCompleted => ("checkout.session.completed", checkout(spec, metadata)),
        Kind::SubscriptionCreated => (
            "customer.subscription.created",
            subscription(spec, spec.status, metadata),
        ),
        Kind::SubscriptionUpdated => (
            "customer.subscription.updated",
            subscription(spec, spec.status, metadata),
        ),
        Kind::SubscriptionEnded => (
            "customer.subscription.deleted",
            subscription(spec, "canceled", metadata),
        ),
        Kind::PaymentFailed => (
            "customer.subscription.updated",
            subscription(spec, "past_due", metadata),
        ),
        Kind::Unknown => (
            "invoice.created",
            json!({"id": "in_test_1", "object": "invoice", "customer": spec.customer_id}),
        ),
    };
    wrap(event_type, object, spec.age_seconds)
}

/// A Stripe event around `object`, created `age_seconds` ago.
pub fn wrap(event_type: &str, object: Value, age_seconds: i64) -> Vec<u8> {
    json!({
        "id": format!("evt_{}", Uuid::new_v4().simple()),
        "object": "event",
        "type": event_type,
        "created": Utc::now().timestamp() - age_seconds,
        "data": {"object": object},
    })
    .to_string()
    .into_bytes()
}

pub fn checkout(spec: &Spec, metadata: Value) -> Value {
    json!({
        "id": "cs_test_1",
        "object": "checkout.session",
        "mode": "subscription",
        "payment_status": "paid",
        "customer": spec.customer_id,
        "subscription": spec.subscription_id,
        "metadata": metadata,
    })
}

pub fn subscription(spec: &Spec, status: &str, metadata: Value) -> Value {
    json!({
        "id": spec.subscription_id,
        "object": "subscription",
        "customer": spec.customer_id,
        "status": status,
        "metadata": metadata,
        "items": {"object": "list", "data": [{"price": {"id": price_id(spec.plan)}}]},
    })
}
