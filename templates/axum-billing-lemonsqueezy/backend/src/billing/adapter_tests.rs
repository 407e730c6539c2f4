//! The Lemon Squeezy adapter's API calls, against a Lemon Squeezy API on loopback.

use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use super::adapter::Provider;
use super::event::{CheckoutParams, OWNER_METADATA_KEY};
use super::kit;
use super::mock_api::MockApi;
use super::plans::PaidPlan;
use super::provider::{BillingError, BillingProvider};
use super::settings::BillingSettings;

const CHECKOUT_URL: &str = "https://example-store.lemonsqueezy.com/checkout/custom/test-1";

fn provider(settings: BillingSettings) -> Provider {
    Provider::new(settings, crate::state::http_client())
}

fn params(owner_id: Uuid) -> CheckoutParams {
    CheckoutParams {
        plan: PaidPlan::Business,
        owner_id,
        success_url: "https://app.example.com/billing?ok=1".into(),
        cancel_url: "https://app.example.com/billing".into(),
        customer_id: None,
        email: Some("ada@example.com".into()),
    }
}

#[tokio::test]
async fn checkout_creates_one_for_the_variant_carrying_the_owner() {
    let api = MockApi::start(
        201,
        json!({"data": {"type": "checkouts", "attributes": {"url": CHECKOUT_URL}}}),
    )
    .await;
    let owner = Uuid::new_v4();
    let url = provider(kit::settings(&api.url)).create_checkout(&params(owner)).await;
    assert_eq!(url.unwrap(), CHECKOUT_URL);
    let request = api.only_request();
    assert_eq!((request.method, request.path.as_str()), (Method::POST, "/checkouts"));
    assert_eq!(request.headers["authorization"], "Bearer test-api-key");
    assert_eq!(request.headers["content-type"], "application/vnd.api+json");
    let sent: Value = serde_json::from_str(&request.body).unwrap();
    let data = &sent["data"];
    assert_eq!(data["relationships"]["variant"]["data"]["id"], json!("1002"));
    assert_eq!(data["relationships"]["store"]["data"]["id"], json!(kit::STORE_ID));
    let checkout_data = &data["attributes"]["checkout_data"];
    assert_eq!(checkout_data["custom"][OWNER_METADATA_KEY], json!(owner.to_string()));
    assert_eq!(checkout_data["custom"]["plan"], json!("business"));
    assert_eq!(checkout_data["email"], json!("ada@example.com"));
    assert_eq!(
        data["attributes"]["product_options"]["redirect_url"],
        json!("https://app.example.com/billing?ok=1")
    );
}

#[tokio::test]
async fn checkout_without_store_key_or_variant_is_not_configured() {
    let api = MockApi::start(201, json!({})).await;
    let cases = [
        (
            BillingSettings {
                store_id: "your-store-id".into(),
                ..kit::settings(&api.url)
            },
            "LEMONSQUEEZY_STORE_ID is not set",
        ),
        (
            BillingSettings {
                api_key: String::new(),
                ..kit::settings(&api.url)
            },
            "LEMONSQUEEZY_API_KEY is not set",
        ),
        (
            BillingSettings {
                variant_business: String::new(),
                ..kit::settings(&api.url)
            },
            "no price is configured for the business plan",
        ),
    ];
    for (settings, message) in cases {
        let error = provider(settings).create_checkout(&params(Uuid::new_v4())).await;
        assert_eq!(error, Err(BillingError::NotConfigured(message.into())));
    }
    assert!(api.requests().is_empty());
}

#[tokio::test]
async fn a_refused_checkout_or_one_without_url_is_a_provider_error() {
    for (status, reply) in [
        (422, json!({"errors": [{"title": "Unprocessable Entity"}]})),
        (201, json!({"data": {"attributes": {}}})),
    ] {
        let api = MockApi::start(status, reply).await;
        let error = provider(kit::settings(&api.url))
            .create_checkout(&params(Uuid::new_v4()))
            .await;
        assert!(matches!(error, Err(BillingError::Provider(_))), "{status}");
    }
}

#[tokio::test]
async fn the_portal_is_the_customers_signed_link() {
    let portal = "https://example-store.lemonsqueezy.com/billing?expires=1&signature=test";
    let api = MockApi::start(
        200,
        json!({"data": {"attributes": {"urls": {"customer_portal": portal}}}}),
    )
    .await;
    let url = provider(kit::settings(&api.url))
        .create_portal(kit::CUSTOMER_ID, "https://app.example.com/")
        .await;
    assert_eq!(url.unwrap(), portal);
    let request = api.only_request();
    assert_eq!(
        (request.method, request.path.as_str()),
        (Method::GET, "/customers/7001")
    );
}

#[tokio::test]
async fn cancelling_deletes_the_subscription_and_a_gone_one_is_done() {
    let api = MockApi::start(200, json!({"data": {"type": "subscriptions", "id": "8001"}})).await;
    provider(kit::settings(&api.url))
        .cancel_subscription("8001")
        .await
        .unwrap();
    let request = api.only_request();
    assert_eq!(
        (request.method, request.path.as_str()),
        (Method::DELETE, "/subscriptions/8001")
    );
    let gone = MockApi::start(404, json!({"errors": []})).await;
    assert_eq!(
        provider(kit::settings(&gone.url)).cancel_subscription("8001").await,
        Ok(())
    );
    let refused = MockApi::start(500, json!({})).await;
    let error = provider(kit::settings(&refused.url)).cancel_subscription("8001").await;
    assert!(matches!(error, Err(BillingError::Provider(_))));
}
