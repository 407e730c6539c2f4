//! The Paddle adapter's API calls, against a Paddle API on loopback.

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

const CHECKOUT_URL: &str = "https://app.example.com/pay?_ptxn=txn_test_1";

fn provider(settings: BillingSettings) -> Provider {
    Provider::new(settings, crate::state::http_client())
}

fn params(owner_id: Uuid, customer_id: Option<&str>) -> CheckoutParams {
    CheckoutParams {
        plan: PaidPlan::Pro,
        owner_id,
        success_url: "https://app.example.com/billing?ok=1".into(),
        cancel_url: "https://app.example.com/billing".into(),
        customer_id: customer_id.map(str::to_owned),
        email: None,
    }
}

#[tokio::test]
async fn checkout_creates_a_transaction_for_the_price_carrying_the_owner() {
    let api = MockApi::start(201, json!({"data": {"id": "txn_1", "checkout": {"url": CHECKOUT_URL}}})).await;
    let owner = Uuid::new_v4();
    let url = provider(kit::settings(&api.url))
        .create_checkout(&params(owner, Some("ctm_1")))
        .await;
    assert_eq!(url.unwrap(), CHECKOUT_URL);
    let request = api.only_request();
    assert_eq!((request.method, request.path.as_str()), (Method::POST, "/transactions"));
    assert_eq!(request.headers["authorization"], "Bearer pdl_sdbx_apikey_test");
    assert_eq!(request.headers["paddle-version"], "1");
    let sent: Value = serde_json::from_str(&request.body).unwrap();
    assert_eq!(sent["items"], json!([{"price_id": "pri_test_pro", "quantity": 1}]));
    assert_eq!(sent["custom_data"][OWNER_METADATA_KEY], json!(owner.to_string()));
    assert_eq!(sent["customer_id"], json!("ctm_1"));
}

#[tokio::test]
async fn checkout_without_key_or_price_is_not_configured() {
    let api = MockApi::start(201, json!({})).await;
    let no_key = BillingSettings {
        api_key: "your-paddle-api-key".into(),
        ..kit::settings(&api.url)
    };
    let error = provider(no_key).create_checkout(&params(Uuid::new_v4(), None)).await;
    assert_eq!(
        error,
        Err(BillingError::NotConfigured("PADDLE_API_KEY is not set".into()))
    );
    let no_price = BillingSettings {
        price_pro: String::new(),
        ..kit::settings(&api.url)
    };
    let error = provider(no_price).create_checkout(&params(Uuid::new_v4(), None)).await;
    assert_eq!(
        error,
        Err(BillingError::NotConfigured(
            "no price is configured for the pro plan".into()
        ))
    );
    assert!(api.requests().is_empty());
}

#[tokio::test]
async fn a_refused_transaction_or_one_without_checkout_url_is_a_provider_error() {
    for (status, reply) in [
        (400, json!({"error": {"code": "bad_request"}})),
        (201, json!({"data": {"id": "txn_1"}})),
    ] {
        let api = MockApi::start(status, reply).await;
        let error = provider(kit::settings(&api.url))
            .create_checkout(&params(Uuid::new_v4(), None))
            .await;
        assert!(matches!(error, Err(BillingError::Provider(_))), "{status}");
    }
}

#[tokio::test]
async fn a_portal_session_gives_the_overview_link() {
    let portal = "https://customer-portal.paddle.com/cpl_test_1";
    let api = MockApi::start(201, json!({"data": {"urls": {"general": {"overview": portal}}}})).await;
    let url = provider(kit::settings(&api.url))
        .create_portal("ctm_1", "https://app.example.com/")
        .await;
    assert_eq!(url.unwrap(), portal);
    assert_eq!(api.only_request().path, "/customers/ctm_1/portal-sessions");
}

#[tokio::test]
async fn cancelling_ends_the_subscription_now_and_a_gone_one_is_done() {
    let api = MockApi::start(200, json!({"data": {"id": "sub_1", "status": "canceled"}})).await;
    provider(kit::settings(&api.url))
        .cancel_subscription("sub_1")
        .await
        .unwrap();
    let request = api.only_request();
    assert_eq!(
        (request.method, request.path.as_str()),
        (Method::POST, "/subscriptions/sub_1/cancel")
    );
    assert_eq!(
        serde_json::from_str::<Value>(&request.body).unwrap(),
        json!({"effective_from": "immediately"})
    );
    let gone = MockApi::start(404, json!({"error": {"code": "not_found"}})).await;
    assert_eq!(
        provider(kit::settings(&gone.url)).cancel_subscription("sub_1").await,
        Ok(())
    );
    let refused = MockApi::start(400, json!({})).await;
    assert!(
        provider(kit::settings(&refused.url))
            .cancel_subscription("sub_1")
            .await
            .is_err()
    );
}
