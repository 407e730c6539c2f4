//! Checkout and the customer portal on Pro: the organization pays, its owners and admins
//! buy and manage the plan (FastAPI's Pro `test_billing_checkout.py`), through the real
//! router with the fake provider.

use axum::http::{Method, StatusCode};
use backend::billing::event::CheckoutParams;
use backend::billing::fake::{CHECKOUT_URL, Call, PORTAL_URL};
use backend::billing::plans::PaidPlan;
use backend::billing::provider::{BillingError, BillingProvider};
use serde_json::{Value, json};
use uuid::Uuid;

use super::support::BillingApp;
use crate::orgs::support::{Org, org_with, person};
use crate::support::TestResponse;

/// On ALLOWED_ORIGINS of the test settings.
const HOME: &str = "http://localhost:3000/billing";

fn checkout_body(org_id: Uuid, plan: &str) -> Value {
    json!({"plan": plan, "success_url": format!("{HOME}?ok=1"), "cancel_url": HOME, "org_id": org_id})
}

async fn post(app: &BillingApp, path: &str, token: &str, body: Value) -> TestResponse {
    app.app.send(Method::POST, path, Some(token), Some(body)).await
}

async fn checkout(app: &BillingApp, token: &str, body: Value) -> TestResponse {
    post(app, "/api/billing/checkout", token, body).await
}

async fn portal(app: &BillingApp, token: &str, org_id: Uuid, return_url: &str) -> TestResponse {
    post(
        app,
        "/api/billing/portal",
        token,
        json!({"org_id": org_id, "return_url": return_url}),
    )
    .await
}

/// "owner", "admin" and "member" of one organization.
async fn team(app: &BillingApp) -> Org {
    org_with(&app.app, &[("admin", "admin"), ("member", "member")]).await
}

/// Give the organization a subscription in `status`, on the Pro plan.
async fn subscribe(app: &BillingApp, org_id: Uuid, status: &str) {
    sqlx::query(
        "UPDATE organizations SET plan = 'pro', subscription_status = $2, \
         billing_subscription_id = 'sub_1', billing_customer_id = 'cus_1' WHERE id = $1",
    )
    .bind(org_id)
    .bind(status)
    .execute(app.app.db())
    .await
    .expect("subscribe");
}

/// The parameters of the one call the app made, which must be a checkout.
fn only_checkout(app: &BillingApp) -> CheckoutParams {
    match app.fake.calls().as_slice() {
        [Call::Checkout(params)] => params.clone(),
        calls => panic!("expected one checkout, got {calls:?}"),
    }
}

/// The organization's audit entries: (action, actor, target, metadata), oldest first.
async fn audit_entries(app: &BillingApp, org_id: Uuid) -> Vec<(String, Option<Uuid>, Option<String>, Value)> {
    sqlx::query_as(
        "SELECT action, actor_id, target, metadata FROM audit_log_entries \
         WHERE organization_id = $1 ORDER BY created_at, id",
    )
    .bind(org_id)
    .fetch_all(app.app.db())
    .await
    .expect("audit entries")
}

fn detail(response: &TestResponse) -> (StatusCode, Value) {
    (response.status, response.body["detail"].clone())
}

#[tokio::test]
async fn an_owner_gets_a_checkout_url_for_the_org() {
    let app = BillingApp::new().await;
    let org = team(&app).await;
    let response = checkout(&app, org.token("owner"), checkout_body(org.id, "business")).await;
    assert_eq!(
        (response.status, response.body),
        (StatusCode::OK, json!({"url": CHECKOUT_URL}))
    );
    let params = only_checkout(&app);
    assert_eq!((params.plan, params.owner_id), (PaidPlan::Business, org.id));
    assert_eq!(params.email.as_deref(), Some("owner@example.com"));
    assert_eq!(params.customer_id, None);
    let provider = app.fake.name();
    let started: Vec<_> = audit_entries(&app, org.id)
        .await
        .into_iter()
        .filter(|entry| entry.0 == "billing.checkout_started")
        .collect();
    assert_eq!(
        started,
        [(
            "billing.checkout_started".to_owned(),
            Some(org.id_of("owner")),
            Some("business".to_owned()),
            json!({"plan": "business", "provider": provider}),
        )]
    );
}

#[tokio::test]
async fn an_admin_may_start_a_checkout_and_a_member_may_not() {
    let app = BillingApp::new().await;
    let org = team(&app).await;
    let member = checkout(&app, org.token("member"), checkout_body(org.id, "pro")).await;
    assert_eq!(
        detail(&member),
        (StatusCode::FORBIDDEN, json!("requires the admin role"))
    );
    assert!(app.fake.calls().is_empty());
    let admin = checkout(&app, org.token("admin"), checkout_body(org.id, "pro")).await;
    assert_eq!(admin.status, StatusCode::OK);
    assert_eq!(only_checkout(&app).owner_id, org.id);
}

#[tokio::test]
async fn a_non_member_does_not_learn_that_the_org_exists() {
    let app = BillingApp::new().await;
    let org = team(&app).await;
    let outsider = person(&app.app, "outsider").await;
    let existing = checkout(&app, &outsider.token, checkout_body(org.id, "pro")).await;
    let unknown = checkout(&app, &outsider.token, checkout_body(Uuid::new_v4(), "pro")).await;
    assert_eq!(
        detail(&existing),
        (StatusCode::NOT_FOUND, json!("organization not found"))
    );
    assert_eq!(detail(&unknown), detail(&existing));
    let portal = portal(&app, &outsider.token, org.id, HOME).await;
    assert_eq!(detail(&portal), detail(&existing));
    assert!(app.fake.calls().is_empty());
}

#[tokio::test]
async fn checkout_and_portal_require_a_valid_org_id() {
    let app = BillingApp::new().await;
    let owner = person(&app.app, "owner").await;
    let base = json!({"plan": "pro", "success_url": HOME, "cancel_url": HOME});
    let mut cases = Vec::new();
    for org_id in [None, Some(json!("not-a-uuid")), Some(json!(5))] {
        let mut body = base.clone();
        if let Some(org_id) = &org_id {
            body["org_id"] = org_id.clone();
        }
        let response = checkout(&app, &owner.token, body).await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(response.body["detail"][0]["loc"], json!(["body", "org_id"]));
        cases.push(response.body["detail"][0]["type"].clone());
    }
    assert_eq!(cases, [json!("missing"), json!("uuid_parsing"), json!("uuid_type")]);
    let response = post(&app, "/api/billing/portal", &owner.token, json!({"return_url": HOME})).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(response.body["detail"][0]["loc"], json!(["body", "org_id"]));
    assert!(app.fake.calls().is_empty());
}

#[tokio::test]
async fn only_paid_plans_can_be_bought_and_every_field_is_required() {
    let app = BillingApp::new().await;
    let owner = person(&app.app, "owner").await;
    let response = checkout(&app, &owner.token, json!({})).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<Value> = response.body["detail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|error| error["loc"][1].clone())
        .collect();
    assert_eq!(
        fields,
        [
            json!("plan"),
            json!("success_url"),
            json!("cancel_url"),
            json!("org_id")
        ]
    );
    assert!(app.fake.calls().is_empty());
}

#[tokio::test]
async fn a_free_plan_in_the_body_is_a_validation_error() {
    let app = BillingApp::new().await;
    let org = team(&app).await;
    let response = checkout(&app, org.token("owner"), checkout_body(org.id, "free")).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(response.body["detail"][0]["loc"], json!(["body", "plan"]));
    assert_eq!(response.body["detail"][0]["type"], json!("literal_error"));
    assert!(app.fake.calls().is_empty());
}

#[tokio::test]
async fn redirect_urls_off_the_allowed_origins_are_refused() {
    let app = BillingApp::new().await;
    let org = team(&app).await;
    for field in ["success_url", "cancel_url"] {
        let mut body = checkout_body(org.id, "pro");
        body[field] = json!("https://evil.test/");
        let response = checkout(&app, org.token("owner"), body).await;
        assert_eq!(
            detail(&response),
            (StatusCode::BAD_REQUEST, json!("redirect url not allowed"))
        );
    }
    assert!(app.fake.calls().is_empty());
}

#[tokio::test]
async fn a_provider_failure_is_a_bad_gateway_and_no_configuration_unavailable() {
    let app = BillingApp::new().await;
    let org = team(&app).await;
    app.fake.fail_with(BillingError::Provider("boom".into()));
    let failed = checkout(&app, org.token("owner"), checkout_body(org.id, "pro")).await;
    assert_eq!(
        detail(&failed),
        (StatusCode::BAD_GATEWAY, json!("payment provider unavailable"))
    );
    app.fake.fail_with(BillingError::NotConfigured("no price".into()));
    let unconfigured = checkout(&app, org.token("owner"), checkout_body(org.id, "pro")).await;
    assert_eq!(
        detail(&unconfigured),
        (StatusCode::SERVICE_UNAVAILABLE, json!("billing is not configured"))
    );
    let entries = audit_entries(&app, org.id).await;
    assert!(
        entries.iter().all(|entry| entry.0 != "billing.checkout_started"),
        "{entries:?}"
    );
}

#[tokio::test]
async fn checkout_while_a_subscription_is_live_conflicts() {
    let app = BillingApp::new().await;
    let org = team(&app).await;
    for status in ["active", "trialing", "past_due"] {
        subscribe(&app, org.id, status).await;
        let response = checkout(&app, org.token("owner"), checkout_body(org.id, "business")).await;
        assert_eq!(response.status, StatusCode::CONFLICT, "{status}");
    }
    assert!(app.fake.calls().is_empty());
}

#[tokio::test]
async fn checkout_after_a_cancellation_reuses_the_orgs_customer() {
    let app = BillingApp::new().await;
    let org = team(&app).await;
    subscribe(&app, org.id, "canceled").await;
    let response = checkout(&app, org.token("owner"), checkout_body(org.id, "pro")).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(only_checkout(&app).customer_id.as_deref(), Some("cus_1"));
}

#[tokio::test]
async fn owners_and_admins_open_the_customer_portal_members_do_not() {
    let app = BillingApp::new().await;
    let org = team(&app).await;
    subscribe(&app, org.id, "active").await;
    let member = portal(&app, org.token("member"), org.id, HOME).await;
    assert_eq!(
        detail(&member),
        (StatusCode::FORBIDDEN, json!("requires the admin role"))
    );
    for role in ["owner", "admin"] {
        let response = portal(&app, org.token(role), org.id, HOME).await;
        assert_eq!(
            (response.status, response.body),
            (StatusCode::OK, json!({"url": PORTAL_URL}))
        );
    }
    let expected = Call::Portal {
        customer_id: "cus_1".into(),
        return_url: HOME.into(),
    };
    assert_eq!(app.fake.calls(), [expected.clone(), expected]);
}

#[tokio::test]
async fn an_org_that_never_paid_has_no_portal() {
    let app = BillingApp::new().await;
    let org = team(&app).await;
    let response = portal(&app, org.token("owner"), org.id, HOME).await;
    assert_eq!(
        detail(&response),
        (StatusCode::CONFLICT, json!("organization has no billing account"))
    );
}

#[tokio::test]
async fn the_portal_return_url_must_be_on_an_allowed_origin() {
    let app = BillingApp::new().await;
    let org = team(&app).await;
    subscribe(&app, org.id, "active").await;
    let response = portal(&app, org.token("owner"), org.id, "https://evil.test/").await;
    assert_eq!(
        detail(&response),
        (StatusCode::BAD_REQUEST, json!("redirect url not allowed"))
    );
    app.fake.fail_with(BillingError::Provider("down".into()));
    let failed = portal(&app, org.token("owner"), org.id, HOME).await;
    assert_eq!(failed.status, StatusCode::BAD_GATEWAY);
}

#[tokio::test]
async fn the_openapi_document_lists_the_role_answers() {
    let app = BillingApp::new().await;
    let document = app.app.get("/api/openapi.json", None).await.body;
    for path in ["/api/billing/checkout", "/api/billing/portal"] {
        let responses = &document["paths"][path]["post"]["responses"];
        for code in ["403", "404", "409"] {
            assert!(responses.get(code).is_some(), "{path} lacks {code}");
        }
    }
    let required = &document["components"]["schemas"]["CheckoutRequest"]["required"];
    assert!(required.as_array().unwrap().contains(&json!("org_id")), "{required}");
}
