//! Security headers on every response, the same as the FastAPI backend's: the API serves
//! JSON only, so nothing may be framed, sniffed or load sub-resources.

use axum::http::{HeaderName, HeaderValue};
use axum::response::Response;

pub const API_HEADERS: [(&str, &str); 9] = [
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
    ("strict-transport-security", "max-age=63072000; includeSubDomains"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-site"),
    ("permissions-policy", "camera=(), microphone=(), geolocation=()"),
    ("content-security-policy", "default-src 'none'; frame-ancestors 'none'"),
    ("cache-control", "no-store"),
];

/// Adds every header the response does not already carry.
pub async fn add_security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in API_HEADERS {
        headers
            .entry(HeaderName::from_static(name))
            .or_insert(HeaderValue::from_static(value));
    }
    response
}
