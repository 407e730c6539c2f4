//! Ending subscriptions before what they bill is deleted (account and organization
//! deletion).
//!
//! A deleted account or organization must not go on paying. Two designs were possible:
//! refuse the deletion (409) while a subscription is live, or cancel it at the provider
//! first. Refusing would keep a customer who asked to leave billed and blocked until the
//! period ends, and deleting before cancelling would leave a subscription nobody can reach
//! any more. So the subscription is cancelled at the provider first, immediately; if that
//! fails, the request answers 502 and nothing is deleted, so the customer can simply retry.
//! Each cancellation that succeeded is written down at once (status `canceled`), so a
//! retry does not ask the provider twice.

use axum::http::StatusCode;

use super::owner::{self, Owner};
use super::plans::is_live;
use super::provider::BillingProvider;
use crate::error::AppError;
use crate::users::User;

pub const CANCEL_FAILED: &str =
    "the subscription could not be cancelled at the payment provider; nothing was deleted, try again later";

/// Cancel every live subscription of `owners` at the provider; 502 when the provider fails.
pub async fn cancel_all(db: &sqlx::PgPool, provider: &dyn BillingProvider, owners: &[Owner]) -> Result<(), AppError> {
    for owner in owners {
        let Some(subscription_id) = owner.billing_subscription_id.as_deref() else {
            continue;
        };
        if !is_live(&owner.subscription_status) {
            continue;
        }
        provider.cancel_subscription(subscription_id).await.map_err(|error| {
            tracing::warn!(%error, "cancelling the subscription failed");
            AppError::new(StatusCode::BAD_GATEWAY, CANCEL_FAILED)
        })?;
        owner::mark_canceled(db, owner.id).await?;
    }
    Ok(())
}

/// Cancel the live subscriptions that deleting `user`'s account would delete.
pub async fn cancel_for_account(
    db: &sqlx::PgPool,
    provider: &dyn BillingProvider,
    user: &User,
) -> Result<(), AppError> {
    cancel_all(db, provider, &owner::billed_with_account(db, user).await?).await
}
