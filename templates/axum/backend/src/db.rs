//! The database pool and the embedded migrations.
//!
//! The pool connects lazily: the server starts without a database and `GET /api/health`
//! answers 503 until it is back. Migrations are `migrations/NNNN_name.sql`, compiled into
//! the binary (`server migrate` applies them).

use std::time::Duration;

use sqlx::PgPool;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

/// Every migration of `migrations/`, in file-name order.
pub static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// How long a request waits for a free connection before failing.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// A pool of at most `size` connections (DB_POOL_SIZE) for these options; no connection
/// is made until one is needed. sqlx tests a pooled connection before handing it out, so
/// a database restart fails no request.
pub fn pool(options: PgConnectOptions, size: u32) -> PgPool {
    PgPoolOptions::new()
        .max_connections(size)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_lazy_with(options)
}

/// The options of a `postgresql://` URL. asyncpg's `ssl=require` (what the FastAPI backend
/// reads) is taken as `sslmode=require`, so one DATABASE_URL serves either backend.
pub fn connect_options(database_url: &str) -> Result<PgConnectOptions, sqlx::Error> {
    with_sslmode(database_url).parse()
}

/// The URL with an `ssl=` query parameter renamed `sslmode=` (unless `sslmode` is set).
pub fn with_sslmode(database_url: &str) -> String {
    let Ok(mut url) = reqwest::Url::parse(database_url) else {
        return database_url.to_string();
    };
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if !pairs.iter().any(|(k, _)| k == "ssl") || pairs.iter().any(|(k, _)| k == "sslmode") {
        return database_url.to_string();
    }
    url.query_pairs_mut().clear().extend_pairs(
        pairs
            .iter()
            .map(|(k, v)| (if k == "ssl" { "sslmode" } else { k.as_str() }, v.as_str())),
    );
    url.to_string()
}

/// The migrations of `migrations/` that the database lacks, or holds in another version
/// (checksum), by name; empty when it is up to date.
pub async fn unapplied_migrations(pool: &PgPool) -> Result<Vec<String>, sqlx::Error> {
    let exists: bool = sqlx::query_scalar("SELECT to_regclass('_sqlx_migrations') IS NOT NULL")
        .fetch_one(pool)
        .await?;
    let applied: Vec<(i64, Vec<u8>)> = if exists {
        sqlx::query_as("SELECT version, checksum FROM _sqlx_migrations WHERE success")
            .fetch_all(pool)
            .await?
    } else {
        Vec::new()
    };
    Ok(MIGRATOR
        .iter()
        .filter(|migration| !migration.migration_type.is_down_migration())
        .filter_map(
            |migration| match applied.iter().find(|(version, _)| *version == migration.version) {
                None => Some(format!("{} {} not applied", migration.version, migration.description)),
                Some((_, checksum)) if checksum.as_slice() != migration.checksum.as_ref() => Some(format!(
                    "{} {} changed since it was applied",
                    migration.version, migration.description
                )),
                Some(_) => None,
            },
        )
        .collect())
}

/// One line naming the fix for the usual reasons a database cannot be used, or None.
pub fn explain(error: &sqlx::Error, database_url: &str) -> Option<String> {
    let target = redacted(database_url);
    match error {
        sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut => Some(format!(
            "cannot connect to PostgreSQL at {target}: is it running? (`make db` starts one)"
        )),
        sqlx::Error::Database(db) => match db.code().as_deref() {
            Some("3D000") => Some(format!(
                "database missing at {target}: create it (`make db`) or fix DATABASE_URL"
            )),
            Some("28P01" | "28000") => Some(format!("PostgreSQL refused the login for {target}: check DATABASE_URL")),
            Some("42P01") => Some("a table is missing: run `make migrate`".to_string()),
            _ => None,
        },
        _ => None,
    }
}

/// The URL without its password, for log lines.
pub fn redacted(database_url: &str) -> String {
    match reqwest::Url::parse(database_url) {
        Ok(mut url) => {
            if url.password().is_some() {
                let _ = url.set_password(Some("***"));
            }
            url.to_string()
        }
        Err(_) => "DATABASE_URL".to_string(),
    }
}
