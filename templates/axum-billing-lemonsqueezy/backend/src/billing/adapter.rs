//! Lemon Squeezy over its REST API (JSON:API, https://docs.lemonsqueezy.com/api): checkouts,
//! the customer portal link and cancellation. Webhooks are `webhook.rs`.

use axum::http::HeaderMap;
use reqwest::header::{ACCEPT, HeaderValue};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::event::{BillingEvent, CheckoutParams};
use super::http::{ApiClient, Body, segment, string_at};
use super::provider::{BillingError, BillingProvider, WebhookError};
use super::settings::{BillingSettings, is_set};
use super::webhook;
use crate::auth::BoxFuture;

const JSON_API: &str = "application/vnd.api+json";

/// The Lemon Squeezy adapter behind [`BillingProvider`].
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
            return Err(BillingError::NotConfigured("LEMONSQUEEZY_API_KEY is not set".into()));
        }
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static(JSON_API));
        Ok(ApiClient {
            http: self.http.clone(),
            base_url: self.settings.api_base_url.clone(),
            api_key: self.settings.api_key.clone(),
            json_type: JSON_API,
            headers,
        })
    }

    /// The reply's `data`, for a 2xx reply.
    async fn request(&self, method: Method, path: &str, body: Body<'_>) -> Result<Value, BillingError> {
        let what = format!("lemonsqueezy {method} {path}");
        let json = self.client()?.send(method, path, body).await?.ok(&what)?;
        json.get("data")
            .cloned()
            .ok_or_else(|| BillingError::Provider(format!("{what} returned no data")))
    }

    /// https://docs.lemonsqueezy.com/api/checkouts/create-checkout. Lemon Squeezy has no
    /// cancel URL: leaving the hosted checkout simply goes back.
    fn checkout_body(&self, params: &CheckoutParams, variant_id: &str) -> Value {
        let custom: serde_json::Map<String, Value> = params
            .metadata()
            .into_iter()
            .map(|(key, value)| (key.to_owned(), Value::String(value)))
            .collect();
        let mut checkout_data = json!({ "custom": custom });
        if let Some(email) = &params.email {
            checkout_data["email"] = json!(email);
        }
        json!({
            "data": {
                "type": "checkouts",
                "attributes": {
                    "checkout_data": checkout_data,
                    "product_options": { "redirect_url": params.success_url },
                },
                "relationships": {
                    "store": { "data": { "type": "stores", "id": self.settings.store_id } },
                    "variant": { "data": { "type": "variants", "id": variant_id } },
                },
            }
        })
    }
}

impl BillingProvider for Provider {
    fn name(&self) -> &'static str {
        webhook::PROVIDER_NAME
    }

    fn create_checkout<'a>(&'a self, params: &'a CheckoutParams) -> BoxFuture<'a, Result<String, BillingError>> {
        Box::pin(async move {
            let variant_id = self.settings.price_id(params.plan)?;
            if !is_set(&self.settings.store_id) {
                return Err(BillingError::NotConfigured("LEMONSQUEEZY_STORE_ID is not set".into()));
            }
            let body = self.checkout_body(params, variant_id);
            let data = self.request(Method::POST, "/checkouts", Body::Json(&body)).await?;
            string_at(&data, "/attributes/url")
                .ok_or_else(|| BillingError::Provider("lemonsqueezy returned a checkout without a url".into()))
        })
    }

    fn create_portal<'a>(
        &'a self,
        customer_id: &'a str,
        _return_url: &'a str,
    ) -> BoxFuture<'a, Result<String, BillingError>> {
        // The customer object carries a signed, 24-hour portal link
        // (https://docs.lemonsqueezy.com/api/customers/the-customer-object, `urls`). The
        // portal has no return URL; the route has checked it anyway.
        Box::pin(async move {
            let path = format!("/customers/{}", segment(customer_id)?);
            let data = self.request(Method::GET, &path, Body::Empty).await?;
            string_at(&data, "/attributes/urls/customer_portal")
                .ok_or_else(|| BillingError::Provider("lemonsqueezy returned a customer without a portal url".into()))
        })
    }

    fn cancel_subscription<'a>(&'a self, subscription_id: &'a str) -> BoxFuture<'a, Result<(), BillingError>> {
        // https://docs.lemonsqueezy.com/api/subscriptions/cancel-subscription: no renewal is
        // charged any more. A subscription Lemon Squeezy no longer has (404) is done.
        Box::pin(async move {
            let path = format!("/subscriptions/{}", segment(subscription_id)?);
            let reply = self.client()?.send(Method::DELETE, &path, Body::Empty).await?;
            if reply.status == StatusCode::NOT_FOUND {
                return Ok(());
            }
            reply.ok(&format!("lemonsqueezy DELETE {path}")).map(drop)
        })
    }

    fn parse_webhook(&self, headers: &HeaderMap, body: &[u8]) -> Result<BillingEvent, WebhookError> {
        webhook::parse(&self.settings, headers, body)
    }
}
