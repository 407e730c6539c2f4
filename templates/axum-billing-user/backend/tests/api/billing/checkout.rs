//! Checkout and the customer portal: their handlers with a signed-in user and the fake
//! provider (the bearer-token extractor in front of them is tested with the auth code).

use axum::Json;
use axum::extract::State;
use axum::http::{Method, StatusCode};
use backend::AppError;
use backend::auth::CurrentUser;
use backend::billing::event::CheckoutParams;
use backend::billing::fake::{CHECKOUT_URL, Call, PORTAL_URL};
use backend::billing::kit::{self, Kind, Spec};
use backend::billing::plans::PaidPlan;
use backend::billing::provider::BillingError;
use backend::body::{FromJson, JsonBody};
use backend::routes::billing::{CheckoutBody, PortalBody, RedirectUrl, create_checkout, create_portal_session};
use backend::users::User;
use serde_json::{Value, json};
use uuid::Uuid;

use super::support::BillingApp;

/// On ALLOWED_ORIGINS of the test settings.
const HOME: &str = "http://localhost:3000/billing";

fn checkout_body(plan: PaidPlan) -> CheckoutBody {
    CheckoutBody {
        plan,
        success_url: format!("{HOME}?ok=1"),
        cancel_url: HOME.into(),
    }
}

async fn checkout(app: &BillingApp, user: &User, body: CheckoutBody) -> Result<Json<RedirectUrl>, AppError> {
    create_checkout(State(app.app.state.clone()), CurrentUser(user.clone()), JsonBody(body)).await
}

async fn portal(app: &BillingApp, user: &User, return_url: &str) -> Result<Json<RedirectUrl>, AppError> {
    let body = PortalBody {
        return_url: return_url.into(),
    };
    create_portal_session(State(app.app.state.clone()), CurrentUser(user.clone()), JsonBody(body)).await
}

/// The parameters of the one call the app made, which must be a checkout.
fn only_checkout(app: &BillingApp) -> CheckoutParams {
    match app.fake.calls().as_slice() {
        [Call::Checkout(params)] => params.clone(),
        calls => panic!("expected one checkout, got {calls:?}"),
    }
}

fn refusal<T>(result: Result<T, AppError>) -> (StatusCode, Value) {
    let error = result.err().expect("an error answer");
    (error.status(), error.detail().clone())
}

#[tokio::test]
async fn a_user_gets_a_checkout_url_carrying_who_pays() {
    let app = BillingApp::new().await;
    let user = app.user().await;
    let Json(redirect) = checkout(&app, &user, checkout_body(PaidPlan::Business)).await.unwrap();
    assert_eq!(redirect.url, CHECKOUT_URL);
    let params = only_checkout(&app);
    assert_eq!((params.plan, params.owner_id), (PaidPlan::Business, user.id));
    assert_eq!(params.email, user.email);
    assert_eq!(params.customer_id, None);
}

#[tokio::test]
async fn redirect_urls_off_the_allowed_origins_are_refused() {
    let app = BillingApp::new().await;
    let user = app.user().await;
    for (success, cancel) in [
        ("https://evil.test/", HOME),
        (HOME, "http://localhost:3000.evil.test/"),
        ("/relative", HOME),
    ] {
        let body = CheckoutBody {
            plan: PaidPlan::Pro,
            success_url: success.into(),
            cancel_url: cancel.into(),
        };
        let answer = refusal(checkout(&app, &user, body).await);
        assert_eq!(answer, (StatusCode::BAD_REQUEST, json!("redirect url not allowed")));
    }
    assert!(app.fake.calls().is_empty());
}

#[tokio::test]
async fn only_paid_plans_can_be_bought_and_every_field_is_required() {
    let free = CheckoutBody::from_json(&json!({"plan": "free", "success_url": HOME, "cancel_url": HOME}));
    let errors = free.err().unwrap();
    assert_eq!(
        (errors[0].loc.clone(), errors[0].kind.as_str()),
        (vec![json!("body"), json!("plan")], "literal_error")
    );
    let missing = CheckoutBody::from_json(&json!({"plan": "pro"})).err().unwrap();
    let fields: Vec<&Value> = missing.iter().map(|error| &error.loc[1]).collect();
    assert_eq!(fields, [&json!("success_url"), &json!("cancel_url")]);
    assert!(PortalBody::from_json(&json!({"return_url": ""})).is_err());
    assert!(CheckoutBody::from_json(&json!({"plan": "pro", "success_url": HOME, "cancel_url": HOME})).is_ok());
}

#[tokio::test]
async fn a_provider_failure_is_a_bad_gateway_and_no_configuration_unavailable() {
    let app = BillingApp::new().await;
    let user = app.user().await;
    app.fake.fail_with(BillingError::Provider("boom".into()));
    let answer = refusal(checkout(&app, &user, checkout_body(PaidPlan::Pro)).await);
    assert_eq!(answer, (StatusCode::BAD_GATEWAY, json!("payment provider unavailable")));
    app.fake.fail_with(BillingError::NotConfigured("no price".into()));
    let answer = refusal(checkout(&app, &user, checkout_body(PaidPlan::Pro)).await);
    assert_eq!(
        answer,
        (StatusCode::SERVICE_UNAVAILABLE, json!("billing is not configured"))
    );
}

#[tokio::test]
async fn checkout_while_a_subscription_is_live_conflicts() {
    let app = BillingApp::new().await;
    for status in ["active", "trialing", "past_due"] {
        let user = app.user_row(app.subscriber(status, "sub_1", "cus_1").await.id).await;
        let answer = refusal(checkout(&app, &user, checkout_body(PaidPlan::Business)).await);
        assert_eq!(answer.0, StatusCode::CONFLICT, "{status}");
    }
    assert!(app.fake.calls().is_empty());
}

#[tokio::test]
async fn checkout_after_a_cancellation_reuses_the_customer() {
    let app = BillingApp::new().await;
    let user = app
        .user_row(app.subscriber("canceled", "sub_1", "cus_1").await.id)
        .await;
    let Json(redirect) = checkout(&app, &user, checkout_body(PaidPlan::Pro)).await.unwrap();
    assert_eq!(redirect.url, CHECKOUT_URL);
    let params = only_checkout(&app);
    assert_eq!(params.customer_id.as_deref(), Some("cus_1"));
}

#[tokio::test]
async fn a_subscriber_opens_the_customer_portal() {
    let app = BillingApp::new().await;
    let user = app.user_row(app.subscriber("active", "sub_1", "cus_1").await.id).await;
    let Json(redirect) = portal(&app, &user, HOME).await.unwrap();
    assert_eq!(redirect.url, PORTAL_URL);
    assert_eq!(
        app.fake.calls(),
        [Call::Portal {
            customer_id: "cus_1".into(),
            return_url: HOME.into()
        }]
    );
}

#[tokio::test]
async fn a_user_who_never_paid_has_no_portal() {
    let app = BillingApp::new().await;
    let user = app.user().await;
    let answer = refusal(portal(&app, &user, HOME).await);
    assert_eq!(answer, (StatusCode::CONFLICT, json!("user has no billing account")));
}

#[tokio::test]
async fn the_portal_return_url_must_be_on_an_allowed_origin() {
    let app = BillingApp::new().await;
    let user = app.user_row(app.subscriber("active", "sub_1", "cus_1").await.id).await;
    let answer = refusal(portal(&app, &user, "https://evil.test/").await);
    assert_eq!(answer, (StatusCode::BAD_REQUEST, json!("redirect url not allowed")));
}

#[tokio::test]
async fn a_portal_failure_at_the_provider_is_a_bad_gateway() {
    let app = BillingApp::new().await;
    let user = app.user_row(app.subscriber("active", "sub_1", "cus_1").await.id).await;
    app.fake.fail_with(BillingError::Provider("down".into()));
    assert_eq!(refusal(portal(&app, &user, HOME).await).0, StatusCode::BAD_GATEWAY);
}

#[tokio::test]
async fn checkout_and_portal_need_a_signed_in_user() {
    let app = BillingApp::new().await;
    let body = json!({"plan": "pro", "success_url": HOME, "cancel_url": HOME});
    let checkout = app
        .app
        .send(Method::POST, "/api/billing/checkout", None, Some(body))
        .await;
    let portal = app
        .app
        .send(
            Method::POST,
            "/api/billing/portal",
            None,
            Some(json!({"return_url": HOME})),
        )
        .await;
    assert_eq!(
        (checkout.status, portal.status),
        (StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED)
    );
    assert!(app.fake.calls().is_empty());
}

#[tokio::test]
async fn a_signed_in_user_checks_out_over_http() {
    let app = BillingApp::new().await;
    let token = app.app.token("user_http");
    let body = json!({"plan": "business", "success_url": HOME, "cancel_url": HOME});
    let response = app
        .app
        .send(Method::POST, "/api/billing/checkout", Some(&token), Some(body))
        .await;
    assert_eq!(
        (response.status, response.body.clone()),
        (StatusCode::OK, json!({"url": CHECKOUT_URL}))
    );
    let params = only_checkout(&app);
    let subject: String = sqlx::query_scalar("SELECT auth_subject FROM users WHERE id = $1")
        .bind(params.owner_id)
        .fetch_one(app.app.db())
        .await
        .unwrap();
    assert_eq!(subject, "user_http");
}

#[tokio::test]
async fn a_free_plan_in_the_body_is_a_validation_error() {
    let app = BillingApp::new().await;
    let token = app.app.token("user_http");
    let body = json!({"plan": "free", "success_url": HOME, "cancel_url": HOME});
    let response = app
        .app
        .send(Method::POST, "/api/billing/checkout", Some(&token), Some(body))
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(response.body["detail"][0]["loc"], json!(["body", "plan"]));
    assert!(app.fake.calls().is_empty());
}

#[tokio::test]
async fn a_paid_checkout_is_seen_by_the_users_next_request_at_once() {
    let app = BillingApp::new().await;
    let token = app.app.token("user_paying");
    let me = app.app.get("/api/users/me", Some(&token)).await; // now in the user cache
    assert_eq!(me.body["plan"], "free");
    let id: Uuid = me.body["id"].as_str().unwrap().parse().unwrap();
    let (status, _) = app
        .deliver(kit::event(Kind::CheckoutCompleted, &Spec::new(Some(id))))
        .await;
    assert_eq!(status, StatusCode::OK);
    let me = app.app.get("/api/users/me", Some(&token)).await;
    assert_eq!(
        me.body["plan"], "pro",
        "the remembered free plan was served after the upgrade"
    );
}
