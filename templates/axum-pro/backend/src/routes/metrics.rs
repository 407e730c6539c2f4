//! Prometheus metrics: GET /api/metrics, protected by METRICS_TOKEN when it is set
//! (production refuses to start without it). Not in the OpenAPI document, as in FastAPI.

use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::IntoResponse;
use axum::routing::get;
use sha2::{Digest, Sha256};
use utoipa_axum::router::OpenApiRouter;

use crate::error::{AppError, AppResult};
use crate::metrics;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().route("/api/metrics", get(get_metrics))
}

pub async fn get_metrics(State(state): State<AppState>, headers: HeaderMap) -> AppResult<impl IntoResponse> {
    let token = &state.settings.metrics_token.0;
    if !token.is_empty() {
        let expected = format!("Bearer {token}");
        let given = headers
            .get(header::AUTHORIZATION)
            .map_or(&[][..], |value| value.as_bytes());
        if !same(given, expected.as_bytes()) {
            return Err(AppError::unauthorized("not authenticated"));
        }
    }
    Ok(([(header::CONTENT_TYPE, metrics::CONTENT_TYPE)], metrics::render()))
}

/// Constant-time equality: the digests are compared byte by byte without stopping early,
/// so the time taken says nothing about how much of the token was right.
fn same(given: &[u8], expected: &[u8]) -> bool {
    let (given, expected) = (Sha256::digest(given), Sha256::digest(expected));
    given.iter().zip(expected.iter()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}
