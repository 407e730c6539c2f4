//! What runs around every request: its context and access log line, security headers,
//! CORS, the per-IP rate limit, the body limit and the catch-all 500. `crate::app` puts
//! them in order.

pub mod rate_limit;
pub mod request_context;
pub mod security_headers;
