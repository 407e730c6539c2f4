//! JSON request bodies with FastAPI's answers for bad input: `422 {"detail": [{loc, msg,
//! type}, ...]}` naming every invalid field (never echoing the input), `413` past the
//! body limit. Each body type says how it is read from JSON (`FromJson`); the field
//! checks shared by every body are here.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use serde_json::{Map, Value, json};

use crate::error::{AppError, FieldError};
use crate::text::first_unsafe;

/// The largest body any endpoint accepts.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// A body type: its fields read and checked from the parsed JSON.
pub trait FromJson: Sized {
    fn from_json(value: &Value) -> Result<Self, Vec<FieldError>>;
}

/// Use as the last handler argument: `JsonBody(update): JsonBody<UserUpdate>`.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: FromJson> FromRequest<S> for JsonBody<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        let bytes = Bytes::from_request(request, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                AppError::new(StatusCode::PAYLOAD_TOO_LARGE, "request body too large")
            } else {
                AppError::new(StatusCode::BAD_REQUEST, "the request body could not be read")
            }
        })?;
        if bytes.is_empty() {
            return Err(AppError::validation(vec![FieldError {
                loc: vec![json!("body")],
                msg: "Field required".into(),
                kind: "missing".into(),
            }]));
        }
        let value: Value = serde_json::from_slice(&bytes).map_err(|error| {
            AppError::validation(vec![FieldError {
                loc: vec![json!("body"), json!(offset(&bytes, error.line(), error.column()))],
                msg: "JSON decode error".into(),
                kind: "json_invalid".into(),
            }])
        })?;
        T::from_json(&value).map(JsonBody).map_err(AppError::validation)
    }
}

/// The character offset of a (line, column) position, as FastAPI reports it.
fn offset(bytes: &[u8], line: usize, column: usize) -> usize {
    let text = String::from_utf8_lossy(bytes);
    let before: usize = text
        .split('\n')
        .take(line.saturating_sub(1))
        .map(|l| l.chars().count() + 1)
        .sum();
    before + column.saturating_sub(1)
}

/// The body as an object, or the 422 pydantic writes for anything else.
pub fn object(value: &Value) -> Result<&Map<String, Value>, Vec<FieldError>> {
    value.as_object().ok_or_else(|| {
        vec![FieldError {
            loc: vec![json!("body")],
            msg: "Input should be a valid dictionary or object to extract fields from".into(),
            kind: "model_attributes_type".into(),
        }]
    })
}

/// Every key outside `known` is an error (`extra="forbid"`).
pub fn refuse_extra(body: &Map<String, Value>, known: &[&str]) -> Vec<FieldError> {
    body.keys()
        .filter(|key| !known.contains(&key.as_str()))
        .map(|key| FieldError::body(key, "Extra inputs are not permitted", "extra_forbidden"))
        .collect()
}

/// A one-line text field: trimmed, then `min..=max` characters, no unsafe characters.
pub fn text(field: &str, value: &Value, min: usize, max: usize) -> Result<String, FieldError> {
    let Value::String(raw) = value else {
        return Err(FieldError::body(field, "Input should be a valid string", "string_type"));
    };
    let trimmed = raw.trim();
    let length = trimmed.chars().count();
    if length < min {
        let plural = if min == 1 { "" } else { "s" };
        return Err(FieldError::body(
            field,
            format!("String should have at least {min} character{plural}"),
            "string_too_short",
        ));
    }
    if length > max {
        return Err(FieldError::body(
            field,
            format!("String should have at most {max} characters"),
            "string_too_long",
        ));
    }
    if let Some(code) = first_unsafe(trimmed) {
        return Err(value_error(
            field,
            &format!("must not contain control or bidirectional characters ({code})"),
        ));
    }
    Ok(trimmed.to_string())
}

/// A custom check's error, worded like pydantic's `ValueError`.
pub fn value_error(field: &str, message: &str) -> FieldError {
    FieldError::body(field, format!("Value error, {message}"), "value_error")
}

/// An https:// URL of at most 2048 characters (pydantic's HttpUrl, https only).
pub fn https_url(field: &str, value: &Value) -> Result<String, FieldError> {
    let Value::String(raw) = value else {
        return Err(FieldError::body(
            field,
            "URL input should be a string or URL",
            "url_type",
        ));
    };
    let url = reqwest::Url::parse(raw.trim())
        .map_err(|error| FieldError::body(field, format!("Input should be a valid URL, {error}"), "url_parsing"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(FieldError::body(
            field,
            "URL scheme should be 'http' or 'https'",
            "url_scheme",
        ));
    }
    if url.scheme() != "https" || url.as_str().len() > 2048 || url.host_str().is_none() {
        return Err(value_error(
            field,
            &format!("{field} must be an https URL of at most 2048 characters"),
        ));
    }
    Ok(url.to_string())
}
