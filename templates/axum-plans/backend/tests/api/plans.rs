//! GET /api/billing/plans: the catalog with the contract's fields, without signing in.

use axum::http::StatusCode;
use backend::plans::BILLING_ENABLED;
use serde_json::json;

use crate::support::TestApp;

#[tokio::test]
async fn plans_are_listed_without_signing_in_with_the_contract_fields() {
    let app = TestApp::new().await;
    let response = app.get("/api/billing/plans", None).await;
    assert_eq!(response.status, StatusCode::OK);
    let plans = response.body["plans"].as_array().unwrap();
    let ids: Vec<&str> = plans.iter().map(|plan| plan["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["free", "pro", "business"]);
    let pro = &plans[1];
    assert_eq!(
        (pro["price_monthly_cents"].clone(), pro["currency"].clone()),
        (json!(1900), json!("usd"))
    );
    let mut keys: Vec<&String> = pro.as_object().unwrap().keys().collect();
    keys.sort();
    let expected = [
        "currency",
        "description",
        "features",
        "id",
        "name",
        "price_monthly_cents",
        "purchasable",
    ];
    assert_eq!(keys, expected);
}

#[tokio::test]
async fn which_plans_can_be_bought() {
    let app = TestApp::new().await;
    let response = app.get("/api/billing/plans", None).await;
    let purchasable: Vec<bool> = response.body["plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|plan| plan["purchasable"].as_bool().unwrap())
        .collect();
    assert_eq!(purchasable, [false, BILLING_ENABLED, BILLING_ENABLED]);
}
