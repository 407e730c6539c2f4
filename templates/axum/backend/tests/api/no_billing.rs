//! Without a payment provider there is nothing to buy: no checkout, portal or webhook
//! endpoint exists.

use axum::http::{Method, StatusCode};

use crate::support::TestApp;

#[tokio::test]
async fn there_is_no_checkout_portal_or_webhook_without_a_payment_provider() {
    let app = TestApp::new().await;
    let token = app.token("user_1");
    for path in ["/api/billing/checkout", "/api/billing/portal", "/api/webhooks/stripe"] {
        let response = app
            .send(Method::POST, path, Some(&token), Some(serde_json::json!({})))
            .await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{path}");
    }
    let document = app.get("/api/openapi.json", None).await.body;
    let paths = document["paths"].as_object().unwrap();
    assert!(
        paths
            .keys()
            .all(|path| !path.contains("checkout") && !path.starts_with("/api/webhooks"))
    );
}
