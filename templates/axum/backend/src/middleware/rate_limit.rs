//! Rate limiting in two budgets, counted in this process's memory (a moving window):
//!
//! - per client IP, before routing and authentication (`limit_per_ip`): floods of
//!   invalid tokens and the public endpoints are limited too;
//! - per user, once the token is verified (`crate::auth::CurrentUser`).
//!
//! The health check is exempt: load balancers probe it from one address every few seconds.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::request_context::RequestContext;
use crate::config::ConfigError;
use crate::error::AppError;
use crate::state::AppState;

pub const EXEMPT_PATHS: [&str; 1] = ["/api/health"];
/// Keys are forgotten after this many hits once their window is over, so memory stays bounded.
const SWEEP_EVERY: u64 = 10_000;

/// `count` requests per `window`, written like `120/minute`, `10/second`, `100 per hour`
/// or `20/5 minutes` (the `limits` notation the FastAPI backend reads).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub count: u32,
    pub window: Duration,
}

impl Limit {
    pub fn parse(name: &str, text: &str) -> Result<Self, ConfigError> {
        let invalid = || ConfigError(format!("{name} must look like `120/minute`, got `{text}`"));
        let lowered = text.trim().to_lowercase();
        let (count, period) = lowered
            .split_once('/')
            .or_else(|| lowered.split_once(" per "))
            .ok_or_else(invalid)?;
        let count: u32 = count.trim().parse().map_err(|_| invalid())?;
        let period = period.trim();
        let (multiple, unit) = match period.split_once(' ') {
            Some((multiple, unit)) => (multiple.trim().parse::<u64>().map_err(|_| invalid())?, unit.trim()),
            None => (1, period),
        };
        let seconds = match unit.trim_end_matches('s') {
            "second" => 1,
            "minute" => 60,
            "hour" => 3600,
            "day" => 86_400,
            "month" => 2_592_000,
            "year" => 31_104_000,
            _ => return Err(invalid()),
        };
        if count == 0 || multiple == 0 {
            return Err(invalid());
        }
        Ok(Self {
            count,
            window: Duration::from_secs(seconds * multiple),
        })
    }
}

#[derive(Default)]
struct Windows {
    hits: HashMap<String, VecDeque<Instant>>,
    total: u64,
}

/// A moving-window limiter: a key may make `count` requests in any `window`.
pub struct RateLimiter {
    limit: Limit,
    enabled: bool,
    windows: Mutex<Windows>,
}

impl RateLimiter {
    pub fn new(limit: Limit, enabled: bool) -> Self {
        Self {
            limit,
            enabled,
            windows: Mutex::default(),
        }
    }

    /// Count one request for `key`: None when allowed, else whole seconds to wait.
    pub fn hit(&self, key: &str) -> Option<u64> {
        self.hit_at(key, Instant::now())
    }

    pub fn hit_at(&self, key: &str, now: Instant) -> Option<u64> {
        if !self.enabled {
            return None;
        }
        let mut windows = self.windows.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        windows.total += 1;
        if windows.total % SWEEP_EVERY == 0 {
            let window = self.limit.window;
            windows
                .hits
                .retain(|_, hits| hits.back().is_some_and(|last| now.duration_since(*last) < window));
        }
        let hits = windows.hits.entry(key.to_string()).or_default();
        while hits
            .front()
            .is_some_and(|first| now.duration_since(*first) >= self.limit.window)
        {
            hits.pop_front();
        }
        if hits.len() < self.limit.count as usize {
            hits.push_back(now);
            return None;
        }
        let oldest = hits.front().copied().unwrap_or(now);
        let wait = self.limit.window.saturating_sub(now.duration_since(oldest));
        Some(wait.as_secs_f64().ceil().max(1.0) as u64)
    }
}

pub fn is_limited(path: &str) -> bool {
    path.starts_with("/api")
        && !EXEMPT_PATHS
            .iter()
            .any(|exempt| path == *exempt || path.starts_with(&format!("{exempt}/")))
}

/// Counts every /api request against its client IP before routing and authentication.
pub async fn limit_per_ip(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if is_limited(request.uri().path()) {
        let ip = request
            .extensions()
            .get::<RequestContext>()
            .and_then(|context| context.client_ip);
        let key = ip.map_or_else(|| "ip:unknown".to_string(), |ip| format!("ip:{ip}"));
        if let Some(retry_after) = state.ip_limiter.hit(&key) {
            return AppError::too_many_requests(retry_after).into_response();
        }
    }
    next.run(request).await
}
