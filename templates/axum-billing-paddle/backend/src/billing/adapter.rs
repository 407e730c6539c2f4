//! Paddle Billing over its REST API (https://developer.paddle.com/api-reference/overview):
//! checkouts (transactions), portal sessions and cancellation. Webhooks are `webhook.rs`.
//!
//! `POST /transactions` returns a transaction whose `checkout.url` opens Paddle Checkout on
//! the account's default payment link: the frontend's `/checkout/paddle` page, which runs
//! Paddle.js (see README.md).

use axum::http::HeaderMap;
use reqwest::header::HeaderValue;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::event::{BillingEvent, CheckoutParams};
use super::http::{ApiClient, Body, segment, string_at};
use super::provider::{BillingError, BillingProvider, WebhookError};
use super::settings::{BillingSettings, is_set};
use super::webhook;
use crate::auth::BoxFuture;

/// The Paddle adapter behind [`BillingProvider`].
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
        if !is_set(&self.settings.api_key) {
            return Err(BillingError::NotConfigured("PADDLE_API_KEY is not set".into()));
        }
        let mut headers = HeaderMap::new();
        headers.insert("paddle-version", HeaderValue::from_static("1"));
        Ok(ApiClient {
            http: self.http.clone(),
            base_url: self.settings.api_base_url().to_owned(),
            api_key: self.settings.api_key.clone(),
            json_type: "application/json",
            headers,
        })
    }

    /// POST and return `data` of a 2xx reply; with `gone_ok`, a 404 answers `Null`.
    async fn post(&self, path: &str, body: &Value, gone_ok: bool) -> Result<Value, BillingError> {
        let reply = self.client()?.send(Method::POST, path, Body::Json(body)).await?;
        if gone_ok && reply.status == StatusCode::NOT_FOUND {
            return Ok(Value::Null);
        }
        let what = format!("paddle POST {path}");
        let json = reply.ok(&what)?;
        json.get("data")
            .cloned()
            .ok_or_else(|| BillingError::Provider(format!("{what} returned no data")))
    }
}

impl BillingProvider for Provider {
    fn name(&self) -> &'static str {
        webhook::PROVIDER_NAME
    }

    fn create_checkout<'a>(&'a self, params: &'a CheckoutParams) -> BoxFuture<'a, Result<String, BillingError>> {
        // https://developer.paddle.com/api-reference/transactions/create-transaction. Paddle
        // Checkout sends the customer on to `successUrl` itself, so the URLs are checked by
        // the route and kept in custom_data for reference.
        Box::pin(async move {
            let price_id = self.settings.price_id(params.plan)?;
            let custom: serde_json::Map<String, Value> = params
                .metadata()
                .into_iter()
                .map(|(key, value)| (key.to_owned(), Value::String(value)))
                .collect();
            let mut body = json!({
                "items": [{ "price_id": price_id, "quantity": 1 }],
                "custom_data": custom,
                "collection_mode": "automatic",
            });
            if let Some(customer_id) = &params.customer_id {
                body["customer_id"] = json!(customer_id);
            }
            let data = self.post("/transactions", &body, false).await?;
            string_at(&data, "/checkout/url")
                .ok_or_else(|| BillingError::Provider("paddle returned a transaction without a checkout url".into()))
        })
    }

    fn create_portal<'a>(
        &'a self,
        customer_id: &'a str,
        _return_url: &'a str,
    ) -> BoxFuture<'a, Result<String, BillingError>> {
        // Paddle's portal has no return URL; the route has checked it anyway.
        Box::pin(async move {
            let path = format!("/customers/{}/portal-sessions", segment(customer_id)?);
            let data = self.post(&path, &json!({}), false).await?;
            string_at(&data, "/urls/general/overview")
                .ok_or_else(|| BillingError::Provider("paddle returned a portal session without a url".into()))
        })
    }

    fn cancel_subscription<'a>(&'a self, subscription_id: &'a str) -> BoxFuture<'a, Result<(), BillingError>> {
        // https://developer.paddle.com/api-reference/subscriptions/cancel-subscription
        Box::pin(async move {
            let path = format!("/subscriptions/{}/cancel", segment(subscription_id)?);
            self.post(&path, &json!({ "effective_from": "immediately" }), true)
                .await
                .map(drop)
        })
    }

    fn parse_webhook(&self, headers: &HeaderMap, body: &[u8]) -> Result<BillingEvent, WebhookError> {
        webhook::parse(&self.settings, headers, body)
    }
}
