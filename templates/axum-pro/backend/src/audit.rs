//! The audit log: who did what to which organization. Entries are written inside the
//! transaction of the change they describe, so a rolled-back change leaves no entry.

use serde_json::Value;
use sqlx::PgConnection;
use uuid::Uuid;

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
