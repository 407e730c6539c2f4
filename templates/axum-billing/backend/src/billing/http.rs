//! The payment providers' REST APIs over the app's shared reqwest client (rustls, no SDK
//! crates).
//!
//! Each adapter says where (base URL), who (bearer API key) and how a body is encoded;
//! this module sends, reads the JSON reply and turns transport failures into
//! [`BillingError::Provider`]. A non-2xx reply is handed back as such, because what it means
//! is the adapter's call (a 404 on cancellation means "already gone").

use std::time::Duration;

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap};
use reqwest::{Method, StatusCode};
use serde_json::Value;

use super::provider::BillingError;

const TIMEOUT: Duration = Duration::from_secs(15);

/// A request body, in the encoding the provider's API takes.
pub enum Body<'a> {
    Empty,
    Json(&'a Value),
    /// `application/x-www-form-urlencoded` pairs (Stripe).
    Form(&'a [(String, String)]),
}

/// A provider's reply: its status and its JSON body (`Null` when it sent none).
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub json: Value,
}

impl Reply {
    /// The body of a 2xx reply; any other status is a provider failure.
    pub fn ok(self, what: &str) -> Result<Value, BillingError> {
        if self.status.is_success() {
            Ok(self.json)
        } else {
            Err(BillingError::Provider(format!("{what} failed: {}", self.status)))
        }
    }
}

/// A provider's API: its base URL, its key, the content type of its JSON bodies and the
/// headers it wants on every request.
#[derive(Clone, Debug)]
pub struct ApiClient {
    pub http: reqwest::Client,
    pub base_url: String,
    pub api_key: String,
    pub json_type: &'static str,
    pub headers: HeaderMap,
}

impl ApiClient {
    /// Send one request to `path` (below the base URL) and read the reply.
    pub async fn send(&self, method: Method, path: &str, body: Body<'_>) -> Result<Reply, BillingError> {
        let url = format!("{}{path}", self.base_url.trim_end_matches('/'));
        let request = self
            .http
            .request(method.clone(), &url)
            .timeout(TIMEOUT)
            .headers(self.headers.clone())
            .header(AUTHORIZATION, format!("Bearer {}", self.api_key));
        let request = match body {
            Body::Empty => request,
            Body::Json(value) => request.header(CONTENT_TYPE, self.json_type).body(value.to_string()),
            Body::Form(pairs) => request
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(form_encode(pairs)),
        };
        let failed = |error: reqwest::Error| BillingError::Provider(format!("{method} {path} failed: {error}"));
        let response = request.send().await.map_err(failed)?;
        let status = response.status();
        let bytes = response.bytes().await.map_err(failed)?;
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Ok(Reply { status, json })
    }
}

/// `key=value&...`, every byte but the unreserved ones percent-encoded.
pub fn form_encode(pairs: &[(String, String)]) -> String {
    let encode = |text: &str| -> String {
        text.bytes()
            .map(|byte| match byte {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (byte as char).to_string(),
                _ => format!("%{byte:02X}"),
            })
            .collect()
    };
    pairs
        .iter()
        .map(|(key, value)| format!("{}={}", encode(key), encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// An id for a URL path, refused when it could leave its path segment.
pub fn segment(id: &str) -> Result<&str, BillingError> {
    let safe = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    if !id.is_empty() && id.chars().all(safe) {
        Ok(id)
    } else {
        Err(BillingError::Provider(format!("`{id}` is not a valid provider id")))
    }
}

/// The string at `pointer` (`/data/attributes/url`) of a reply, if it is a non-empty one.
pub fn string_at(json: &Value, pointer: &str) -> Option<String> {
    json.pointer(pointer)
        .and_then(Value::as_str)
        .filter(|text| !text.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_ids_stay_in_their_path_segment() {
        assert_eq!(segment("sub_1Abc-2"), Ok("sub_1Abc-2"));
        assert!(segment("../customers").is_err());
        assert!(segment("a/b").is_err());
        assert!(segment("a?b").is_err());
        assert!(segment("").is_err());
    }

    #[test]
    fn form_values_are_percent_encoded() {
        let pairs = [("metadata[plan]".to_owned(), "a b&c=d/é".to_owned())];
        assert_eq!(form_encode(&pairs), "metadata%5Bplan%5D=a%20b%26c%3Dd%2F%C3%A9");
    }
}
