//! Ending a subscription before what it bills is deleted (account deletion).
//!
//! A deleted account must not go on paying. Two designs were possible: refuse the deletion
//! (409) while a subscription is live, or cancel it at the provider first. Refusing would
//! keep a customer who asked to leave billed and blocked until the period ends, and
//! deleting before cancelling would leave a subscription nobody can reach any more. So the
//! subscription is cancelled at the provider first, immediately; if that fails, the request
//! answers 502 and nothing is deleted, so the customer can simply retry. A cancellation
//! that succeeded is written down at once (status `canceled`), so a retry does not ask the
//! provider twice.

use axum::http::StatusCode;

use super::plans::{FREE_PLAN, is_live};
use super::provider::BillingProvider;
use crate::error::AppError;
use crate::users::User;

pub const CANCEL_FAILED: &str =
    "the subscription could not be cancelled at the payment provider; nothing was deleted, try again later";

/// Cancel the user's live subscription at the provider; 502 when the provider fails.
pub async fn cancel_live(db: &sqlx::PgPool, provider: &dyn BillingProvider, owner: &User) -> Result<(), AppError> {
    let Some(subscription_id) = owner.billing_subscription_id.as_deref() else {
        return Ok(());
    };
    if !is_live(&owner.subscription_status) {
        return Ok(());
    }
    provider.cancel_subscription(subscription_id).await.map_err(|error| {
        tracing::warn!(%error, "cancelling the subscription failed");
        AppError::new(StatusCode::BAD_GATEWAY, CANCEL_FAILED)
    })?;
    sqlx::query("UPDATE users SET plan = $2, subscription_status = 'canceled', updated_at = now() WHERE id = $1")
        .bind(owner.id)
        .bind(FREE_PLAN.as_str())
        .execute(db)
        .await?;
    Ok(())
}
