//! The provider's signing keys by key id, fetched on demand and cached.
//!
//! Concurrent first requests share one fetch (the refresh lock; whoever waited finds the
//! keys the first one fetched). A token signed with an unknown key id triggers a refetch
//! (key rotation), at most once per JWKS_MIN_REFETCH_SECONDS, so a flood of forged tokens
//! cannot become a flood of requests to the provider. Keys older than JWKS_CACHE_TTL_SECONDS
//! are refetched, and still used while the provider cannot be reached.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use jsonwebtoken::{Algorithm, DecodingKey};
use serde_json::Value;

use super::{AuthError, BoxFuture};

/// Where the JWKS document comes from (the provider over HTTPS; a fake in tests).
pub trait JwksFetcher: Send + Sync {
    fn fetch(&self) -> BoxFuture<'_, Result<Value, String>>;
}

/// GET the JWKS URL.
pub struct HttpJwks {
    client: reqwest::Client,
    url: String,
    timeout: Duration,
}

impl HttpJwks {
    pub fn new(client: reqwest::Client, url: String, timeout: Duration) -> Self {
        Self { client, url, timeout }
    }
}

impl JwksFetcher for HttpJwks {
    fn fetch(&self) -> BoxFuture<'_, Result<Value, String>> {
        Box::pin(async move {
            let response = self
                .client
                .get(&self.url)
                .timeout(self.timeout)
                .send()
                .await
                .map_err(|e| e.to_string())?;
            let response = response.error_for_status().map_err(|e| e.to_string())?;
            response.json::<Value>().await.map_err(|e| e.to_string())
        })
    }
}

/// A clock, injectable so tests can move time.
pub type Clock = Arc<dyn Fn() -> Instant + Send + Sync>;

#[derive(Default)]
struct Keys {
    by_kid: HashMap<String, (Algorithm, DecodingKey)>,
    fetched_at: Option<Instant>,
    attempted_at: Option<Instant>,
    last_fetch_failed: bool,
}

/// The cache. One per process, shared by every request.
pub struct JwksCache {
    fetcher: Arc<dyn JwksFetcher>,
    ttl: Duration,
    min_refetch: Duration,
    clock: Clock,
    keys: RwLock<Keys>,
    refresh: tokio::sync::Mutex<()>,
    fetches: AtomicUsize,
}

impl JwksCache {
    pub fn new(fetcher: Arc<dyn JwksFetcher>, ttl: Duration, min_refetch: Duration) -> Self {
        Self::with_clock(fetcher, ttl, min_refetch, Arc::new(Instant::now))
    }

    pub fn with_clock(fetcher: Arc<dyn JwksFetcher>, ttl: Duration, min_refetch: Duration, clock: Clock) -> Self {
        Self {
            fetcher,
            ttl,
            min_refetch,
            clock,
            keys: RwLock::default(),
            refresh: tokio::sync::Mutex::new(()),
            fetches: AtomicUsize::new(0),
        }
    }

    /// How many times the JWKS was fetched (tests and diagnostics).
    pub fn fetch_count(&self) -> usize {
        self.fetches.load(Ordering::SeqCst)
    }

    /// The key for a token with this algorithm and key id.
    pub async fn key_for(&self, algorithm: Algorithm, kid: Option<&str>) -> Result<DecodingKey, AuthError> {
        let kid = kid
            .filter(|kid| !kid.is_empty())
            .ok_or(AuthError::Invalid("token has no key id"))?;
        let (key_algorithm, key) = self.get_key(kid).await?;
        if key_algorithm != algorithm {
            return Err(AuthError::Invalid("token algorithm does not match its key"));
        }
        Ok(key)
    }

    async fn get_key(&self, kid: &str) -> Result<(Algorithm, DecodingKey), AuthError> {
        if let Some(key) = self.fresh_key(kid) {
            return Ok(key);
        }
        let _guard = self.refresh.lock().await;
        // Another request may have fetched the keys while this one waited.
        if let Some(key) = self.fresh_key(kid) {
            return Ok(key);
        }
        if !self.too_soon() {
            self.refresh_keys().await;
        }
        self.cached_key(kid)
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Keys> {
        self.keys.read().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn fresh_key(&self, kid: &str) -> Option<(Algorithm, DecodingKey)> {
        let keys = self.read();
        let fetched_at = keys.fetched_at?;
        if (self.clock)().saturating_duration_since(fetched_at) >= self.ttl {
            return None;
        }
        keys.by_kid.get(kid).cloned()
    }

    fn too_soon(&self) -> bool {
        self.read()
            .attempted_at
            .is_some_and(|at| (self.clock)().saturating_duration_since(at) < self.min_refetch)
    }

    /// A stale key is still used while the provider cannot be reached.
    fn cached_key(&self, kid: &str) -> Result<(Algorithm, DecodingKey), AuthError> {
        let keys = self.read();
        if let Some(key) = keys.by_kid.get(kid) {
            return Ok(key.clone());
        }
        if keys.last_fetch_failed {
            return Err(AuthError::Unavailable);
        }
        Err(AuthError::Invalid("unknown signing key"))
    }

    async fn refresh_keys(&self) {
        let attempted_at = (self.clock)();
        self.fetches.fetch_add(1, Ordering::SeqCst);
        let result = self.fetcher.fetch().await.and_then(|document| parse_jwks(&document));
        let mut keys = self.keys.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        keys.attempted_at = Some(attempted_at);
        match result {
            Ok(by_kid) => {
                keys.by_kid = by_kid;
                keys.fetched_at = Some(attempted_at);
                keys.last_fetch_failed = false;
            }
            Err(error) => {
                keys.last_fetch_failed = true;
                tracing::warn!(error = %error, "jwks fetch failed");
            }
        }
    }
}

/// The usable signing keys of a JWKS document: RSA keys for RS256 and P-256 keys for
/// ES256; anything else (encryption keys, other curves, HMAC) is ignored.
pub fn parse_jwks(document: &Value) -> Result<HashMap<String, (Algorithm, DecodingKey)>, String> {
    let entries = document
        .get("keys")
        .and_then(Value::as_array)
        .ok_or("not a JWKS document")?;
    Ok(entries.iter().filter_map(parse_key).collect())
}

fn parse_key(entry: &Value) -> Option<(String, (Algorithm, DecodingKey))> {
    let text = |name: &str| entry.get(name).and_then(Value::as_str);
    if entry.get("use").is_some_and(|usage| usage != "sig") {
        return None;
    }
    let kid = text("kid")?.to_string();
    let (algorithm, name) = match text("kty")? {
        "RSA" => (Algorithm::RS256, "RS256"),
        "EC" => (Algorithm::ES256, "ES256"),
        _ => return None,
    };
    if entry.get("alg").is_some_and(|alg| alg != name) {
        return None;
    }
    let key = match algorithm {
        Algorithm::RS256 => DecodingKey::from_rsa_components(text("n")?, text("e")?).ok()?,
        _ if text("crv") == Some("P-256") => DecodingKey::from_ec_components(text("x")?, text("y")?).ok()?,
        _ => return None,
    };
    Some((kid, (algorithm, key)))
}
