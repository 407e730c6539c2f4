//! What every test uses: a `TestApp` (the real router on a fresh, migrated PostgreSQL
//! schema inside TEST_DATABASE_URL, with a local JWKS and a fake profile source), tokens
//! signed with the test keys, and requests sent in-process.

#![allow(dead_code)] // each test module uses a different part of the support

pub mod keys;
pub mod provider;

use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use backend::auth::jwks::JwksFetcher;
use backend::auth::profile::{ProfileError, ProfileSource};
use backend::auth::{BoxFuture, Profile};
use backend::config::{Env, Settings};
use backend::state::{AppState, verifier_with};
use jsonwebtoken::{EncodingKey, Header};
use serde_json::{Map, Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgConnection, PgPool};
use tower::ServiceExt;
use uuid::Uuid;

pub const RSA_KID: &str = "test-rsa";
pub const EC_KID: &str = "test-ec";

pub fn test_database_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .expect("set TEST_DATABASE_URL to a PostgreSQL database the tests may use (see README)")
}

/// Settings as the tests run them: the test database, the provider's test values.
pub fn test_env() -> Env {
    let mut env = Env::from_pairs([
        ("ENVIRONMENT", "test"),
        ("ALLOWED_ORIGINS", "http://localhost:3000"),
        ("FRONTEND_URL", "http://localhost:3000"),
        ("RATE_LIMIT", "1000/minute"),
        ("RATE_LIMIT_PER_IP", "1000/minute"),
    ]);
    env.set("DATABASE_URL", &test_database_url());
    for (name, value) in provider::env() {
        env.set(name, value);
    }
    env
}

/// The JWKS document of the test keys (RSA and EC).
pub fn jwks() -> Value {
    json!({ "keys": [rsa_jwk(RSA_KID, keys::RSA_N), ec_jwk(EC_KID)] })
}

pub fn rsa_jwk(kid: &str, n: &str) -> Value {
    json!({ "kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256", "n": n, "e": "AQAB" })
}

pub fn ec_jwk(kid: &str) -> Value {
    json!({ "kty": "EC", "kid": kid, "use": "sig", "alg": "ES256", "crv": "P-256", "x": keys::EC_X, "y": keys::EC_Y })
}

/// A JWKS served from memory: counts fetches, can fail, be slow, or change (rotation).
pub struct FakeJwks {
    pub document: Mutex<Value>,
    pub fetches: AtomicUsize,
    pub failing: AtomicBool,
    pub delay: Mutex<Duration>,
}

impl FakeJwks {
    pub fn new(document: Value) -> Arc<Self> {
        Arc::new(Self {
            document: Mutex::new(document),
            fetches: AtomicUsize::new(0),
            failing: AtomicBool::new(false),
            delay: Mutex::new(Duration::ZERO),
        })
    }

    pub fn set(&self, document: Value) {
        *self.document.lock().unwrap() = document;
    }

    pub fn fail(&self, failing: bool) {
        self.failing.store(failing, Ordering::SeqCst);
    }

    pub fn fetches(&self) -> usize {
        self.fetches.load(Ordering::SeqCst)
    }
}

impl JwksFetcher for FakeJwks {
    fn fetch(&self) -> BoxFuture<'_, Result<Value, String>> {
        Box::pin(async move {
            self.fetches.fetch_add(1, Ordering::SeqCst);
            let delay = *self.delay.lock().unwrap();
            tokio::time::sleep(delay).await;
            if self.failing.load(Ordering::SeqCst) {
                return Err("connection refused".into());
            }
            Ok(self.document.lock().unwrap().clone())
        })
    }
}

/// What the fake profile source answers.
#[derive(Clone)]
pub enum Answer {
    Profile(Option<Profile>),
    /// The provider could not be asked.
    Unavailable,
    /// A setting the lookup needs is missing.
    Misconfigured,
}

/// A profile source with a fixed answer that counts its calls.
pub struct FakeProfiles {
    pub answer: Mutex<Answer>,
    pub calls: AtomicUsize,
}

impl FakeProfiles {
    pub fn answering(answer: Answer) -> Arc<Self> {
        Arc::new(Self {
            answer: Mutex::new(answer),
            calls: AtomicUsize::new(0),
        })
    }

    pub fn answer(&self, answer: Answer) {
        *self.answer.lock().unwrap() = answer;
    }

    pub fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

impl ProfileSource for FakeProfiles {
    fn fetch<'a>(&'a self, _subject: &'a str, _token: &'a str) -> BoxFuture<'a, Result<Option<Profile>, ProfileError>> {
        Box::pin(async move {
            self.calls.fetch_add(1, Ordering::SeqCst);
            match self.answer.lock().unwrap().clone() {
                Answer::Profile(profile) => Ok(profile),
                Answer::Unavailable => Err(ProfileError::Unavailable("HTTP 500".into())),
                Answer::Misconfigured => Err(ProfileError::Config("PROVIDER_SECRET is not set".into())),
            }
        })
    }
}

/// A fresh schema in the test database, migrated; the pool's connections use it.
pub async fn fresh_schema() -> (PgPool, String) {
    let url = test_database_url();
    let schema = format!("test_{}", Uuid::new_v4().simple());
    let mut admin = PgConnection::connect(&url)
        .await
        .expect("TEST_DATABASE_URL accepts connections");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
        .execute(&mut admin)
        .await
        .unwrap();
    admin.close().await.unwrap();
    let options = PgConnectOptions::from_str(&url)
        .unwrap()
        .options([("search_path", schema.as_str())]);
    let pool = PgPoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
        .unwrap();
    backend::db::MIGRATOR.run(&pool).await.expect("migrations apply");
    (pool, schema)
}

/// The app under test. Its schema is dropped when it goes out of scope.
pub struct TestApp {
    pub state: AppState,
    pub router: Router,
    pub jwks: Arc<FakeJwks>,
    pub profiles: Arc<FakeProfiles>,
    schema: String,
}

impl TestApp {
    pub async fn new() -> Self {
        Self::with_env(|_| {}).await
    }

    /// The app with some settings changed: `TestApp::with_env(|env| env.set("RATE_LIMIT", "2/minute"))`.
    pub async fn with_env(change: impl FnOnce(&mut Env)) -> Self {
        let mut env = test_env();
        change(&mut env);
        let settings = Settings::from_env(&env).expect("test settings are valid");
        let (pool, schema) = fresh_schema().await;
        let jwks = FakeJwks::new(jwks());
        let profiles = FakeProfiles::answering(Answer::Profile(None));
        let mut state = AppState::new(settings, pool);
        state.verifier = Arc::new(verifier_with(&state.settings, jwks.clone()));
        state.profiles = profiles.clone();
        let router = backend::app(state.clone());
        Self {
            state,
            router,
            jwks,
            profiles,
            schema,
        }
    }

    pub fn db(&self) -> &PgPool {
        &self.state.db
    }

    /// A valid token for `sub` (RS256, the provider's binding claims, 5 minutes).
    pub fn token(&self, sub: &str) -> String {
        self.token_with(json!({ "sub": sub }))
    }

    /// A valid token with these claims added to (or replacing) the defaults.
    pub fn token_with(&self, claims: Value) -> String {
        sign(RSA_KID, &valid_claims(claims))
    }

    pub async fn get(&self, uri: &str, token: Option<&str>) -> TestResponse {
        self.send(Method::GET, uri, token, None).await
    }

    pub async fn send(&self, method: Method, uri: &str, token: Option<&str>, body: Option<Value>) -> TestResponse {
        let mut request = Request::builder().method(method).uri(uri);
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let request = match body {
            Some(body) => request
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_string())),
            None => request.body(Body::empty()),
        };
        self.call(request.unwrap()).await
    }

    /// Send a request as built, from 127.0.0.1 unless it already names its peer.
    pub async fn call(&self, request: Request<Body>) -> TestResponse {
        call(&self.router, request).await
    }

    /// A request from another client address (rate limits, proxies).
    pub fn request_from(ip: IpAddr, method: Method, uri: &str) -> Request<Body> {
        let mut request = Request::builder().method(method).uri(uri).body(Body::empty()).unwrap();
        request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::new(ip, 50_000)));
        request
    }

    /// How many rows a query counts.
    pub async fn count(&self, sql: &'static str) -> i64 {
        sqlx::query_scalar(sql).fetch_one(self.db()).await.unwrap()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let schema = std::mem::take(&mut self.schema);
        // Dropped from a fresh runtime on its own thread: Drop cannot await.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async {
                if let Ok(mut connection) = PgConnection::connect(&test_database_url()).await {
                    let _ = sqlx::query(sqlx::AssertSqlSafe(format!("DROP SCHEMA IF EXISTS {schema} CASCADE")))
                        .execute(&mut connection)
                        .await;
                }
            });
        })
        .join();
    }
}

/// Send a request to `router`, from 127.0.0.1 unless it already names its peer.
pub async fn call(router: &Router, mut request: Request<Body>) -> TestResponse {
    if request.extensions().get::<ConnectInfo<SocketAddr>>().is_none() {
        request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 50_000))));
    }
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = to_bytes(response.into_body(), usize::MAX).await.unwrap();
    let body = serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()));
    TestResponse { status, headers, body }
}

#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl TestResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    pub fn detail(&self) -> &Value {
        &self.body["detail"]
    }
}

pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// The provider's binding claims, a 5-minute expiry, and `extra` on top (a `null` removes).
pub fn valid_claims(extra: Value) -> Map<String, Value> {
    let mut claims = provider::binding_claims();
    claims.insert("sub".into(), json!("user_1"));
    claims.insert("iat".into(), json!(now()));
    claims.insert("exp".into(), json!(now() + 300));
    for (name, value) in extra.as_object().cloned().unwrap_or_default() {
        if value.is_null() {
            claims.remove(&name);
        } else {
            claims.insert(name, value);
        }
    }
    claims
}

/// Sign with the test key named by `kid` (`test-rsa`, `test-ec`, or `test-rsa2`).
pub fn sign(kid: &str, claims: &Map<String, Value>) -> String {
    let (algorithm, key) = match kid {
        EC_KID => (
            jsonwebtoken::Algorithm::ES256,
            EncodingKey::from_ec_pem(keys::EC_PEM.as_bytes()).unwrap(),
        ),
        "test-rsa2" => (
            jsonwebtoken::Algorithm::RS256,
            EncodingKey::from_rsa_pem(keys::RSA2_PEM.as_bytes()).unwrap(),
        ),
        _ => (
            jsonwebtoken::Algorithm::RS256,
            EncodingKey::from_rsa_pem(keys::RSA_PEM.as_bytes()).unwrap(),
        ),
    };
    sign_with(kid, algorithm, &key, claims)
}

pub fn sign_with(
    kid: &str,
    algorithm: jsonwebtoken::Algorithm,
    key: &EncodingKey,
    claims: &Map<String, Value>,
) -> String {
    let mut header = Header::new(algorithm);
    header.kid = Some(kid.to_string());
    jsonwebtoken::encode(&header, claims, key).unwrap()
}
