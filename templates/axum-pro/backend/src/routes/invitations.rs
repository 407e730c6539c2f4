//! Invitations: /api/orgs/{org_id}/invitations and POST /api/invitations/accept. The rules
//! live in `crate::invitations`; this module reads requests, runs each in one transaction
//! and shapes the answers as FastAPI's `app/api/routes/invitations.py` does.

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

use super::orgs::{MemberOut, read_role};
use crate::auth::CurrentUser;
use crate::body::{FromJson, JsonBody, object, refuse_extra, text, value_error};
use crate::entitlements;
use crate::error::{AppResult, FieldError};
use crate::invitations::{self, Invitation, InvitationStatus};
use crate::openapi::{ErrorDetail, OrgAccessErrors, SignedInErrors};
use crate::orgs::{self, Role};
use crate::page_schema;
use crate::pagination::{Page, PageRequest};
use crate::path_ids::PathIds;
use crate::state::AppState;
use crate::transaction::finish;

/// An invitation as its organization's admins see it (never its token).
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Invitation)]
pub struct InvitationOut {
    pub id: Uuid,
    pub email: String,
    pub role: Role,
    pub status: InvitationStatus,
    pub expires_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

impl From<&Invitation> for InvitationOut {
    fn from(invitation: &Invitation) -> Self {
        Self {
            id: invitation.id,
            email: invitation.email.clone(),
            role: invitation.role(),
            status: invitation.status(),
            expires_at: invitation.expires_at,
            created_at: invitation.created_at,
        }
    }
}

/// A new invitation with its token: shown once, to be sent to the invitee; only the
/// token's hash is stored.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationCreated {
    pub id: Uuid,
    pub email: String,
    pub role: Role,
    pub status: InvitationStatus,
    pub expires_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub token: String,
}

impl InvitationCreated {
    fn new(invitation: &Invitation, token: String) -> Self {
        let out = InvitationOut::from(invitation);
        Self {
            id: out.id,
            email: out.email,
            role: out.role,
            status: out.status,
            expires_at: out.expires_at,
            created_at: out.created_at,
            token,
        }
    }
}

page_schema!(InvitationPage, InvitationOut);

/// The body of POST /api/orgs/{org_id}/invitations.
#[derive(Debug, ToSchema)]
pub struct InvitationCreate {
    #[schema(min_length = 1, max_length = 320)]
    pub email: String,
    #[schema(default = "member", required = false)]
    pub role: Role,
}

/// The token from the invitation link, sent in the body: URLs end up in logs.
#[derive(Debug, ToSchema)]
pub struct InvitationAccept {
    #[schema(min_length = 1, max_length = 128)]
    pub token: String,
}

/// FastAPI's deliberately simple `^[^@\s]+@[^@\s]+\.[^@\s]+$`: the real check is the
/// invitee receiving the e-mail.
fn looks_like_email(email: &str) -> bool {
    if email.chars().any(char::is_whitespace) {
        return false;
    }
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let domain: Vec<char> = domain.chars().collect();
    // A dot with at least one character on each side.
    let inner_dot = domain.len() >= 3 && domain[1..domain.len() - 1].contains(&'.');
    !local.is_empty() && !domain.contains(&'@') && inner_dot
}

fn read_email(value: &Value) -> Result<String, FieldError> {
    let email = text("email", value, 1, 320)?.to_lowercase();
    if !looks_like_email(&email) {
        return Err(value_error("email", "not a valid e-mail address"));
    }
    Ok(email)
}

/// Collect each field's result, then the body or every error at once.
fn required<T>(
    body: &serde_json::Map<String, Value>,
    field: &str,
    read: impl Fn(&Value) -> Result<T, FieldError>,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    match body.get(field) {
        None => {
            errors.push(FieldError::body(field, "Field required", "missing"));
            None
        }
        Some(value) => read(value).map_err(|error| errors.push(error)).ok(),
    }
}

impl FromJson for InvitationCreate {
    fn from_json(value: &Value) -> Result<Self, Vec<FieldError>> {
        let body = object(value)?;
        let mut errors = refuse_extra(body, &["email", "role"]);
        let email = required(body, "email", read_email, &mut errors);
        let role = match body.get("role") {
            None => Some(Role::Member),
            Some(role) => read_role("role", role).map_err(|error| errors.push(error)).ok(),
        };
        match (email, role) {
            (Some(email), Some(role)) if errors.is_empty() => Ok(Self { email, role }),
            _ => Err(errors),
        }
    }
}

impl FromJson for InvitationAccept {
    fn from_json(value: &Value) -> Result<Self, Vec<FieldError>> {
        let body = object(value)?;
        let mut errors = refuse_extra(body, &["token"]);
        let token = required(body, "token", |value| text("token", value, 1, 128), &mut errors);
        match token {
            Some(token) if errors.is_empty() => Ok(Self { token }),
            _ => Err(errors),
        }
    }
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_invitations, create_invitation))
        .routes(routes!(revoke_invitation))
        .routes(routes!(accept_invitation))
}

/// Pending invitations, oldest first, one page at a time.
#[utoipa::path(
    get,
    path = "/api/orgs/{org_id}/invitations",
    tag = "invitations",
    params(("org_id" = Uuid, Path), PageRequest),
    responses(
        (status = 200, description = "Successful Response", body = InvitationPage),
        SignedInErrors,
        OrgAccessErrors,
    ),
    security(("bearerAuth" = []))
)]
pub async fn list_invitations(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ids: PathIds,
    page: PageRequest,
) -> AppResult<Json<InvitationPage>> {
    let org_id = ids.get("org_id");
    let mut conn = state.db.acquire().await?;
    orgs::require_role(&mut conn, org_id, &user, Role::Admin).await?;
    drop(conn);
    let found = invitations::page_pending(&state.db, org_id, &page).await?;
    Ok(Json(InvitationPage::from(Page {
        items: found.items.iter().map(InvitationOut::from).collect(),
        next_cursor: found.next_cursor,
    })))
}

#[utoipa::path(
    post,
    path = "/api/orgs/{org_id}/invitations",
    tag = "invitations",
    params(("org_id" = Uuid, Path)),
    request_body = InvitationCreate,
    responses(
        (status = 201, description = "Successful Response", body = InvitationCreated),
        (status = 402, description = "The plan's member limit is reached; the detail names the plan", body = ErrorDetail),
        (status = 409, description = "Conflicts with the current state", body = ErrorDetail),
        SignedInErrors,
        OrgAccessErrors,
    ),
    security(("bearerAuth" = []))
)]
pub async fn create_invitation(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ids: PathIds,
    JsonBody(body): JsonBody<InvitationCreate>,
) -> AppResult<(StatusCode, Json<InvitationCreated>)> {
    let org_id = ids.get("org_id");
    let ttl_days = state.settings.invitation_ttl_days;
    let mut tx = state.db.begin().await?;
    let result = async {
        // Locked first: invitations of one organization are checked one after the other.
        orgs::lock(&mut tx, org_id).await?;
        let actor = orgs::require_role(&mut tx, org_id, &user, Role::Admin).await?;
        entitlements::require_member_seat(&mut tx, org_id).await?;
        invitations::create(&mut tx, &actor, &body.email, body.role, ttl_days).await
    }
    .await;
    let (invitation, token) = finish(tx, result).await?;
    Ok((StatusCode::CREATED, Json(InvitationCreated::new(&invitation, token))))
}

#[utoipa::path(
    delete,
    path = "/api/orgs/{org_id}/invitations/{invitation_id}",
    tag = "invitations",
    params(("org_id" = Uuid, Path), ("invitation_id" = Uuid, Path)),
    responses(
        (status = 204, description = "Successful Response"),
        (status = 409, description = "Conflicts with the current state", body = ErrorDetail),
        SignedInErrors,
        OrgAccessErrors,
    ),
    security(("bearerAuth" = []))
)]
pub async fn revoke_invitation(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ids: PathIds,
) -> AppResult<StatusCode> {
    let (org_id, invitation_id) = (ids.get("org_id"), ids.get("invitation_id"));
    let mut tx = state.db.begin().await?;
    let result = async {
        let actor = orgs::require_role(&mut tx, org_id, &user, Role::Admin).await?;
        invitations::revoke(&mut tx, &actor, invitation_id).await
    }
    .await;
    finish(tx, result).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Join with the link's token, taken from the body: a path would carry it into logs.
#[utoipa::path(
    post,
    path = "/api/invitations/accept",
    tag = "invitations",
    request_body = InvitationAccept,
    responses(
        (status = 200, description = "Successful Response", body = MemberOut),
        (status = 409, description = "Conflicts with the current state", body = ErrorDetail),
        (status = 410, description = "No longer valid", body = ErrorDetail),
        SignedInErrors,
        OrgAccessErrors,
    ),
    security(("bearerAuth" = []))
)]
pub async fn accept_invitation(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    JsonBody(body): JsonBody<InvitationAccept>,
) -> AppResult<Json<MemberOut>> {
    let mut tx = state.db.begin().await?;
    let result = invitations::accept(&mut tx, &user, &body.token).await;
    Ok(Json(finish(tx, result).await?.into()))
}

#[cfg(test)]
mod tests {
    use super::looks_like_email;

    #[test]
    fn an_email_needs_one_at_and_a_dot_inside_the_domain() {
        for good in ["a@b.co", "x.y@mail.example.org", "a@b.c"] {
            assert!(looks_like_email(good), "{good}");
        }
        for bad in [
            "not-an-email",
            "a@b",
            "@b.co",
            "a@.co",
            "a@b.",
            "a@@b.co",
            "a b@c.de",
            "a@b@c.de",
        ] {
            assert!(!looks_like_email(bad), "{bad}");
        }
    }
}
