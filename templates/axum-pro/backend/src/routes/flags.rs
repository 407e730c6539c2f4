//! The caller's feature flags, evaluated server-side: /api/flags.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::flags;
use crate::openapi::{ErrorDetail, SignedInErrors};
use crate::orgs;
use crate::pagination::query_error;
use crate::state::AppState;

/// Every flag's value for the caller, by key.
#[derive(Debug, Serialize, ToSchema)]
pub struct FlagValues {
    pub flags: BTreeMap<String, bool>,
}

/// `?org_id=`: evaluate with that organization's overrides (the caller must be a member).
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrgQuery {
    pub org_id: Option<Uuid>,
}

impl<S: Send + Sync> FromRequestParts<S> for OrgQuery {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AppError> {
        let invalid = || {
            AppError::validation(vec![query_error(
                "org_id",
                "Input should be a valid UUID",
                "uuid_parsing",
            )])
        };
        let Query(pairs) = Query::<Vec<(String, String)>>::try_from_uri(&parts.uri).map_err(|_| invalid())?;
        let org_id = pairs.iter().rev().find(|(name, _)| name == "org_id");
        let org_id = org_id
            .map(|(_, raw)| Uuid::parse_str(raw).map_err(|_| invalid()))
            .transpose()?;
        Ok(Self { org_id })
    }
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_flags))
}

#[utoipa::path(
    get,
    path = "/api/flags",
    tag = "flags",
    params(OrgQuery),
    responses(
        (status = 200, description = "Successful Response", body = FlagValues),
        (status = 404, description = "Not found (or not visible to the caller)", body = ErrorDetail),
        SignedInErrors,
    ),
    security(("bearerAuth" = []))
)]
pub async fn get_flags(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    query: OrgQuery,
) -> AppResult<Json<FlagValues>> {
    if let Some(org_id) = query.org_id
        && orgs::member_role(&state.db, org_id, user.id).await?.is_none()
    {
        // Outsiders get the same answer for an org that exists and one that does not.
        return Err(orgs::not_found());
    }
    let flags = flags::evaluate_all(&state.db, user.id, query.org_id).await?;
    Ok(Json(FlagValues { flags }))
}
