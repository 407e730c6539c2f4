//! Webhook event processing: store the event id once, then apply it to its owner.
//!
//! A provider retries a webhook until it gets a 2xx, and may deliver the same event twice
//! at the same moment. `INSERT ... ON CONFLICT DO NOTHING` on the unique (provider,
//! event_id) makes the database the judge: the delivery whose insert returns a row
//! processes the event, every other one sees no row and reports a duplicate. A concurrent
//! second insert waits on the unique index until the first transaction ends, so it cannot
//! slip past. The insert and the state change commit together: if processing fails, the
//! event id is rolled back too and the provider's retry processes it again.
//!
//! Providers do not promise to deliver in order. Events of one owner are applied one at a
//! time (the owner's row is locked), and an event older than one already recorded for the
//! same subscription is recorded but not applied, so a late "active" cannot undo a cancel.
//! An event about a subscription the owner has moved on from (say, the cancellation of the
//! one a new checkout replaced) is recorded but not applied either.
//!
//! Owners (`owner.rs`: the user on Starter, the organization on Pro) are found by the id
//! the checkout carried, then by subscription id. The customer id is a last resort, used
//! only when exactly one owner has it: Lemon Squeezy and Paddle keep one customer per
//! e-mail address, so one person's organizations share it.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::event::{BillingEvent, EventKind};
use super::owner::{self, Key, Owner};

/// What processing an event did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The event was delivered before: nothing was done.
    pub duplicate: bool,
    /// The owner whose row the event changed, if it changed one.
    pub applied_to: Option<Uuid>,
}

/// Process a verified event exactly once.
pub async fn process_event(db: &PgPool, provider: &str, event: &BillingEvent) -> Result<Outcome, sqlx::Error> {
    let mut tx = db.begin().await?;
    // Ended explicitly: a dropped transaction is rolled back later, by a task the pool
    // spawns, and keeps its locks until that task runs (a test's DROP SCHEMA waited on them).
    if !record_event(&mut tx, provider, event).await? {
        tx.rollback().await?;
        return Ok(Outcome {
            duplicate: true,
            applied_to: None,
        });
    }
    let applied_to = if event.kind == EventKind::Ignored {
        None
    } else {
        match apply_event(&mut tx, provider, event).await {
            Ok(owner) => owner,
            Err(error) => {
                tx.rollback().await?;
                return Err(error);
            }
        }
    };
    tx.commit().await?;
    Ok(Outcome {
        duplicate: false,
        applied_to,
    })
}

/// Store the event's id; true when this is its first delivery.
async fn record_event(db: &mut PgConnection, provider: &str, event: &BillingEvent) -> Result<bool, sqlx::Error> {
    let inserted: Option<Uuid> = sqlx::query_scalar(
        "INSERT INTO webhook_events (id, provider, event_id, event_type, subscription_id, occurred_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (provider, event_id) DO NOTHING RETURNING id",
    )
    .bind(Uuid::new_v4())
    .bind(provider)
    .bind(&event.event_id)
    .bind(&event.event_type)
    .bind(&event.subscription_id)
    .bind(event.occurred_at)
    .fetch_optional(db)
    .await?;
    Ok(inserted.is_some())
}

/// Apply the event to its owner; the owner's id when it did.
async fn apply_event(db: &mut PgConnection, provider: &str, event: &BillingEvent) -> Result<Option<Uuid>, sqlx::Error> {
    let Some(owner) = find_owner(db, event).await? else {
        // Acknowledged anyway: retrying cannot make an unknown owner appear.
        tracing::warn!(provider, event_id = %event.event_id, event_type = %event.event_type, "billing event matches no owner");
        return Ok(None);
    };
    if is_superseded(db, provider, event).await? {
        tracing::info!(provider, event_id = %event.event_id, "billing event is older than one already applied");
        return Ok(None);
    }
    if is_for_another_subscription(db, provider, &owner, event).await? {
        tracing::info!(provider, event_id = %event.event_id, "billing event is about a replaced subscription");
        return Ok(None);
    }
    owner::apply(db, provider, &owner, event).await?;
    Ok(Some(owner.id))
}

/// The event's owner, locked: by the id the checkout carried, else by the subscription id,
/// else by the customer id when exactly one owner has it.
async fn find_owner(db: &mut PgConnection, event: &BillingEvent) -> Result<Option<Owner>, sqlx::Error> {
    if let Some(owner_id) = event.owner_id {
        let owner = owner::lock_by_id(db, owner_id).await?;
        if owner.is_some() {
            return Ok(owner);
        }
    }
    if let Some(subscription_id) = &event.subscription_id {
        let owner = owner::lock_only(db, Key::Subscription, subscription_id).await?;
        if owner.is_some() {
            return Ok(owner);
        }
    }
    match &event.customer_id {
        Some(customer_id) => owner::lock_only(db, Key::Customer, customer_id).await,
        None => Ok(None),
    }
}

/// True when the event is about a subscription other than the owner's current one.
///
/// A live subscription becomes the current one when the owner has none live, or when the
/// event starts it (a paid checkout, its creation) after everything recorded about the
/// current one. Every other event about another subscription is stale: the cancellation of
/// the subscription a new one replaced, or the late checkout of an older one, must not
/// touch the owner. An event naming no subscription (Lemon Squeezy's paid order) may start
/// a plan but never overrides a live subscription.
async fn is_for_another_subscription(
    db: &mut PgConnection,
    provider: &str,
    owner: &Owner,
    event: &BillingEvent,
) -> Result<bool, sqlx::Error> {
    let live = super::plans::is_live(&owner.subscription_status);
    let Some(subscription_id) = &event.subscription_id else {
        return Ok(live);
    };
    let current = match &owner.billing_subscription_id {
        Some(current) if current != subscription_id => current,
        _ => return Ok(false),
    };
    if !event.status.is_some_and(|status| status.is_live()) {
        return Ok(true);
    }
    if !live {
        return Ok(false);
    }
    let starts = matches!(
        event.kind,
        EventKind::CheckoutCompleted | EventKind::SubscriptionStarted
    );
    Ok(!starts || has_event_since(db, provider, current, event.occurred_at).await?)
}

/// True when an event of `subscription_id` at or after `moment` was recorded.
async fn has_event_since(
    db: &mut PgConnection,
    provider: &str,
    subscription_id: &str,
    moment: Option<DateTime<Utc>>,
) -> Result<bool, sqlx::Error> {
    let Some(moment) = moment else { return Ok(true) };
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM webhook_events WHERE provider = $1 AND subscription_id = $2 AND occurred_at >= $3)",
    )
    .bind(provider)
    .bind(subscription_id)
    .bind(moment)
    .fetch_one(db)
    .await
}

/// True when a newer event of the same subscription was already recorded.
async fn is_superseded(db: &mut PgConnection, provider: &str, event: &BillingEvent) -> Result<bool, sqlx::Error> {
    let (Some(subscription_id), Some(occurred_at)) = (&event.subscription_id, event.occurred_at) else {
        return Ok(false);
    };
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM webhook_events WHERE provider = $1 AND subscription_id = $2 AND occurred_at > $3)",
    )
    .bind(provider)
    .bind(subscription_id)
    .bind(occurred_at)
    .fetch_one(db)
    .await
}
