//! The payment providers' REST APIs over one small reqwest client (rustls, no SDK crates).
//!
//! Each adapter says where (base URL), who (bearer API key) and how a body is encoded;
//! this module sends, reads the JSON reply and turns transport failures into
//! [`BillingError::Provider`]. A non-2xx reply is handed back as such, because what it means
//! is the adapter's call (a 404 on cancellation means "already gone").

use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use reqwest::{Method, StatusCode};
use serde_json::Value;

use super::provider::BillingError;

const TIMEOUT: Duration = Duration::from_secs(15);

/// A request body, in the encoding the provider's API takes.
pub enum Body<'a> {
    Empty,
    Json(&'a Value),
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

/// A provider's API: its base URL, its key and the content type of its JSON bodies.
#[derive(Clone, Debug)]
pub struct ApiClient {
    http: reqwest::Client,
    base_url: String,
    json_type: &'static str,
}

impl ApiClient {
    /// A client sending `api_key` as a bearer token and `headers` with every request.
    pub fn new(
        base_url: &str,
        api_key: &str,
        json_type: &'static str,
        mut headers: HeaderMap,
    ) -> Result<Self, BillingError> {
        let bearer = HeaderValue::from_str(&format!("Bearer {api_key}"))
            .map_err(|_| BillingError::NotConfigured("the API key is not a valid header".into()))?;
        headers.insert(AUTHORIZATION, bearer);
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .timeout(TIMEOUT)
            .build()
            .map_err(|error| BillingError::Provider(format!("http client: {error}")))?;
        Ok(Self {
            http,
            base_url: base_url.trim_end_matches('/').to_owned(),
            json_type,
        })
    }

    /// Send one request to `path` (below the base URL) and read the reply.
    pub async fn send(&self, method: Method, path: &str, body: Body<'_>) -> Result<Reply, BillingError> {
        let url = format!("{}{path}", self.base_url);
        let request = self.http.request(method.clone(), &url);
        let request = match body {
            Body::Empty => request,
            Body::Json(value) => request
                .header(CONTENT_TYPE, self.json_type)
                .body(value.to_string()),
            Body::Form(pairs) => request.form(pairs),
        };
        let response = request
            .send()
            .await
            .map_err(|error| BillingError::Provider(format!("{method} {path} failed: {error}")))?;
        let status = response.status();
        let bytes = response
            .bytes()
            .await
            .map_err(|error| BillingError::Provider(format!("{method} {path} failed: {error}")))?;
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Ok(Reply { status, json })
    }
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
}
