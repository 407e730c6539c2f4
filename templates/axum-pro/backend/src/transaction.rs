//! Ending a transaction explicitly. Dropping an open sqlx transaction only queues its
//! ROLLBACK until the connection is next used, so the row locks it holds (an
//! organization's `FOR NO KEY UPDATE`) would outlive a refused request. `finish` commits
//! on success and rolls back on failure, before the answer goes out.

use sqlx::{Postgres, Transaction};

use crate::error::AppError;

/// Commit when `result` is Ok, else roll back; then hand `result` on.
pub async fn finish<T>(tx: Transaction<'_, Postgres>, result: Result<T, AppError>) -> Result<T, AppError> {
    match result {
        Ok(value) => {
            tx.commit().await?;
            Ok(value)
        }
        Err(error) => {
            tx.rollback().await?;
            Err(error)
        }
    }
}
