//! The one interface every payment provider implements.
//!
//! Routes, the event processing and account deletion see only [`BillingProvider`]; the
//! provider's own modules (`adapter.rs`, `webhook.rs`) turn it into API calls and turn its
//! webhooks into [`BillingEvent`]s. Tests swap in [`super::fake::FakeProvider`].

use axum::http::HeaderMap;

use super::event::{BillingEvent, CheckoutParams};
use crate::auth::BoxFuture;

/// A call to the payment provider failed.
#[derive(Clone, Debug, thiserror::Error, PartialEq, Eq)]
pub enum BillingError {
    /// A setting the call needs (API key, price id) is empty: the API answers 503.
    #[error("billing is not configured: {0}")]
    NotConfigured(String),
    /// Network, 4xx/5xx or an unexpected reply: the API answers 502.
    #[error("{0}")]
    Provider(String),
}

/// A webhook failed its signature or timestamp check, or is not a valid event (400).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{0}")]
pub struct WebhookError(pub &'static str);

/// A payment provider: hosted checkout, customer portal, cancellation and signed webhooks.
pub trait BillingProvider: Send + Sync {
    /// The provider's name, as in `/api/webhooks/{name}` and the event store.
    fn name(&self) -> &'static str;

    /// Create a hosted checkout and return the URL to send the customer to.
    fn create_checkout<'a>(&'a self, params: &'a CheckoutParams) -> BoxFuture<'a, Result<String, BillingError>>;

    /// Create a customer portal session and return its URL.
    fn create_portal<'a>(
        &'a self,
        customer_id: &'a str,
        return_url: &'a str,
    ) -> BoxFuture<'a, Result<String, BillingError>>;

    /// Cancel a subscription now, so that it bills no more (before its owner is deleted).
    ///
    /// A subscription the provider no longer knows counts as cancelled: a retried deletion
    /// must not fail on the cancellation that the first attempt already made.
    fn cancel_subscription<'a>(&'a self, subscription_id: &'a str) -> BoxFuture<'a, Result<(), BillingError>>;

    /// Verify a webhook's signature and age, then normalize it.
    fn parse_webhook(&self, headers: &HeaderMap, body: &[u8]) -> Result<BillingEvent, WebhookError>;
}
