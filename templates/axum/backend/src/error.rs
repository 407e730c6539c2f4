//! The one error type handlers return. Every failure becomes `{"detail": ...}` with its
//! status, byte for byte what the FastAPI backend answers, so one frontend (and one
//! contract suite) works with either backend. Unexpected errors are logged here and the
//! client only ever sees `500 {"detail": "internal server error"}`.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Value, json};

/// One entry of a 422 answer: where the problem is, what it is, and its kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldError {
    /// Path of the value, starting with `body` (or `query`/`path`): `["body", "name"]`.
    pub loc: Vec<Value>,
    pub msg: String,
    #[serde(rename = "type")]
    pub kind: String,
}

impl FieldError {
    /// A problem with the body field `field`.
    pub fn body(field: &str, msg: impl Into<String>, kind: &str) -> Self {
        Self {
            loc: vec![json!("body"), json!(field)],
            msg: msg.into(),
            kind: kind.into(),
        }
    }
}

/// An HTTP error answer: status, `detail`, and the headers some statuses carry.
#[derive(Debug, thiserror::Error)]
#[error("{status}: {detail}")]
pub struct AppError {
    status: StatusCode,
    detail: Value,
    www_authenticate: bool,
    retry_after: Option<u64>,
}

impl AppError {
    /// Any status with a text detail.
    pub fn new(status: StatusCode, detail: impl Into<String>) -> Self {
        Self {
            status,
            detail: Value::String(detail.into()),
            www_authenticate: false,
            retry_after: None,
        }
    }

    /// 401 with `WWW-Authenticate: Bearer`.
    pub fn unauthorized(detail: impl Into<String>) -> Self {
        Self {
            www_authenticate: true,
            ..Self::new(StatusCode::UNAUTHORIZED, detail)
        }
    }

    pub fn forbidden(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, detail)
    }

    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, detail)
    }

    pub fn conflict(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, detail)
    }

    pub fn unavailable(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::SERVICE_UNAVAILABLE, detail)
    }

    /// 500; the cause must already be logged by the caller.
    pub fn internal() -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal server error")
    }

    /// 429 with `Retry-After` in whole seconds.
    pub fn too_many_requests(retry_after: u64) -> Self {
        Self {
            retry_after: Some(retry_after),
            ..Self::new(StatusCode::TOO_MANY_REQUESTS, "rate limit exceeded")
        }
    }

    /// 422 listing every invalid field, as FastAPI's request validation does.
    pub fn validation(errors: Vec<FieldError>) -> Self {
        Self {
            detail: json!(errors),
            ..Self::new(StatusCode::UNPROCESSABLE_ENTITY, "")
        }
    }

    pub fn status(&self) -> StatusCode {
        self.status
    }

    pub fn detail(&self) -> &Value {
        &self.detail
    }
}

impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        tracing::error!(error = %error, "database error");
        Self::internal()
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(json!({ "detail": self.detail }))).into_response();
        let headers = response.headers_mut();
        if self.www_authenticate {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let Some(seconds) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// What handlers return.
pub type AppResult<T> = Result<T, AppError>;
