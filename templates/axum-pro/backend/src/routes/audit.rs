//! The organization's audit log, for its admins: GET /api/orgs/{org_id}/audit-log.
//! Paged by `before` (the last entry's id), not by cursor, like FastAPI's
//! `app/api/routes/audit.py`: the log only grows at its newest end.

use axum::Json;
use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::audit::{self, Recorded};
use crate::auth::CurrentUser;
use crate::entitlements;
use crate::error::{AppError, AppResult};
use crate::openapi::{ErrorDetail, OrgAccessErrors, SignedInErrors};
use crate::orgs::{self, Role};
use crate::pagination::{DEFAULT_LIMIT, parse_limit, query_error};
use crate::path_ids::PathIds;
use crate::state::AppState;

/// One entry of the log.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntry {
    pub id: Uuid,
    pub action: String,
    #[schema(required = true)]
    pub actor_id: Option<Uuid>,
    #[schema(required = true)]
    pub target: Option<String>,
    pub metadata: Value,
    pub created_at: DateTime<Utc>,
}

impl From<Recorded> for AuditEntry {
    fn from(entry: Recorded) -> Self {
        Self {
            id: entry.id,
            action: entry.action,
            actor_id: entry.actor_id,
            target: entry.target,
            metadata: entry.metadata,
            created_at: entry.created_at,
        }
    }
}

/// One page of the log, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditPage {
    pub items: Vec<AuditEntry>,
    /// Pass as `before` to get the next (older) page; null on the last page.
    #[schema(required = true)]
    pub next_before: Option<Uuid>,
}

/// `?limit=&before=`: bad values are FastAPI's 422 naming the parameter.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// How many entries a page holds.
    #[param(required = false, minimum = 1, maximum = 100, default = 50)]
    pub limit: i64,
    /// `next_before` of the previous page; none for the first page.
    pub before: Option<Uuid>,
}

impl<S: Send + Sync> FromRequestParts<S> for AuditQuery {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AppError> {
        let bad_before = || query_error("before", "Input should be a valid UUID", "uuid_parsing");
        let Query(pairs) = Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)
            .map_err(|_| AppError::validation(vec![bad_before()]))?;
        let last = |name: &str| pairs.iter().rev().find(|(key, _)| key == name).map(|(_, value)| value);
        let limit = last("limit").map_or(Ok(DEFAULT_LIMIT), |raw| parse_limit(raw));
        let before = last("before").map(|raw| Uuid::parse_str(raw).map_err(|_| bad_before()));
        match (limit, before.transpose()) {
            (Ok(limit), Ok(before)) => Ok(Self { limit, before }),
            (limit, before) => Err(AppError::validation(
                limit.err().into_iter().chain(before.err()).collect(),
            )),
        }
    }
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_audit_log))
}

#[utoipa::path(
    get,
    path = "/api/orgs/{org_id}/audit-log",
    tag = "audit",
    params(("org_id" = Uuid, Path), AuditQuery),
    responses(
        (status = 200, description = "Successful Response", body = AuditPage),
        (status = 402, description = "The plan has no audit log; the detail names the plan", body = ErrorDetail),
        SignedInErrors,
        OrgAccessErrors,
    ),
    security(("bearerAuth" = []))
)]
pub async fn list_audit_log(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ids: PathIds,
    query: AuditQuery,
) -> AppResult<Json<AuditPage>> {
    let org_id = ids.get("org_id");
    let mut conn = state.db.acquire().await?;
    orgs::require_role(&mut conn, org_id, &user, Role::Admin).await?;
    entitlements::require_audit_log(&orgs::get(&mut conn, org_id).await?)?;
    drop(conn);
    let (entries, next_before) = audit::list_for_org(&state.db, org_id, query.limit, query.before).await?;
    Ok(Json(AuditPage {
        items: entries.into_iter().map(AuditEntry::from).collect(),
        next_before,
    }))
}
