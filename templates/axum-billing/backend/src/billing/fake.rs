//! A payment provider that calls nobody: what the API tests put in the app state.
//!
//! It verifies webhooks with the real provider's code (so tests sign bodies exactly as the
//! provider does), records every API call, and answers them with what the test chose.

use std::sync::Mutex;

use axum::http::HeaderMap;

use super::event::{BillingEvent, CheckoutParams};
use super::provider::{BillingError, BillingProvider, WebhookError};
use super::settings::BillingSettings;
use super::webhook;
use crate::auth::BoxFuture;

/// One call the app made to the provider.
#[derive(Clone, Debug, PartialEq)]
pub enum Call {
    Checkout(CheckoutParams),
    Portal { customer_id: String, return_url: String },
    Cancel(String),
}

/// What the fake answers; every call succeeds unless a test sets a failure.
#[derive(Debug)]
pub struct FakeProvider {
    settings: BillingSettings,
    calls: Mutex<Vec<Call>>,
    failure: Mutex<Option<BillingError>>,
}

pub const CHECKOUT_URL: &str = "https://checkout.example.test/session";
pub const PORTAL_URL: &str = "https://portal.example.test/session";

impl FakeProvider {
    pub fn new(settings: BillingSettings) -> Self {
        Self {
            settings,
            calls: Mutex::new(Vec::new()),
            failure: Mutex::new(None),
        }
    }

    /// Make every following API call fail with `error`.
    pub fn fail_with(&self, error: BillingError) {
        *self.failure.lock().expect("fake lock") = Some(error);
    }

    /// The calls made so far, oldest first.
    pub fn calls(&self) -> Vec<Call> {
        self.calls.lock().expect("fake lock").clone()
    }

    fn answer<T>(&self, call: Call, value: T) -> Result<T, BillingError> {
        self.calls.lock().expect("fake lock").push(call);
        match self.failure.lock().expect("fake lock").clone() {
            Some(error) => Err(error),
            None => Ok(value),
        }
    }
}

impl BillingProvider for FakeProvider {
    fn name(&self) -> &'static str {
        webhook::PROVIDER_NAME
    }

    fn create_checkout<'a>(&'a self, params: &'a CheckoutParams) -> BoxFuture<'a, Result<String, BillingError>> {
        let answer = self
            .settings
            .price_id(params.plan)
            .and_then(|_| self.answer(Call::Checkout(params.clone()), CHECKOUT_URL.to_owned()));
        Box::pin(async move { answer })
    }

    fn create_portal<'a>(
        &'a self,
        customer_id: &'a str,
        return_url: &'a str,
    ) -> BoxFuture<'a, Result<String, BillingError>> {
        let call = Call::Portal {
            customer_id: customer_id.to_owned(),
            return_url: return_url.to_owned(),
        };
        let answer = self.answer(call, PORTAL_URL.to_owned());
        Box::pin(async move { answer })
    }

    fn cancel_subscription<'a>(&'a self, subscription_id: &'a str) -> BoxFuture<'a, Result<(), BillingError>> {
        let answer = self.answer(Call::Cancel(subscription_id.to_owned()), ());
        Box::pin(async move { answer })
    }

    fn parse_webhook(&self, headers: &HeaderMap, body: &[u8]) -> Result<BillingEvent, WebhookError> {
        webhook::parse(&self.settings, headers, body)
    }
}
