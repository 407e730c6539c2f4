//! Feature flags: their evaluation for a user (and an organization) and their storage, the
//! rules of the FastAPI backend's `services/flags.py`, so a user sees the same flags
//! whichever backend answers.
//!
//! Evaluation order: a user override wins, then an org override, then `enabled` and the
//! percentage rollout. A user is in the rollout when sha256("<key>:<user_id>"), its first
//! four bytes read as a big-endian integer, modulo 100, is below `rollout_percentage`:
//! stable per user and flag, the same in every process and in both backends.
//!
//! Writes are single statements (INSERT ... ON CONFLICT DO UPDATE, DELETE), so two
//! administrators setting the same flag or override at once both succeed and one row remains.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};
use sqlx::{FromRow, PgPool};
use uuid::Uuid;

use crate::pagination::{Keyset, Page, PageRequest};

/// By key, which is unique.
pub const FLAGS: Keyset<String> = Keyset::accepting("flags", |key| is_flag_key(key));

/// `^[a-z0-9][a-z0-9_.-]{0,99}$`: what a flag key may be (FastAPI's KEY_PATTERN).
pub const KEY_PATTERN: &str = "^[a-z0-9][a-z0-9_.-]{0,99}$";

pub fn is_flag_key(key: &str) -> bool {
    let mut chars = key.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && key.len() <= 100
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '.' | '-'))
}

/// A stored flag.
#[derive(Debug, Clone, FromRow)]
pub struct FlagRow {
    pub id: Uuid,
    pub key: String,
    pub description: String,
    pub enabled: bool,
    pub rollout_percentage: i32,
}

/// One forced value: for a user or (exactly one of the two) an organization.
#[derive(Debug, Clone, FromRow)]
pub struct FlagOverride {
    pub flag_id: Uuid,
    pub user_id: Option<Uuid>,
    pub organization_id: Option<Uuid>,
    pub enabled: bool,
}

/// A flag with its overrides (all of them, or those of one user and org).
#[derive(Debug, Clone)]
pub struct StoredFlag {
    pub flag: FlagRow,
    pub overrides: Vec<FlagOverride>,
}

/// The user's rollout bucket for a flag, 0..100.
pub fn bucket(key: &str, user_id: Uuid) -> u32 {
    let digest = Sha256::digest(format!("{key}:{user_id}").as_bytes());
    u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]) % 100
}

pub fn evaluate(stored: &StoredFlag, user_id: Uuid, org_id: Option<Uuid>) -> bool {
    let forced =
        |matches: &dyn Fn(&FlagOverride) -> bool| stored.overrides.iter().find(|o| matches(o)).map(|o| o.enabled);
    if let Some(enabled) = forced(&|o| o.user_id == Some(user_id)) {
        return enabled;
    }
    if let Some(org_id) = org_id
        && let Some(enabled) = forced(&|o| o.organization_id == Some(org_id))
    {
        return enabled;
    }
    let flag = &stored.flag;
    flag.enabled && i64::from(bucket(&flag.key, user_id)) < i64::from(flag.rollout_percentage)
}

const FLAG_COLUMNS: &str = "id, key, description, enabled, rollout_percentage";
const OVERRIDE_COLUMNS: &str = "flag_id, user_id, organization_id, enabled";

/// Every flag's value for the user (in the org, when given), by key.
pub async fn evaluate_all(db: &PgPool, user_id: Uuid, org_id: Option<Uuid>) -> sqlx::Result<BTreeMap<String, bool>> {
    let flags: Vec<FlagRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {FLAG_COLUMNS} FROM feature_flags ORDER BY key"
    )))
    .fetch_all(db)
    .await?;
    let overrides: Vec<FlagOverride> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {OVERRIDE_COLUMNS} FROM feature_flag_overrides WHERE user_id = $1 OR organization_id = $2"
    )))
    .bind(user_id)
    .bind(org_id)
    .fetch_all(db)
    .await?;
    Ok(with_overrides(flags, overrides)
        .into_iter()
        .map(|stored| (stored.flag.key.clone(), evaluate(&stored, user_id, org_id)))
        .collect())
}

/// One page of every flag, by key.
pub async fn page_flags(db: &PgPool, page: &PageRequest) -> crate::AppResult<Page<StoredFlag>> {
    let after = FLAGS.after(page)?;
    let flags: Vec<FlagRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {FLAG_COLUMNS} FROM feature_flags WHERE ($1::text IS NULL OR key > $1) ORDER BY key LIMIT $2"
    )))
    .bind(after)
    .bind(page.fetch_limit())
    .fetch_all(db)
    .await?;
    let ids: Vec<Uuid> = flags.iter().map(|flag| flag.id).collect();
    let overrides = overrides_of(db, &ids).await?;
    Ok(FLAGS.page(page, with_overrides(flags, overrides), |stored| stored.flag.key.clone()))
}

pub async fn get_flag(db: &PgPool, key: &str) -> sqlx::Result<Option<StoredFlag>> {
    let flag: Option<FlagRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {FLAG_COLUMNS} FROM feature_flags WHERE key = $1"
    )))
    .bind(key)
    .fetch_optional(db)
    .await?;
    let Some(flag) = flag else {
        return Ok(None);
    };
    let overrides = overrides_of(db, &[flag.id]).await?;
    Ok(Some(StoredFlag { flag, overrides }))
}

/// What a PUT of a flag sets; `description: None` keeps the stored one ('' for a new flag).
#[derive(Debug, Clone, PartialEq)]
pub struct FlagUpsert {
    pub description: Option<String>,
    pub enabled: bool,
    pub rollout_percentage: i32,
}

/// Create or change the flag in one INSERT ... ON CONFLICT DO UPDATE: "read, then insert
/// if missing" lets two first PUTs of a key both insert and one fail on the unique key;
/// here both succeed and the last one's values win.
pub async fn upsert(db: &PgPool, key: &str, values: &FlagUpsert) -> sqlx::Result<StoredFlag> {
    sqlx::query(
        "INSERT INTO feature_flags (id, key, description, enabled, rollout_percentage)
         VALUES ($1, $2, COALESCE($3, ''), $4, $5)
         ON CONFLICT (key) DO UPDATE SET
             description = COALESCE($3, feature_flags.description),
             enabled = EXCLUDED.enabled,
             rollout_percentage = EXCLUDED.rollout_percentage,
             updated_at = now()",
    )
    .bind(Uuid::new_v4())
    .bind(key)
    .bind(&values.description)
    .bind(values.enabled)
    .bind(values.rollout_percentage)
    .execute(db)
    .await?;
    reload(db, key).await
}

/// Whose override: a user or an organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    User(Uuid),
    Organization(Uuid),
}

impl Subject {
    fn column(self) -> (&'static str, Uuid) {
        match self {
            Self::User(id) => ("user_id", id),
            Self::Organization(id) => ("organization_id", id),
        }
    }

    /// Whether the user or organization exists.
    pub async fn exists(self, db: &PgPool) -> sqlx::Result<bool> {
        let table = match self {
            Self::User(_) => "users",
            Self::Organization(_) => "organizations",
        };
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT EXISTS (SELECT 1 FROM {table} WHERE id = $1)"
        )))
        .bind(self.column().1)
        .fetch_one(db)
        .await
    }
}

/// Create, change or (with `enabled: None`) remove one override, in one statement each.
pub async fn set_override(
    db: &PgPool,
    stored: &StoredFlag,
    subject: Subject,
    enabled: Option<bool>,
) -> sqlx::Result<StoredFlag> {
    let (column, id) = subject.column();
    let sql = match enabled {
        None => format!("DELETE FROM feature_flag_overrides WHERE flag_id = $1 AND {column} = $2"),
        Some(_) => format!(
            "INSERT INTO feature_flag_overrides (id, flag_id, {column}, enabled) VALUES ($3, $1, $2, $4)
             ON CONFLICT (flag_id, {column}) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()"
        ),
    };
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(stored.flag.id).bind(id);
    if let Some(enabled) = enabled {
        query = query.bind(Uuid::new_v4()).bind(enabled);
    }
    query.execute(db).await?;
    reload(db, &stored.flag.key).await
}

async fn reload(db: &PgPool, key: &str) -> sqlx::Result<StoredFlag> {
    get_flag(db, key).await?.ok_or(sqlx::Error::RowNotFound)
}

async fn overrides_of(db: &PgPool, flag_ids: &[Uuid]) -> sqlx::Result<Vec<FlagOverride>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {OVERRIDE_COLUMNS} FROM feature_flag_overrides WHERE flag_id = ANY($1) ORDER BY created_at, id"
    )))
    .bind(flag_ids)
    .fetch_all(db)
    .await
}

fn with_overrides(flags: Vec<FlagRow>, overrides: Vec<FlagOverride>) -> Vec<StoredFlag> {
    flags
        .into_iter()
        .map(|flag| StoredFlag {
            overrides: overrides.iter().filter(|o| o.flag_id == flag.id).cloned().collect(),
            flag,
        })
        .collect()
}
