//! A `BillingApp`: the real router on a fresh, migrated schema inside TEST_DATABASE_URL,
//! with the fake payment provider in the state (webhooks still verified the provider's way).

#![allow(dead_code)] // each test module uses a different part of the support

use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::http::{HeaderMap, Request, StatusCode};
use backend::billing::fake::FakeProvider;
use backend::billing::{kit, webhook};
use backend::config::{Env, Settings};
use backend::db::MIGRATOR;
use backend::state::AppState;
use backend::users::User;
use serde_json::Value;
use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use tower::ServiceExt;
use uuid::Uuid;


pub struct BillingApp {
    pub state: AppState,
    pub fake: Arc<FakeProvider>,
    pub db: PgPool,
    schema: String,
    admin: PgPool,
}

fn test_database_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .expect("set TEST_DATABASE_URL to a PostgreSQL database the tests may use (see README)")
}

fn test_env() -> Env {
    let mut env = Env::from_pairs([
        ("ENVIRONMENT", "test"),
        ("ALLOWED_ORIGINS", "http://localhost:3000,https://app.example.com"),
        ("FRONTEND_URL", "http://localhost:3000"),
        ("RATE_LIMIT_ENABLED", "false"),
    ]);
    env.set("DATABASE_URL", &test_database_url());
    env
}

impl BillingApp {
    pub async fn new() -> Self {
        let settings = Settings::from_env(&test_env()).expect("test settings");
        let base: PgConnectOptions = test_database_url().parse().expect("TEST_DATABASE_URL");
        let admin = PgPoolOptions::new().max_connections(1).connect_with(base.clone()).await.expect("database");
        let schema = format!("billing_{}", Uuid::new_v4().simple());
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}"))).execute(&admin).await.expect("schema");
        let options = base.options([("search_path", schema.as_str())]);
        let db = PgPoolOptions::new().max_connections(5).connect_with(options).await.expect("pool");
        MIGRATOR.run(&db).await.expect("migrations");
        let fake = Arc::new(FakeProvider::new(kit::settings("http://127.0.0.1:9")));
        let mut state = AppState::new(settings, db.clone());
        state.billing = fake.clone();
        Self { state, fake, db, schema, admin }
    }

    /// Drop the test's schema (call at the end of each test).
    pub async fn finish(self) {
        self.db.close().await;
        let drop = format!("DROP SCHEMA {} CASCADE", self.schema);
        sqlx::query(sqlx::AssertSqlSafe(drop)).execute(&self.admin).await.expect("drop schema");
    }

    /// POST a webhook body with these headers through the real router.
    pub async fn deliver_with(&self, body: Vec<u8>, headers: HeaderMap) -> (StatusCode, Value) {
        let url = format!("/api/webhooks/{}", webhook::PROVIDER_NAME);
        let mut request = Request::post(url).body(Body::from(body)).expect("request");
        request.headers_mut().extend(headers);
        let response = backend::app(self.state.clone()).oneshot(request).await.expect("response");
        let status = response.status();
        let bytes = to_bytes(response.into_body(), usize::MAX).await.expect("body");
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
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
            .fetch_one(&self.db)
            .await
            .expect("user")
    }

    /// A user with a live subscription.
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
        .fetch_one(&self.db)
        .await
        .expect("subscriber")
    }

    pub async fn reload(&self, user: &User) -> User {
        sqlx::query_as("SELECT * FROM users WHERE id = $1").bind(user.id).fetch_one(&self.db).await.expect("reload")
    }

    pub async fn plan_of(&self, user: &User) -> (String, String) {
        let user = self.reload(user).await;
        (user.plan, user.subscription_status)
    }

    pub async fn stored_events(&self) -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM webhook_events").fetch_one(&self.db).await.expect("count")
    }

    pub async fn user_exists(&self, user: &User) -> bool {
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM users WHERE id = $1)")
            .bind(user.id)
            .fetch_one(&self.db)
            .await
            .expect("exists")
    }
}
