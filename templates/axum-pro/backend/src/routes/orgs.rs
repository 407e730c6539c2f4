//! Organizations and their members: /api/orgs. The rules live in `crate::orgs`; this
//! module reads requests, runs them in one transaction and shapes the answers.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::body::{FromJson, JsonBody, object, refuse_extra, text};
use crate::error::{AppError, AppResult, FieldError};
use crate::openapi::{ErrorDetail, HTTPValidationError, PlanId, SubscriptionStatus};
use crate::orgs::{self, MemberRow, Organization, Role};
use crate::page_schema;
use crate::pagination::{Page, PageRequest};
use crate::path_ids::PathIds;
use crate::state::AppState;
use crate::transaction::finish;

/// An organization as its member sees it, with the caller's role.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = Organization)]
pub struct OrganizationOut {
    pub id: Uuid,
    pub name: String,
    pub slug: String,
    #[schema(value_type = PlanId)]
    pub plan: String,
    #[schema(value_type = SubscriptionStatus)]
    pub subscription_status: String,
    pub role: Role,
    pub created_at: DateTime<Utc>,
}

impl OrganizationOut {
    pub fn new(org: Organization, role: Role) -> Self {
        Self {
            id: org.id,
            name: org.name,
            slug: org.slug,
            plan: org.plan,
            subscription_status: org.subscription_status,
            role,
            created_at: org.created_at,
        }
    }
}

/// A member of an organization.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = Member)]
pub struct MemberOut {
    pub user_id: Uuid,
    #[schema(required = true)]
    pub email: Option<String>,
    #[schema(required = true)]
    pub name: Option<String>,
    pub role: Role,
    pub joined_at: DateTime<Utc>,
}

impl From<MemberRow> for MemberOut {
    fn from(row: MemberRow) -> Self {
        Self {
            user_id: row.user_id,
            email: row.email,
            name: row.name,
            role: Role::parse(&row.role).unwrap_or(Role::Member),
            joined_at: row.joined_at,
        }
    }
}

page_schema!(OrganizationPage, OrganizationOut);
page_schema!(MemberPage, MemberOut);

/// The body of POST /api/orgs and PATCH /api/orgs/{org_id}.
#[derive(Debug, ToSchema)]
pub struct OrganizationCreate {
    #[schema(min_length = 1, max_length = 100)]
    pub name: String,
}

#[derive(Debug, ToSchema)]
pub struct OrganizationUpdate {
    #[schema(min_length = 1, max_length = 100)]
    pub name: String,
}

fn read_name(value: &Value) -> Result<String, Vec<FieldError>> {
    let body = object(value)?;
    let mut errors = refuse_extra(body, &["name"]);
    let name = match body.get("name") {
        None => {
            errors.push(FieldError::body("name", "Field required", "missing"));
            None
        }
        Some(name) => text("name", name, 1, 100).map_err(|error| errors.push(error)).ok(),
    };
    match name {
        Some(name) if errors.is_empty() => Ok(name),
        _ => Err(errors),
    }
}

impl FromJson for OrganizationCreate {
    fn from_json(value: &Value) -> Result<Self, Vec<FieldError>> {
        read_name(value).map(|name| Self { name })
    }
}

impl FromJson for OrganizationUpdate {
    fn from_json(value: &Value) -> Result<Self, Vec<FieldError>> {
        read_name(value).map(|name| Self { name })
    }
}

/// The body of PATCH /api/orgs/{org_id}/members/{user_id}.
#[derive(Debug, ToSchema)]
pub struct MemberUpdate {
    pub role: Role,
}

/// A role field, with pydantic's enum error for anything else.
pub(super) fn read_role(field: &str, value: &Value) -> Result<Role, FieldError> {
    value
        .as_str()
        .and_then(Role::parse)
        .ok_or_else(|| FieldError::body(field, "Input should be 'owner', 'admin' or 'member'", "enum"))
}

impl FromJson for MemberUpdate {
    fn from_json(value: &Value) -> Result<Self, Vec<FieldError>> {
        let body = object(value)?;
        let mut errors = refuse_extra(body, &["role"]);
        let role = match body.get("role") {
            None => {
                errors.push(FieldError::body("role", "Field required", "missing"));
                None
            }
            Some(role) => read_role("role", role).map_err(|error| errors.push(error)).ok(),
        };
        match role {
            Some(role) if errors.is_empty() => Ok(Self { role }),
            _ => Err(errors),
        }
    }
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_orgs, create_org))
        .routes(routes!(get_org, update_org, delete_org))
        .routes(routes!(list_members))
        .routes(routes!(update_member, remove_member))
}

/// The caller's organizations, oldest first, one page at a time.
#[utoipa::path(
    get,
    path = "/api/orgs",
    tag = "orgs",
    params(PageRequest),
    responses(
        (status = 200, description = "Successful Response", body = OrganizationPage),
        (status = 401, description = "Missing or invalid access token", body = ErrorDetail),
        (status = 422, description = "Validation Error", body = HTTPValidationError),
        (status = 429, description = "Rate limit exceeded (see Retry-After)", body = ErrorDetail),
        (status = 503, description = "Authentication temporarily unavailable", body = ErrorDetail),
    ),
    security(("bearerAuth" = []))
)]
pub async fn list_orgs(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    page: PageRequest,
) -> AppResult<Json<OrganizationPage>> {
    let found = orgs::list_for_user(&state.db, &user, &page).await?;
    Ok(Json(OrganizationPage::from(Page {
        items: found
            .items
            .into_iter()
            .map(|(org, role)| OrganizationOut::new(org, role))
            .collect(),
        next_cursor: found.next_cursor,
    })))
}

/// The organization's members in the order they joined, one page at a time.
#[utoipa::path(
    get,
    path = "/api/orgs/{org_id}/members",
    tag = "orgs",
    params(("org_id" = Uuid, Path), PageRequest),
    responses(
        (status = 200, description = "Successful Response", body = MemberPage),
        (status = 401, description = "Missing or invalid access token", body = ErrorDetail),
        (status = 404, description = "Not found (or not visible to the caller)", body = ErrorDetail),
        (status = 422, description = "Validation Error", body = HTTPValidationError),
        (status = 429, description = "Rate limit exceeded (see Retry-After)", body = ErrorDetail),
        (status = 503, description = "Authentication temporarily unavailable", body = ErrorDetail),
    ),
    security(("bearerAuth" = []))
)]
pub async fn list_members(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ids: PathIds,
    page: PageRequest,
) -> AppResult<Json<MemberPage>> {
    let org_id = ids.get("org_id");
    let mut conn = state.db.acquire().await?;
    orgs::require_role(&mut conn, org_id, &user, Role::Member).await?;
    drop(conn);
    let found = orgs::list_members(&state.db, org_id, &page).await?;
    Ok(Json(MemberPage::from(Page {
        items: found.items.into_iter().map(MemberOut::from).collect(),
        next_cursor: found.next_cursor,
    })))
}

#[utoipa::path(
    post,
    path = "/api/orgs",
    tag = "orgs",
    request_body = OrganizationCreate,
    responses(
        (status = 201, description = "Successful Response", body = OrganizationOut),
        (status = 401, description = "Missing or invalid access token", body = ErrorDetail),
        (status = 422, description = "Validation Error", body = HTTPValidationError),
        (status = 429, description = "Rate limit exceeded (see Retry-After)", body = ErrorDetail),
        (status = 503, description = "Authentication temporarily unavailable", body = ErrorDetail),
    ),
    security(("bearerAuth" = []))
)]
pub async fn create_org(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    JsonBody(body): JsonBody<OrganizationCreate>,
) -> AppResult<(StatusCode, Json<OrganizationOut>)> {
    let org = orgs::create(&state.db, &user, &body.name).await?;
    Ok((StatusCode::CREATED, Json(OrganizationOut::new(org, Role::Owner))))
}

#[utoipa::path(
    get,
    path = "/api/orgs/{org_id}",
    tag = "orgs",
    params(("org_id" = Uuid, Path)),
    responses(
        (status = 200, description = "Successful Response", body = OrganizationOut),
        (status = 401, description = "Missing or invalid access token", body = ErrorDetail),
        (status = 404, description = "Not found (or not visible to the caller)", body = ErrorDetail),
        (status = 422, description = "Validation Error", body = HTTPValidationError),
        (status = 429, description = "Rate limit exceeded (see Retry-After)", body = ErrorDetail),
        (status = 503, description = "Authentication temporarily unavailable", body = ErrorDetail),
    ),
    security(("bearerAuth" = []))
)]
pub async fn get_org(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ids: PathIds,
) -> AppResult<Json<OrganizationOut>> {
    let org_id = ids.get("org_id");
    let mut conn = state.db.acquire().await?;
    let membership = orgs::require_role(&mut conn, org_id, &user, Role::Member).await?;
    let org = orgs::get(&mut conn, org_id).await?;
    Ok(Json(OrganizationOut::new(org, membership.role)))
}

#[utoipa::path(
    patch,
    path = "/api/orgs/{org_id}",
    tag = "orgs",
    params(("org_id" = Uuid, Path)),
    request_body = OrganizationUpdate,
    responses(
        (status = 200, description = "Successful Response", body = OrganizationOut),
        (status = 401, description = "Missing or invalid access token", body = ErrorDetail),
        (status = 403, description = "The caller's role does not allow this", body = ErrorDetail),
        (status = 404, description = "Not found (or not visible to the caller)", body = ErrorDetail),
        (status = 422, description = "Validation Error", body = HTTPValidationError),
        (status = 429, description = "Rate limit exceeded (see Retry-After)", body = ErrorDetail),
        (status = 503, description = "Authentication temporarily unavailable", body = ErrorDetail),
    ),
    security(("bearerAuth" = []))
)]
pub async fn update_org(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ids: PathIds,
    JsonBody(body): JsonBody<OrganizationUpdate>,
) -> AppResult<Json<OrganizationOut>> {
    let (org, role) = orgs::rename(&state.db, &user, ids.get("org_id"), &body.name).await?;
    Ok(Json(OrganizationOut::new(org, role)))
}

/// Delete the organization; its live subscription is cancelled at the provider first.
#[utoipa::path(
    delete,
    path = "/api/orgs/{org_id}",
    tag = "orgs",
    params(("org_id" = Uuid, Path)),
    responses(
        (status = 204, description = "Successful Response"),
        (status = 401, description = "Missing or invalid access token", body = ErrorDetail),
        (status = 403, description = "The caller's role does not allow this", body = ErrorDetail),
        (status = 404, description = "Not found (or not visible to the caller)", body = ErrorDetail),
        (status = 422, description = "Validation Error", body = HTTPValidationError),
        (status = 429, description = "Rate limit exceeded (see Retry-After)", body = ErrorDetail),
        (status = 502, description = "A live subscription could not be cancelled; nothing deleted", body = ErrorDetail),
        (status = 503, description = "Authentication temporarily unavailable", body = ErrorDetail),
    ),
    security(("bearerAuth" = []))
)]
pub async fn delete_org(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ids: PathIds,
) -> AppResult<StatusCode> {
    let org_id = ids.get("org_id");
    let mut tx = state.db.begin().await?;
    let result = async {
        orgs::require_role(&mut tx, org_id, &user, Role::Owner).await?;
        Ok(orgs::delete(&mut tx, org_id).await?)
    }
    .await;
    finish(tx, result).await?;
    Ok(StatusCode::NO_CONTENT)
}

fn member_not_found() -> AppError {
    AppError::not_found("member not found")
}

#[utoipa::path(
    patch,
    path = "/api/orgs/{org_id}/members/{user_id}",
    tag = "orgs",
    params(("org_id" = Uuid, Path), ("user_id" = Uuid, Path)),
    request_body = MemberUpdate,
    responses(
        (status = 200, description = "Successful Response", body = MemberOut),
        (status = 401, description = "Missing or invalid access token", body = ErrorDetail),
        (status = 403, description = "The caller's role does not allow this", body = ErrorDetail),
        (status = 404, description = "Not found (or not visible to the caller)", body = ErrorDetail),
        (status = 409, description = "Conflicts with the current state", body = ErrorDetail),
        (status = 422, description = "Validation Error", body = HTTPValidationError),
        (status = 429, description = "Rate limit exceeded (see Retry-After)", body = ErrorDetail),
        (status = 503, description = "Authentication temporarily unavailable", body = ErrorDetail),
    ),
    security(("bearerAuth" = []))
)]
pub async fn update_member(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ids: PathIds,
    JsonBody(body): JsonBody<MemberUpdate>,
) -> AppResult<Json<MemberOut>> {
    let (org_id, user_id) = (ids.get("org_id"), ids.get("user_id"));
    let mut tx = state.db.begin().await?;
    let result = async {
        // Locked first, so the memberships read below stay current until the commit.
        orgs::lock(&mut tx, org_id).await?;
        let actor = orgs::require_role(&mut tx, org_id, &user, Role::Admin).await?;
        let target = orgs::get_membership(&mut tx, org_id, user_id)
            .await?
            .ok_or_else(member_not_found)?;
        orgs::change_role(&mut tx, &actor, &target, body.role).await?;
        orgs::member(&mut tx, org_id, user_id)
            .await?
            .ok_or_else(member_not_found)
    }
    .await;
    Ok(Json(finish(tx, result).await?.into()))
}

#[utoipa::path(
    delete,
    path = "/api/orgs/{org_id}/members/{user_id}",
    tag = "orgs",
    params(("org_id" = Uuid, Path), ("user_id" = Uuid, Path)),
    responses(
        (status = 204, description = "Successful Response"),
        (status = 401, description = "Missing or invalid access token", body = ErrorDetail),
        (status = 403, description = "The caller's role does not allow this", body = ErrorDetail),
        (status = 404, description = "Not found (or not visible to the caller)", body = ErrorDetail),
        (status = 409, description = "Conflicts with the current state", body = ErrorDetail),
        (status = 422, description = "Validation Error", body = HTTPValidationError),
        (status = 429, description = "Rate limit exceeded (see Retry-After)", body = ErrorDetail),
        (status = 503, description = "Authentication temporarily unavailable", body = ErrorDetail),
    ),
    security(("bearerAuth" = []))
)]
pub async fn remove_member(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ids: PathIds,
) -> AppResult<StatusCode> {
    let (org_id, user_id) = (ids.get("org_id"), ids.get("user_id"));
    let mut tx = state.db.begin().await?;
    let result = async {
        orgs::lock(&mut tx, org_id).await?;
        let actor = orgs::require_role(&mut tx, org_id, &user, Role::Member).await?;
        let target = orgs::get_membership(&mut tx, org_id, user_id)
            .await?
            .ok_or_else(member_not_found)?;
        orgs::remove_member(&mut tx, &actor, &target).await
    }
    .await;
    finish(tx, result).await?;
    Ok(StatusCode::NO_CONTENT)
}
