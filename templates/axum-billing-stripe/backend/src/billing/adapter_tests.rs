//! The Stripe adapter's API calls, against a Stripe API on loopback.

use reqwest::Method;
use serde_json::json;
use uuid::Uuid;

use super::adapter::Provider;
use super::event::CheckoutParams;
use super::kit;
use super::mock_api::MockApi;
use super::plans::PaidPlan;
use super::provider::{BillingError, BillingProvider};
use super::settings::BillingSettings;

const CHECKOUT_URL: &str = "https://checkout.stripe.com/c/pay/cs_test_1";

fn params(owner_id: Uuid) -> CheckoutParams {
    CheckoutParams {
        plan: PaidPlan::Pro,
        owner_id,
        success_url: "https://app.example.com/billing?ok=1".into(),
        cancel_url: "https://app.example.com/billing".into(),
        customer_id: None,
        email: Some("ada@example.com".into()),
    }
}

fn provider(settings: BillingSettings) -> Provider {
    Provider::new(settings, crate::state::http_client())
}

fn form(body: &str) -> Vec<(String, String)> {
    reqwest::Url::parse(&format!("http://x/?{body}"))
        .unwrap()
        .query_pairs()
        .into_owned()
        .collect()
}

fn has(pairs: &[(String, String)], key: &str, value: &str) -> bool {
    pairs.iter().any(|(k, v)| k == key && v == value)
}

#[tokio::test]
async fn checkout_creates_a_subscription_session_carrying_the_owner() {
    let api = MockApi::start(200, json!({"id": "cs_test_1", "url": CHECKOUT_URL})).await;
    let owner = Uuid::new_v4();
    let url = provider(kit::settings(&api.url)).create_checkout(&params(owner)).await;
    assert_eq!(url.unwrap(), CHECKOUT_URL);
    let request = api.only_request();
    assert_eq!(
        (request.method, request.path.as_str()),
        (Method::POST, "/v1/checkout/sessions")
    );
    assert_eq!(request.headers["authorization"], "Bearer sk_test_123");
    let sent = form(&request.body);
    assert!(has(&sent, "mode", "subscription"));
    assert!(has(&sent, "line_items[0][price]", "price_test_pro"));
    assert!(has(&sent, "client_reference_id", &owner.to_string()));
    assert!(has(
        &sent,
        &format!("metadata[{}]", super::event::OWNER_METADATA_KEY),
        &owner.to_string()
    ));
    assert!(has(&sent, "subscription_data[metadata][plan]", "pro"));
    assert!(has(&sent, "customer_email", "ada@example.com"));
    assert!(has(&sent, "success_url", "https://app.example.com/billing?ok=1"));
}

#[tokio::test]
async fn checkout_reuses_the_known_customer() {
    let api = MockApi::start(200, json!({"url": CHECKOUT_URL})).await;
    let known = CheckoutParams {
        customer_id: Some("cus_known".into()),
        ..params(Uuid::new_v4())
    };
    provider(kit::settings(&api.url)).create_checkout(&known).await.unwrap();
    let sent = form(&api.only_request().body);
    assert!(has(&sent, "customer", "cus_known"));
    assert!(!sent.iter().any(|(k, _)| k == "customer_email"));
}

#[tokio::test]
async fn checkout_without_email_leaves_the_customer_to_stripe() {
    let api = MockApi::start(200, json!({"url": CHECKOUT_URL})).await;
    let anonymous = CheckoutParams {
        email: None,
        ..params(Uuid::new_v4())
    };
    provider(kit::settings(&api.url))
        .create_checkout(&anonymous)
        .await
        .unwrap();
    let sent = form(&api.only_request().body);
    assert!(!sent.iter().any(|(k, _)| k == "customer" || k == "customer_email"));
}

#[tokio::test]
async fn a_checkout_session_without_url_is_an_error() {
    let api = MockApi::start(200, json!({"id": "cs_test_1"})).await;
    let error = provider(kit::settings(&api.url))
        .create_checkout(&params(Uuid::new_v4()))
        .await;
    assert!(matches!(error, Err(BillingError::Provider(_))));
}

#[tokio::test]
async fn a_checkout_error_from_stripe_carries_its_message() {
    let reply = json!({"error": {"type": "invalid_request_error", "message": "No such price"}});
    let api = MockApi::start(400, reply).await;
    let error = provider(kit::settings(&api.url))
        .create_checkout(&params(Uuid::new_v4()))
        .await;
    assert_eq!(
        error,
        Err(BillingError::Provider("stripe checkout failed: No such price".into()))
    );
}

#[tokio::test]
async fn checkout_without_secret_key_or_price_is_not_configured() {
    let api = MockApi::start(200, json!({"url": CHECKOUT_URL})).await;
    let no_key = BillingSettings {
        secret_key: "sk_test_your-stripe-secret-key".into(),
        ..kit::settings(&api.url)
    };
    let error = provider(no_key).create_checkout(&params(Uuid::new_v4())).await;
    assert_eq!(
        error,
        Err(BillingError::NotConfigured("STRIPE_SECRET_KEY is not set".into()))
    );
    let no_price = BillingSettings {
        price_pro: String::new(),
        ..kit::settings(&api.url)
    };
    let error = provider(no_price).create_checkout(&params(Uuid::new_v4())).await;
    assert_eq!(
        error,
        Err(BillingError::NotConfigured(
            "no price is configured for the pro plan".into()
        ))
    );
    assert!(api.requests().is_empty());
}

#[tokio::test]
async fn a_portal_session_is_for_the_customer_and_returns_to_the_app() {
    let api = MockApi::start(200, json!({"url": "https://billing.stripe.com/p/session/1"})).await;
    let provider = provider(kit::settings(&api.url));
    let url = provider.create_portal("cus_1", "https://app.example.com/billing").await;
    assert_eq!(url.unwrap(), "https://billing.stripe.com/p/session/1");
    let request = api.only_request();
    assert_eq!(request.path, "/v1/billing_portal/sessions");
    let sent = form(&request.body);
    assert!(has(&sent, "customer", "cus_1"));
    assert!(has(&sent, "return_url", "https://app.example.com/billing"));
}

#[tokio::test]
async fn a_portal_error_from_stripe_is_a_provider_error() {
    let api = MockApi::start(400, json!({"error": {"message": "No such customer"}})).await;
    let error = provider(kit::settings(&api.url))
        .create_portal("cus_1", "https://a.test")
        .await;
    assert_eq!(
        error,
        Err(BillingError::Provider("stripe portal failed: No such customer".into()))
    );
}

#[tokio::test]
async fn cancelling_deletes_that_subscription_now() {
    let api = MockApi::start(200, json!({"id": "sub_1", "status": "canceled"})).await;
    provider(kit::settings(&api.url))
        .cancel_subscription("sub_1")
        .await
        .unwrap();
    let request = api.only_request();
    assert_eq!(
        (request.method, request.path.as_str()),
        (Method::DELETE, "/v1/subscriptions/sub_1")
    );
}

#[tokio::test]
async fn a_subscription_stripe_no_longer_has_is_already_cancelled() {
    let api = MockApi::start(404, json!({"error": {"message": "No such subscription"}})).await;
    assert_eq!(
        provider(kit::settings(&api.url)).cancel_subscription("sub_1").await,
        Ok(())
    );
}

#[tokio::test]
async fn a_refused_cancellation_is_a_provider_error() {
    let api = MockApi::start(400, json!({"error": {"message": "Cannot cancel"}})).await;
    let error = provider(kit::settings(&api.url)).cancel_subscription("sub_1").await;
    assert_eq!(
        error,
        Err(BillingError::Provider("stripe cancel failed: Cannot cancel".into()))
    );
}
