//! Invitations: an admin invites an e-mail address with a role; the invitee joins with the
//! token. The token is shown once, to the admin who creates it, and stored only as its
//! SHA-256, so a leaked database cannot be used to join an organization.
//!
//! The rules (and answers) are FastAPI's `app/services/invitations.py`. Callers run each
//! function inside one transaction and end it with `transaction::finish`.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::{PgConnection, PgPool};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::audit::{self, Entry};
use crate::error::AppError;
use crate::orgs::{self, MemberRow, Membership, Role};
use crate::pagination::{Keyset, Page, PageRequest};
use crate::users::User;

/// An invitation's state as shown; `expired` is never stored (a pending one past expiry).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum InvitationStatus {
    Pending,
    Accepted,
    Revoked,
    Expired,
}

/// A row of `invitations`.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Invitation {
    pub id: Uuid,
    pub organization_id: Uuid,
    pub email: String,
    role: String,
    status: String,
    pub expires_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

impl Invitation {
    pub fn role(&self) -> Role {
        // The column only ever holds the three roles; an unknown one grants the least.
        Role::parse(&self.role).unwrap_or(Role::Member)
    }

    /// The stored status, or `Expired` for a pending invitation past its expiry.
    pub fn status(&self) -> InvitationStatus {
        match self.status.as_str() {
            "accepted" => InvitationStatus::Accepted,
            "revoked" => InvitationStatus::Revoked,
            _ if self.expires_at <= Utc::now() => InvitationStatus::Expired,
            _ => InvitationStatus::Pending,
        }
    }
}

/// Oldest first (FastAPI's keyset name, so cursors are interchangeable).
const PENDING: Keyset<(DateTime<Utc>, Uuid)> = Keyset::new("invitations");

/// The hex SHA-256 of a token: what `token_hash` holds (FastAPI's `hexdigest()`).
pub fn hash_token(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// 32 random bytes (two v4 UUIDs, from the OS generator), URL-safe base64: 43 characters.
fn new_token() -> String {
    let mut bytes = [0u8; 32];
    bytes[..16].copy_from_slice(Uuid::new_v4().as_bytes());
    bytes[16..].copy_from_slice(Uuid::new_v4().as_bytes());
    URL_SAFE_NO_PAD.encode(bytes)
}

fn not_found() -> AppError {
    AppError::not_found("invitation not found")
}

/// One page of the organization's pending, unexpired invitations.
pub async fn page_pending(db: &PgPool, org_id: Uuid, page: &PageRequest) -> Result<Page<Invitation>, AppError> {
    let after = PENDING.after(page)?;
    let rows: Vec<Invitation> = sqlx::query_as(
        "SELECT * FROM invitations \
         WHERE organization_id = $1 AND status = 'pending' AND expires_at > now() \
         AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3)) \
         ORDER BY created_at, id LIMIT $4",
    )
    .bind(org_id)
    .bind(after.map(|key| key.0))
    .bind(after.map(|key| key.1))
    .bind(page.fetch_limit())
    .fetch_all(db)
    .await?;
    Ok(PENDING.page(page, rows, |row| (row.created_at, row.id)))
}

/// A verified member of `org_id` already uses `email` (an unverified claim blocks nothing).
async fn is_member_email(conn: &mut PgConnection, org_id: Uuid, email: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id \
         WHERE m.organization_id = $1 AND lower(u.email) = $2 AND u.email_verified)",
    )
    .bind(org_id)
    .bind(email)
    .fetch_one(conn)
    .await
}

async fn is_pending(conn: &mut PgConnection, org_id: Uuid, email: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM invitations WHERE organization_id = $1 AND email = $2 \
         AND status = 'pending' AND expires_at > now())",
    )
    .bind(org_id)
    .bind(email)
    .fetch_one(conn)
    .await
}

/// A pending invitation of `email` (lower-cased) and its token, audited. The caller holds
/// the organization's row lock, so two invitations of one address cannot both pass.
pub async fn create(
    conn: &mut PgConnection,
    actor: &Membership,
    email: &str,
    role: Role,
    ttl_days: i64,
) -> Result<(Invitation, String), AppError> {
    let org_id = actor.organization_id;
    if role == Role::Owner && actor.role != Role::Owner {
        return Err(AppError::forbidden("only an owner can invite owners"));
    }
    if is_member_email(conn, org_id, email).await? {
        return Err(AppError::conflict("already a member"));
    }
    if is_pending(conn, org_id, email).await? {
        return Err(AppError::conflict("already invited"));
    }
    let token = new_token();
    let invitation: Invitation = sqlx::query_as(
        "INSERT INTO invitations (id, organization_id, email, role, token_hash, invited_by_id, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *",
    )
    .bind(Uuid::new_v4())
    .bind(org_id)
    .bind(email)
    .bind(role.as_str())
    .bind(hash_token(&token))
    .bind(actor.user_id)
    .bind(Utc::now() + Duration::days(ttl_days))
    .fetch_one(&mut *conn)
    .await?;
    let entry = Entry {
        action: "invitation.created",
        actor_id: Some(actor.user_id),
        organization_id: Some(org_id),
        target: Some(email.into()),
        metadata: json!({ "role": role.as_str() }),
    };
    audit::record(conn, entry).await?;
    Ok((invitation, token))
}

/// Revoke a pending invitation of the actor's organization (an expired one too), audited.
pub async fn revoke(conn: &mut PgConnection, actor: &Membership, invitation_id: Uuid) -> Result<(), AppError> {
    let invitation: Invitation =
        sqlx::query_as("SELECT * FROM invitations WHERE id = $1 AND organization_id = $2 FOR UPDATE")
            .bind(invitation_id)
            .bind(actor.organization_id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(not_found)?;
    if invitation.status != "pending" {
        return Err(AppError::conflict("invitation is no longer pending"));
    }
    sqlx::query("UPDATE invitations SET status = 'revoked', updated_at = now() WHERE id = $1")
        .bind(invitation.id)
        .execute(&mut *conn)
        .await?;
    let entry = Entry {
        action: "invitation.revoked",
        actor_id: Some(actor.user_id),
        organization_id: Some(invitation.organization_id),
        target: Some(invitation.email),
        metadata: json!({}),
    };
    audit::record(conn, entry).await?;
    Ok(())
}

/// Why `user` may not accept `invitation`, checked in FastAPI's order.
fn refusal(invitation: &Invitation, user: &User) -> Option<AppError> {
    match invitation.status() {
        InvitationStatus::Accepted => return Some(AppError::conflict("invitation already accepted")),
        InvitationStatus::Revoked | InvitationStatus::Expired => {
            return Some(AppError::new(
                axum::http::StatusCode::GONE,
                "invitation expired or revoked",
            ));
        }
        InvitationStatus::Pending => {}
    }
    if user.email.as_deref().map(str::to_lowercase).as_deref() != Some(invitation.email.as_str()) {
        return Some(AppError::forbidden("invitation was sent to another e-mail address"));
    }
    // Only a provider-verified address proves the invitee received the invitation.
    if !user.email_verified {
        return Some(AppError::forbidden("verify your e-mail address to accept invitations"));
    }
    None
}

/// Join with the invited role, once: 409 when already used or already a member.
///
/// The invitation's row is locked (FOR UPDATE) until the commit, so of two accepts at once
/// the second sees it accepted; the membership insert skips a row a concurrent request
/// added, so neither answers with a unique-constraint error.
pub async fn accept(conn: &mut PgConnection, user: &User, token: &str) -> Result<MemberRow, AppError> {
    let invitation: Invitation = sqlx::query_as("SELECT * FROM invitations WHERE token_hash = $1 FOR UPDATE")
        .bind(hash_token(token))
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(not_found)?;
    if let Some(error) = refusal(&invitation, user) {
        return Err(error);
    }
    let org_id = invitation.organization_id;
    if orgs::get_membership(conn, org_id, user.id).await?.is_some() {
        return Err(AppError::conflict("already a member"));
    }
    let inserted: Option<Uuid> = sqlx::query_scalar(
        "INSERT INTO memberships (id, organization_id, user_id, role) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (organization_id, user_id) DO NOTHING RETURNING id",
    )
    .bind(Uuid::new_v4())
    .bind(org_id)
    .bind(user.id)
    .bind(invitation.role().as_str())
    .fetch_optional(&mut *conn)
    .await?;
    if inserted.is_none() {
        // Joined through another invitation a moment ago.
        return Err(AppError::conflict("already a member"));
    }
    sqlx::query("UPDATE invitations SET status = 'accepted', accepted_at = now(), updated_at = now() WHERE id = $1")
        .bind(invitation.id)
        .execute(&mut *conn)
        .await?;
    let entry = Entry {
        action: "invitation.accepted",
        actor_id: Some(user.id),
        organization_id: Some(org_id),
        target: Some(invitation.email.clone()),
        metadata: json!({ "role": invitation.role().as_str() }),
    };
    audit::record(conn, entry).await?;
    orgs::member(conn, org_id, user.id).await?.ok_or_else(orgs::not_found)
}
