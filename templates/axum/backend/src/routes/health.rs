//! GET /api/health: is the API up, and can it reach the database?

use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::db::explain;
use crate::state::AppState;

/// A probe must get an answer even from a database that accepts connections but hangs.
pub const TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Serialize, ToSchema)]
pub struct Health {
    #[schema(value_type = String, example = "ok")]
    pub status: &'static str,
    #[schema(value_type = String, example = "ok")]
    pub database: &'static str,
    pub version: &'static str,
}

#[derive(Serialize, ToSchema)]
pub struct HealthError {
    #[schema(value_type = String, example = "error")]
    pub status: &'static str,
    #[schema(value_type = String, example = "unavailable")]
    pub database: &'static str,
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_health))
}

/// 200 when `SELECT 1` succeeds; 503 for any database failure, never 500.
#[utoipa::path(
    get,
    path = "/api/health",
    tag = "health",
    responses(
        (status = 200, description = "Successful Response", body = Health),
        (status = 503, description = "The database is unreachable", body = HealthError),
    )
)]
pub async fn get_health(State(state): State<AppState>) -> Response {
    let probe = sqlx::query("SELECT 1").execute(&state.db);
    let problem = match tokio::time::timeout(TIMEOUT, probe).await {
        Ok(Ok(_)) => None,
        Ok(Err(error)) => Some(explain(&error, &state.settings.database_url).unwrap_or_else(|| error.to_string())),
        Err(_) => Some(format!("no answer within {} s", TIMEOUT.as_secs())),
    };
    match problem {
        None => Json(Health {
            status: "ok",
            database: "ok",
            version: env!("CARGO_PKG_VERSION"),
        })
        .into_response(),
        Some(problem) => {
            tracing::error!("health check: {problem}");
            let error = HealthError {
                status: "error",
                database: "unavailable",
            };
            (StatusCode::SERVICE_UNAVAILABLE, Json(error)).into_response()
        }
    }
}
