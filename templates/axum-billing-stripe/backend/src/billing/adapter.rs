//! Stripe over its REST API: Checkout Sessions, Billing Portal sessions and cancellation.
//!
//! Plain form-encoded calls (https://docs.stripe.com/api), no SDK crate: three endpoints do
//! not justify minutes of compile time. Webhooks are `webhook.rs`.

use axum::http::HeaderMap;
use reqwest::{Method, StatusCode};
use serde_json::Value;

use super::event::{BillingEvent, CheckoutParams};
use super::http::{ApiClient, Body, Reply, segment, string_at};
use super::provider::{BillingError, BillingProvider, WebhookError};
use super::settings::{BillingSettings, is_set};
use super::webhook;
use crate::auth::BoxFuture;

/// The Stripe adapter behind [`BillingProvider`].
#[derive(Debug)]
pub struct Provider {
    settings: BillingSettings,
    http: reqwest::Client,
}

impl Provider {
    pub fn new(settings: BillingSettings, http: reqwest::Client) -> Self {
        Self { settings, http }
    }

    fn client(&self) -> Result<ApiClient, BillingError> {
        if !is_set(&self.settings.secret_key) {
            return Err(BillingError::NotConfigured("STRIPE_SECRET_KEY is not set".into()));
        }
        Ok(ApiClient {
            http: self.http.clone(),
            base_url: self.settings.api_base_url.clone(),
            api_key: self.settings.secret_key.clone(),
            json_type: "application/json",
            headers: HeaderMap::new(),
        })
    }

    async fn post(&self, path: &str, form: &[(String, String)], what: &str) -> Result<Value, BillingError> {
        let reply = self.client()?.send(Method::POST, path, Body::Form(form)).await?;
        ok_or_stripe_error(reply, what)
    }
}

/// The checkout session's form: a subscription for the plan's price, carrying the owner.
fn checkout_form(params: &CheckoutParams, price_id: &str) -> Vec<(String, String)> {
    let mut form = vec![
        ("mode".to_owned(), "subscription".to_owned()),
        ("line_items[0][price]".to_owned(), price_id.to_owned()),
        ("line_items[0][quantity]".to_owned(), "1".to_owned()),
        ("success_url".to_owned(), params.success_url.clone()),
        ("cancel_url".to_owned(), params.cancel_url.clone()),
        ("client_reference_id".to_owned(), params.owner_id.to_string()),
    ];
    for (key, value) in params.metadata() {
        form.push((format!("metadata[{key}]"), value.clone()));
        // Copied onto the subscription, so its later events name the owner too.
        form.push((format!("subscription_data[metadata][{key}]"), value));
    }
    if let Some(customer) = &params.customer_id {
        form.push(("customer".to_owned(), customer.clone()));
    } else if let Some(email) = &params.email {
        form.push(("customer_email".to_owned(), email.clone()));
    }
    form
}

/// The reply's body, or Stripe's own error message (`error.message`) as a provider failure.
fn ok_or_stripe_error(reply: Reply, what: &str) -> Result<Value, BillingError> {
    if reply.status.is_success() {
        return Ok(reply.json);
    }
    let message = string_at(&reply.json, "/error/message").unwrap_or_else(|| reply.status.to_string());
    Err(BillingError::Provider(format!("stripe {what} failed: {message}")))
}

impl BillingProvider for Provider {
    fn name(&self) -> &'static str {
        webhook::PROVIDER_NAME
    }

    fn create_checkout<'a>(&'a self, params: &'a CheckoutParams) -> BoxFuture<'a, Result<String, BillingError>> {
        Box::pin(async move {
            let price_id = self.settings.price_id(params.plan)?;
            let form = checkout_form(params, price_id);
            let session = self.post("/v1/checkout/sessions", &form, "checkout").await?;
            string_at(&session, "/url")
                .ok_or_else(|| BillingError::Provider("stripe returned a checkout session without a url".into()))
        })
    }

    fn create_portal<'a>(
        &'a self,
        customer_id: &'a str,
        return_url: &'a str,
    ) -> BoxFuture<'a, Result<String, BillingError>> {
        Box::pin(async move {
            let form = [
                ("customer".to_owned(), customer_id.to_owned()),
                ("return_url".to_owned(), return_url.to_owned()),
            ];
            let portal = self.post("/v1/billing_portal/sessions", &form, "portal").await?;
            string_at(&portal, "/url")
                .ok_or_else(|| BillingError::Provider("stripe returned a portal session without a url".into()))
        })
    }

    fn cancel_subscription<'a>(&'a self, subscription_id: &'a str) -> BoxFuture<'a, Result<(), BillingError>> {
        // https://docs.stripe.com/api/subscriptions/cancel: ends it now, no further invoices.
        Box::pin(async move {
            let path = format!("/v1/subscriptions/{}", segment(subscription_id)?);
            let reply = self.client()?.send(Method::DELETE, &path, Body::Empty).await?;
            if reply.status == StatusCode::NOT_FOUND {
                return Ok(());
            }
            ok_or_stripe_error(reply, "cancel").map(drop)
        })
    }

    fn parse_webhook(&self, headers: &HeaderMap, body: &[u8]) -> Result<BillingEvent, WebhookError> {
        webhook::parse(&self.settings, headers, body)
    }
}
