//! The audit log: who did what to which organization. Entries are written inside the
//! transaction of the change they describe, so a rolled-back change leaves no entry.
//! Organization admins read it newest first; sign-ins (user-level entries, no
//! organization) are shown to the organizations the person belongs to, from the moment
//! they joined: what a member did before, or elsewhere, is private.

use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// Actions recorded without an organization that org admins still see for their members.
const MEMBER_ACTIONS: &[&str] = &["user.signed_in"];

/// One entry to record.
pub struct Entry<'a> {
    pub action: &'a str,
    pub actor_id: Option<Uuid>,
    pub organization_id: Option<Uuid>,
    pub target: Option<String>,
    pub metadata: Value,
}

/// Add `entry` to the log within the caller's transaction.
pub async fn record(conn: &mut PgConnection, entry: Entry<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log_entries (id, action, actor_id, organization_id, target, metadata) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(Uuid::new_v4())
    .bind(entry.action)
    .bind(entry.actor_id)
    .bind(entry.organization_id)
    .bind(entry.target)
    .bind(entry.metadata)
    .execute(conn)
    .await?;
    Ok(())
}

/// An entry as listed.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Recorded {
    pub id: Uuid,
    pub action: String,
    pub actor_id: Option<Uuid>,
    pub target: Option<String>,
    pub metadata: Value,
    pub created_at: DateTime<Utc>,
}

/// One page, newest first: the org's entries and its members' sign-ins since joining,
/// older than the entry `before` (none for an unknown id), and the id to pass as
/// `before` for the next page.
pub async fn list_for_org(
    db: &PgPool,
    org_id: Uuid,
    limit: i64,
    before: Option<Uuid>,
) -> Result<(Vec<Recorded>, Option<Uuid>), sqlx::Error> {
    let mut rows: Vec<Recorded> = sqlx::query_as(
        "SELECT e.id, e.action, e.actor_id, e.target, e.metadata, e.created_at \
         FROM audit_log_entries e \
         WHERE (e.organization_id = $1 OR (e.organization_id IS NULL AND e.action = ANY($2) \
                AND EXISTS (SELECT 1 FROM memberships m WHERE m.organization_id = $1 \
                            AND m.user_id = e.actor_id AND m.created_at <= e.created_at))) \
         AND ($3::uuid IS NULL OR (e.created_at, e.id) < \
              (SELECT c.created_at, c.id FROM audit_log_entries c WHERE c.id = $3)) \
         ORDER BY e.created_at DESC, e.id DESC LIMIT $4",
    )
    .bind(org_id)
    .bind(MEMBER_ACTIONS)
    .bind(before)
    .bind(limit + 1)
    .fetch_all(db)
    .await?;
    let next_before = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|row| row.id)
    } else {
        None
    };
    Ok((rows, next_before))
}
