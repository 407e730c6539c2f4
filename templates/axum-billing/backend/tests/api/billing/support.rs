//! A `BillingApp`: the shared `TestApp` (real router, fresh schema, local JWKS) with the
//! fake payment provider in its state; webhooks are still verified the provider's way.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use backend::billing::fake::FakeProvider;
use backend::billing::settings::BillingSettings;
use backend::billing::{kit, webhook};
use backend::users::User;
use serde_json::Value;
use uuid::Uuid;

use crate::support::TestApp;

pub struct BillingApp {
    pub app: TestApp,
    pub fake: Arc<FakeProvider>,
}

impl BillingApp {
    pub async fn new() -> Self {
        Self::with_settings(kit::settings("http://127.0.0.1:9")).await
    }

    /// The same app with the fake provider holding `settings` (e.g. no webhook secret).
    pub async fn with_settings(settings: BillingSettings) -> Self {
        let mut app = TestApp::new().await;
        let fake = Arc::new(FakeProvider::new(settings));
        app.state.billing = fake.clone();
        app.router = backend::app(app.state.clone());
        Self { app, fake }
    }

    /// POST a webhook body with these headers through the real router.
    pub async fn deliver_with(&self, body: Vec<u8>, headers: HeaderMap) -> (StatusCode, Value) {
        let url = format!("/api/webhooks/{}", webhook::PROVIDER_NAME);
        let mut request = Request::post(url).body(Body::from(body)).expect("request");
        request.headers_mut().extend(headers);
        let response = self.app.call(request).await;
        (response.status, response.body)
    }

    /// POST a webhook body signed as the provider signs it.
    pub async fn deliver(&self, body: Vec<u8>) -> (StatusCode, Value) {
        let headers = kit::signed_headers(&body);
        self.deliver_with(body, headers).await
    }

    /// A user as first sight makes one, on the free plan.
    pub async fn user(&self) -> User {
        let subject = format!("user_{}", Uuid::new_v4().simple());
        sqlx::query_as("INSERT INTO users (id, auth_subject, email) VALUES ($1, $2, $3) RETURNING *")
            .bind(Uuid::new_v4())
            .bind(&subject)
            .bind(format!("{subject}@example.com"))
            .fetch_one(self.app.db())
            .await
            .expect("user")
    }

    /// A user with a subscription in `status`, on the Pro plan.
    pub async fn subscriber(&self, status: &str, subscription_id: &str, customer_id: &str) -> User {
        let user = self.user().await;
        sqlx::query_as(
            "UPDATE users SET plan = 'pro', subscription_status = $2, billing_subscription_id = $3, \
             billing_customer_id = $4 WHERE id = $1 RETURNING *",
        )
        .bind(user.id)
        .bind(status)
        .bind(subscription_id)
        .bind(customer_id)
        .fetch_one(self.app.db())
        .await
        .expect("subscriber")
    }

    pub async fn reload(&self, user: &User) -> User {
        sqlx::query_as("SELECT * FROM users WHERE id = $1")
            .bind(user.id)
            .fetch_one(self.app.db())
            .await
            .expect("reload")
    }

    /// The user's (plan, subscription_status).
    pub async fn plan_of(&self, user: &User) -> (String, String) {
        let user = self.reload(user).await;
        (user.plan, user.subscription_status)
    }

    pub async fn stored_events(&self) -> i64 {
        self.app.count("SELECT count(*) FROM webhook_events").await
    }

    pub async fn user_exists(&self, user: &User) -> bool {
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM users WHERE id = $1)")
            .bind(user.id)
            .fetch_one(self.app.db())
            .await
            .expect("exists")
    }
}
