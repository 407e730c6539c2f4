//! What a verified webhook means to the app, whatever provider sent it, and what a
//! checkout sends to the provider.
//!
//! Each provider's `webhook.rs` turns its payloads into a [`BillingEvent`]; the event
//! processing (`service.rs`) only ever sees these.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::plans::{PaidPlan, PlanId, SubscriptionStatus};

/// The checkout's metadata key that carries the subscription's owner (a user) to the
/// webhooks.
pub const OWNER_METADATA_KEY: &str = "user_id";
pub const PLAN_METADATA_KEY: &str = "plan";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    /// A paid checkout: may make a new subscription the owner's current one.
    CheckoutCompleted,
    /// A subscription's creation: may make it the owner's current one, like a checkout.
    SubscriptionStarted,
    SubscriptionChanged,
    /// An event type this app does not act on: acknowledged and recorded, nothing else.
    Ignored,
}

/// A verified webhook, in provider-neutral terms.
///
/// `plan` and `status` are what the owner's columns become; `None` leaves a column as it
/// is. `occurred_at` orders the events of one subscription, which providers may deliver
/// out of order.
#[derive(Clone, Debug, PartialEq)]
pub struct BillingEvent {
    pub event_id: String,
    pub event_type: String,
    pub kind: EventKind,
    pub owner_id: Option<Uuid>,
    pub customer_id: Option<String>,
    pub subscription_id: Option<String>,
    pub plan: Option<PlanId>,
    pub status: Option<SubscriptionStatus>,
    pub occurred_at: Option<DateTime<Utc>>,
}

impl BillingEvent {
    /// An event acknowledged and recorded but not acted on.
    pub fn ignored(event_id: String, event_type: String, owner_id: Option<Uuid>) -> Self {
        Self {
            event_id,
            event_type,
            kind: EventKind::Ignored,
            owner_id,
            customer_id: None,
            subscription_id: None,
            plan: None,
            status: None,
            occurred_at: None,
        }
    }
}

/// What a hosted checkout is created from.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckoutParams {
    pub plan: PaidPlan,
    pub owner_id: Uuid,
    pub success_url: String,
    pub cancel_url: String,
    pub customer_id: Option<String>,
    pub email: Option<String>,
}

impl CheckoutParams {
    /// Travels with the checkout and comes back in the webhooks.
    pub fn metadata(&self) -> [(&'static str, String); 2] {
        [
            (OWNER_METADATA_KEY, self.owner_id.to_string()),
            (PLAN_METADATA_KEY, self.plan.as_str().to_owned()),
        ]
    }
}

/// The owner id from a webhook's metadata: `None` when absent or not a UUID.
pub fn parse_owner_id(value: Option<&serde_json::Value>) -> Option<Uuid> {
    value?.as_str()?.parse().ok()
}

/// The plan a checkout's metadata names, if it is a paid one.
pub fn metadata_plan(value: Option<&serde_json::Value>) -> Option<PlanId> {
    PaidPlan::parse(value?.as_str()?).map(PaidPlan::plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn owner_ids_that_are_not_uuids_are_ignored() {
        let id = Uuid::new_v4();
        assert_eq!(parse_owner_id(Some(&json!(id.to_string()))), Some(id));
        assert_eq!(parse_owner_id(Some(&json!("not-a-uuid"))), None);
        assert_eq!(parse_owner_id(Some(&json!(42))), None);
        assert_eq!(parse_owner_id(None), None);
    }

    #[test]
    fn checkout_metadata_names_the_owner_and_the_plan() {
        let owner_id = Uuid::new_v4();
        let params = CheckoutParams {
            plan: PaidPlan::Business,
            owner_id,
            success_url: "https://app.example.com/ok".into(),
            cancel_url: "https://app.example.com/no".into(),
            customer_id: None,
            email: None,
        };
        assert_eq!(
            params.metadata(),
            [
                (OWNER_METADATA_KEY, owner_id.to_string()),
                (PLAN_METADATA_KEY, "business".to_owned()),
            ]
        );
    }

    #[test]
    fn only_a_paid_plan_in_metadata_counts() {
        assert_eq!(metadata_plan(Some(&json!("pro"))), Some(PlanId::Pro));
        assert_eq!(metadata_plan(Some(&json!("free"))), None);
        assert_eq!(metadata_plan(Some(&json!(1))), None);
    }
}
