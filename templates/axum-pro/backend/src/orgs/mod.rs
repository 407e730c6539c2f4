//! Organizations and memberships: creation, roles and the rules that guard them.
//!
//! The interface is small on purpose: callers (routes, invitations, billing, flags) ask
//! for a caller's membership with `require_role`/`member_role`, and change memberships
//! only through `members`. Every change takes the organization's row lock first
//! (`lock`), so rules that count owners see the count the previous change left.

mod members;
mod role;
mod slug;

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::audit::{self, Entry};
use crate::error::AppError;
use crate::pagination::{Keyset, Page, PageRequest};
use crate::transaction::finish;
use crate::users::User;

pub use members::{change_role, remove_member};
pub use role::Role;

/// A row of `organizations`.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Organization {
    pub id: Uuid,
    pub name: String,
    pub slug: String,
    pub plan: String,
    pub subscription_status: String,
    pub billing_customer_id: Option<String>,
    pub billing_subscription_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A row of `memberships`, its role read.
#[derive(Debug, Clone)]
pub struct Membership {
    pub id: Uuid,
    pub organization_id: Uuid,
    pub user_id: Uuid,
    pub role: Role,
    pub created_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct MembershipRow {
    id: Uuid,
    organization_id: Uuid,
    user_id: Uuid,
    role: String,
    created_at: DateTime<Utc>,
}

impl From<MembershipRow> for Membership {
    fn from(row: MembershipRow) -> Self {
        Self {
            id: row.id,
            organization_id: row.organization_id,
            user_id: row.user_id,
            // The column only ever holds the three roles; an unknown one grants the least.
            role: Role::parse(&row.role).unwrap_or(Role::Member),
            created_at: row.created_at,
        }
    }
}

/// Outsiders get the same answer for an org that exists and one that does not.
pub fn not_found() -> AppError {
    AppError::not_found("organization not found")
}

/// `user_id`'s membership of `org_id`, if any.
pub async fn get_membership(
    conn: &mut PgConnection,
    org_id: Uuid,
    user_id: Uuid,
) -> Result<Option<Membership>, sqlx::Error> {
    let row: Option<MembershipRow> = sqlx::query_as(
        "SELECT id, organization_id, user_id, role, created_at FROM memberships \
         WHERE organization_id = $1 AND user_id = $2",
    )
    .bind(org_id)
    .bind(user_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(Membership::from))
}

/// The role `user_id` holds in `org_id`, or `None` for a non-member (or no such org).
/// For other modules (flags, billing) that only need to know who belongs.
pub async fn member_role(db: &PgPool, org_id: Uuid, user_id: Uuid) -> Result<Option<Role>, sqlx::Error> {
    let mut conn = db.acquire().await?;
    Ok(get_membership(&mut conn, org_id, user_id).await?.map(|m| m.role))
}

/// The caller's membership: 404 when not a member, 403 when the role is too low.
pub async fn require_role(
    conn: &mut PgConnection,
    org_id: Uuid,
    user: &User,
    minimum: Role,
) -> Result<Membership, AppError> {
    let membership = get_membership(conn, org_id, user.id).await?.ok_or_else(not_found)?;
    if !membership.role.at_least(minimum) {
        return Err(AppError::forbidden(format!("requires the {minimum} role")));
    }
    Ok(membership)
}

/// Hold the organization's row lock until the transaction ends. FOR NO KEY UPDATE: it
/// still lets others insert rows that reference the org.
pub async fn lock(conn: &mut PgConnection, org_id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT id FROM organizations WHERE id = $1 FOR NO KEY UPDATE")
        .bind(org_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn get(conn: &mut PgConnection, org_id: Uuid) -> Result<Organization, AppError> {
    sqlx::query_as("SELECT * FROM organizations WHERE id = $1")
        .bind(org_id)
        .fetch_optional(conn)
        .await?
        .ok_or_else(not_found)
}

/// Insert under the name's slug, or the slug plus a random suffix when taken.
///
/// INSERT ... ON CONFLICT DO NOTHING rather than "check, then insert": two requests
/// creating "Acme" at once would both find `acme` free and one would fail on the unique
/// index. Here the second waits for the first and then takes a suffix.
async fn insert_with_free_slug(conn: &mut PgConnection, name: &str) -> Result<Organization, sqlx::Error> {
    let base = slug::slugify(name);
    let mut candidate = base.clone();
    loop {
        let inserted: Option<Organization> = sqlx::query_as(
            "INSERT INTO organizations (id, name, slug) VALUES ($1, $2, $3) \
             ON CONFLICT (slug) DO NOTHING RETURNING *",
        )
        .bind(Uuid::new_v4())
        .bind(name)
        .bind(&candidate)
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(org) = inserted {
            return Ok(org);
        }
        candidate = slug::with_suffix(&base);
    }
}

/// A new organization with `owner` as its owner, audited.
pub async fn create(db: &PgPool, owner: &User, name: &str) -> Result<Organization, AppError> {
    let mut tx = db.begin().await?;
    let org = insert_with_free_slug(&mut tx, name).await?;
    sqlx::query("INSERT INTO memberships (id, organization_id, user_id, role) VALUES ($1, $2, $3, 'owner')")
        .bind(Uuid::new_v4())
        .bind(org.id)
        .bind(owner.id)
        .execute(&mut *tx)
        .await?;
    let entry = Entry {
        action: "org.created",
        actor_id: Some(owner.id),
        organization_id: Some(org.id),
        target: Some(name.into()),
        metadata: json!({}),
    };
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(org)
}

/// Rename the organization (admin or owner), audited with the previous name.
pub async fn rename(db: &PgPool, user: &User, org_id: Uuid, name: &str) -> Result<(Organization, Role), AppError> {
    let mut tx = db.begin().await?;
    let result = rename_in(&mut tx, user, org_id, name).await;
    finish(tx, result).await
}

async fn rename_in(
    conn: &mut PgConnection,
    user: &User,
    org_id: Uuid,
    name: &str,
) -> Result<(Organization, Role), AppError> {
    let membership = require_role(conn, org_id, user, Role::Admin).await?;
    let previous = get(conn, org_id).await?;
    let org: Organization =
        sqlx::query_as("UPDATE organizations SET name = $2, updated_at = now() WHERE id = $1 RETURNING *")
            .bind(org_id)
            .bind(name)
            .fetch_one(&mut *conn)
            .await?;
    let entry = Entry {
        action: "org.updated",
        actor_id: Some(user.id),
        organization_id: Some(org_id),
        target: Some(name.into()),
        metadata: json!({ "previous_name": previous.name }),
    };
    audit::record(conn, entry).await?;
    Ok((org, membership.role))
}

/// Delete the organization and, by cascade, its memberships, invitations and log.
pub async fn delete(conn: &mut PgConnection, org_id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM organizations WHERE id = $1")
        .bind(org_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// A member as listed: the membership with its user's public fields.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberRow {
    pub membership_id: Uuid,
    pub user_id: Uuid,
    pub email: Option<String>,
    pub name: Option<String>,
    pub role: String,
    pub joined_at: DateTime<Utc>,
}

/// One member of `org_id` by user id (after a change), if still a member.
pub async fn member(conn: &mut PgConnection, org_id: Uuid, user_id: Uuid) -> Result<Option<MemberRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT m.id AS membership_id, u.id AS user_id, u.email, u.name, m.role, m.created_at AS joined_at \
         FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1 AND m.user_id = $2",
    )
    .bind(org_id)
    .bind(user_id)
    .fetch_optional(conn)
    .await
}

/// Oldest first: organizations by creation, members by the time they joined.
const ORGS: Keyset<(DateTime<Utc>, Uuid)> = Keyset::new("orgs");
const MEMBERS: Keyset<(DateTime<Utc>, Uuid)> = Keyset::new("members");

#[derive(sqlx::FromRow)]
struct OrgWithRole {
    #[sqlx(flatten)]
    org: Organization,
    member_role: String,
}

/// One page of the user's organizations with the user's role in each.
pub async fn list_for_user(
    db: &PgPool,
    user: &User,
    page: &PageRequest,
) -> Result<Page<(Organization, Role)>, AppError> {
    let after = ORGS.after(page)?;
    let rows: Vec<OrgWithRole> = sqlx::query_as(
        "SELECT o.*, m.role AS member_role FROM organizations o \
         JOIN memberships m ON m.organization_id = o.id \
         WHERE m.user_id = $1 AND ($2::timestamptz IS NULL OR (o.created_at, o.id) > ($2, $3)) \
         ORDER BY o.created_at, o.id LIMIT $4",
    )
    .bind(user.id)
    .bind(after.map(|key| key.0))
    .bind(after.map(|key| key.1))
    .bind(page.fetch_limit())
    .fetch_all(db)
    .await?;
    let found = ORGS.page(page, rows, |row| (row.org.created_at, row.org.id));
    Ok(Page {
        items: found
            .items
            .into_iter()
            .map(|row| (row.org, Role::parse(&row.member_role).unwrap_or(Role::Member)))
            .collect(),
        next_cursor: found.next_cursor,
    })
}

/// One page of the organization's members, in the order they joined.
pub async fn list_members(db: &PgPool, org_id: Uuid, page: &PageRequest) -> Result<Page<MemberRow>, AppError> {
    let after = MEMBERS.after(page)?;
    let rows: Vec<MemberRow> = sqlx::query_as(
        "SELECT m.id AS membership_id, u.id AS user_id, u.email, u.name, m.role, m.created_at AS joined_at \
         FROM memberships m JOIN users u ON u.id = m.user_id \
         WHERE m.organization_id = $1 AND ($2::timestamptz IS NULL OR (m.created_at, m.id) > ($2, $3)) \
         ORDER BY m.created_at, m.id LIMIT $4",
    )
    .bind(org_id)
    .bind(after.map(|key| key.0))
    .bind(after.map(|key| key.1))
    .bind(page.fetch_limit())
    .fetch_all(db)
    .await?;
    Ok(MEMBERS.page(page, rows, |row| (row.joined_at, row.membership_id)))
}

/// Delete the organizations `user` owns with no other owner: they go with the account
/// (called before the user row is deleted; other organizations only lose the membership).
pub async fn delete_sole_owned(conn: &mut PgConnection, user: &User) -> Result<(), sqlx::Error> {
    sqlx::query(
        "DELETE FROM organizations WHERE id IN \
         (SELECT organization_id FROM memberships WHERE user_id = $1 AND role = 'owner') \
         AND id NOT IN (SELECT organization_id FROM memberships WHERE user_id <> $1 AND role = 'owner')",
    )
    .bind(user.id)
    .execute(conn)
    .await?;
    Ok(())
}
