//! Optional error reporting to Sentry: on only when SENTRY_DSN is set, as in the FastAPI
//! backend (`core/sentry.py`). Every request answered with a 500 becomes one event (method,
//! route template, URL without its query, headers, request id).
//!
//! No secret leaves the server: no e-mails, IPs or cookies are collected, and `scrub`
//! (FastAPI's `scrub_event`, the same rules) removes what could still hold one before an
//! event is sent: bearer tokens anywhere in text, every field named like a token or secret,
//! and query strings.
//!
//! Written by hand against Sentry's envelope endpoint with the app's reqwest client: the
//! `sentry` crate would add its own HTTP stack and a minute of first build for one POST.

use std::sync::OnceLock;

use axum::extract::Request;
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::config::{ConfigError, Env, Secret, Settings};
use crate::middleware::request_context::RequestContext;

pub const FILTERED: &str = "[Filtered]";
/// Keys whose values are secrets, compared lowercased with `-` read as `_`.
const SECRET_KEYS: [&str; 5] = ["authorization", "cookie", "set_cookie", "api_key", "x_api_key"];
const SECRET_KEY_PARTS: [&str; 3] = ["token", "secret", "password"];
const URL_KEYS: [&str; 3] = ["url", "from", "to"];

/// SENTRY_DSN (empty: off) and SENTRY_TRACES_SAMPLE_RATE (read for parity with FastAPI;
/// this backend sends error events only, no performance traces).
#[derive(Debug, Clone)]
pub struct SentrySettings {
    pub dsn: Secret,
    pub traces_sample_rate: f64,
}

impl SentrySettings {
    pub fn from_env(env: &Env) -> Result<Self, ConfigError> {
        let dsn = env.text("SENTRY_DSN", "");
        if !dsn.trim().is_empty() && Dsn::parse(&dsn).is_none() {
            return Err(ConfigError(
                "SENTRY_DSN must look like https://<key>@<host>/<project>".into(),
            ));
        }
        let rate = env.text("SENTRY_TRACES_SAMPLE_RATE", "0.0");
        let traces_sample_rate = rate
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|rate| (0.0..=1.0).contains(rate))
            .ok_or_else(|| ConfigError("SENTRY_TRACES_SAMPLE_RATE must be a number from 0 to 1".into()))?;
        Ok(Self {
            dsn: Secret(dsn.trim().to_owned()),
            traces_sample_rate,
        })
    }
}

/// Where a DSN's events go and the key that signs them in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dsn {
    pub envelope_url: String,
    pub public_key: String,
}

impl Dsn {
    /// `https://<key>@<host>[:port][/path]/<project>`.
    pub fn parse(dsn: &str) -> Option<Self> {
        let url = reqwest::Url::parse(dsn.trim()).ok()?;
        if !matches!(url.scheme(), "http" | "https") || url.username().is_empty() {
            return None;
        }
        let host = url.host_str()?;
        let port = url.port().map(|port| format!(":{port}")).unwrap_or_default();
        let path = url.path().trim_end_matches('/');
        let (prefix, project) = path.rsplit_once('/')?;
        if project.is_empty() || !project.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        Some(Self {
            envelope_url: format!("{}://{host}{port}{prefix}/api/{project}/envelope/", url.scheme()),
            public_key: url.username().to_owned(),
        })
    }
}

pub fn is_secret_key(key: &str) -> bool {
    let name = key.to_lowercase().replace('-', "_");
    SECRET_KEYS.contains(&name.as_str()) || SECRET_KEY_PARTS.iter().any(|part| name.contains(part))
}

/// The URL without its query string and fragment.
pub fn without_query(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or_default()
}

/// A copy of `value` with secrets replaced by FILTERED, at any depth (`key`: its field name).
pub fn scrub(value: &Value, key: &str) -> Value {
    if !key.is_empty() && is_secret_key(key) {
        return json!(FILTERED);
    }
    if key == "query_string" {
        return json!("");
    }
    match value {
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(name, field)| (name.clone(), scrub(field, name)))
                .collect::<Map<_, _>>(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|item| scrub(item, "")).collect()),
        Value::String(text) => {
            let text = if URL_KEYS.contains(&key) {
                without_query(text)
            } else {
                text
            };
            json!(scrub_text(text))
        }
        other => other.clone(),
    }
}

/// `Bearer abc`, `token=abc`, `token='abc'` (a repr), `"token": "abc"` inside any text become
/// `Bearer [Filtered]`...: FastAPI's `(?i)(bearer\s+|token['"]?\s*[=:]\s*['"]?)[^\s&'",)]+`.
pub fn scrub_text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < chars.len() {
        let secret = secret_prefix_end(&chars, at).and_then(|end| {
            let value = chars[end..].iter().take_while(|c| !ends_secret(**c)).count();
            (value > 0).then_some((end, end + value))
        });
        match secret {
            Some((prefix_end, value_end)) => {
                out.extend(&chars[at..prefix_end]);
                out.push_str(FILTERED);
                at = value_end;
            }
            None => {
                out.push(chars[at]);
                at += 1;
            }
        }
    }
    out
}

fn ends_secret(c: char) -> bool {
    c.is_whitespace() || matches!(c, '&' | '\'' | '"' | ',' | ')')
}

/// Where a `bearer ` or `token=` prefix starting at `at` ends (case-insensitive).
fn secret_prefix_end(chars: &[char], at: usize) -> Option<usize> {
    let word = |word: &str| {
        let end = at + word.len();
        (end <= chars.len() && chars[at..end].iter().map(char::to_ascii_lowercase).eq(word.chars())).then_some(end)
    };
    let spaces = |from: usize| from + chars[from..].iter().take_while(|c| c.is_whitespace()).count();
    let quote = |from: usize| from + usize::from(chars.get(from).is_some_and(|c| matches!(c, '\'' | '"')));
    if let Some(end) = word("bearer") {
        let after = spaces(end);
        return (after > end).then_some(after);
    }
    let end = spaces(quote(word("token")?));
    matches!(chars.get(end), Some('=' | ':')).then(|| quote(spaces(end + 1)))
}

/// Sends events to one DSN with the app's HTTP client.
pub struct Reporter {
    http: reqwest::Client,
    dsn: Dsn,
    environment: String,
}

static REPORTER: OnceLock<Reporter> = OnceLock::new();

impl Reporter {
    pub fn new(http: reqwest::Client, dsn: Dsn, environment: &str) -> Self {
        Self {
            http,
            dsn,
            environment: environment.to_owned(),
        }
    }

    /// Scrub the event, then POST it as an envelope; failures are logged, never raised.
    pub async fn send(&self, mut event: Value) {
        event["environment"] = json!(self.environment);
        event["release"] = json!(env!("CARGO_PKG_VERSION"));
        let event = scrub(&event, "");
        let header = json!({ "event_id": event["event_id"] });
        let body = format!("{header}\n{}\n{event}\n", json!({ "type": "event" }));
        let auth = format!(
            "Sentry sentry_version=7, sentry_key={}, sentry_client=backend/{}",
            self.dsn.public_key,
            env!("CARGO_PKG_VERSION")
        );
        let sent = self
            .http
            .post(&self.dsn.envelope_url)
            .header("x-sentry-auth", auth)
            .header(header::CONTENT_TYPE, "application/x-sentry-envelope")
            .body(body)
            .send()
            .await;
        if let Err(error) = sent.and_then(reqwest::Response::error_for_status) {
            tracing::warn!(error = %error.without_url(), "could not send the error event to Sentry");
        }
    }
}

/// Start reporting when SENTRY_DSN is set; false (and nothing sent, ever) otherwise.
pub fn init(settings: &Settings, http: reqwest::Client) -> bool {
    let Some(dsn) = Dsn::parse(&settings.sentry.dsn.0) else {
        return false;
    };
    let environment = format!("{:?}", settings.environment).to_lowercase();
    REPORTER.set(Reporter::new(http, dsn, &environment)).is_ok()
}

/// The event for a request answered with a 500: what failed, never who asked.
pub fn server_error_event(method: &str, uri: &str, headers: &HeaderMap, route: &str, request_id: &str) -> Value {
    let headers: Map<String, Value> = headers
        .iter()
        .filter(|(name, _)| *name != header::COOKIE)
        .map(|(name, value)| (name.to_string(), json!(String::from_utf8_lossy(value.as_bytes()))))
        .collect();
    json!({
        "event_id": Uuid::new_v4().simple().to_string(),
        "timestamp": chrono::Utc::now().timestamp(),
        "platform": "other",
        "level": "error",
        "logger": "backend",
        "transaction": format!("{method} {route}"),
        "message": { "formatted": format!("500 internal server error: {method} {route}") },
        "request": { "method": method, "url": uri, "headers": headers },
        "tags": { "request_id": request_id, "route": route },
    })
}

/// A layer around the routes: every 500 answer is reported (in the background) when on.
pub async fn report_server_errors(request: Request, next: Next) -> Response {
    let Some(reporter) = REPORTER.get() else {
        return next.run(request).await;
    };
    let method = request.method().to_string();
    let uri = request.uri().to_string();
    let headers = request.headers().clone();
    let request_id = request
        .extensions()
        .get::<RequestContext>()
        .map(|context| context.request_id.clone())
        .unwrap_or_default();
    let response = next.run(request).await;
    if response.status() == StatusCode::INTERNAL_SERVER_ERROR {
        let route = response
            .extensions()
            .get::<axum::extract::MatchedPath>()
            .map_or("unmatched", axum::extract::MatchedPath::as_str);
        let event = server_error_event(&method, &uri, &headers, route, &request_id);
        tokio::spawn(reporter.send(event));
    }
    response
}
