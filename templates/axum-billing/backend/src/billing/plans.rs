//! The plan and subscription-status vocabulary that billing writes onto an owner: the
//! database's `plan` and `subscription_status` text columns. The catalog is `crate::plans`;
//! the provider's price ids for the paid plans are in the billing settings.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use crate::plans::PlanId;

/// The plan an owner falls back to when a subscription ends.
pub const FREE_PLAN: PlanId = PlanId::Free;

/// True for a stored `subscription_status` that is paid for (see [`SubscriptionStatus::is_live`]).
pub fn is_live(status: &str) -> bool {
    matches!(status, "trialing" | "active" | "past_due")
}

/// A plan that can be bought: the ones with a price at the provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaidPlan {
    Pro,
    Business,
}

/// Where an owner's subscription stands, in the app's terms (each provider's statuses map
/// onto these).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubscriptionStatus {
    None,
    Trialing,
    Active,
    PastDue,
    Canceled,
}

impl PaidPlan {
    pub const ALL: [PaidPlan; 2] = [PaidPlan::Pro, PaidPlan::Business];

    pub fn as_str(self) -> &'static str {
        self.plan().as_str()
    }

    pub fn plan(self) -> PlanId {
        match self {
            Self::Pro => PlanId::Pro,
            Self::Business => PlanId::Business,
        }
    }

    /// The paid plan named `value` (as the checkout's metadata carries it), if any.
    pub fn parse(value: &str) -> Option<PaidPlan> {
        Self::ALL.into_iter().find(|plan| plan.as_str() == value)
    }
}

impl SubscriptionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Trialing => "trialing",
            Self::Active => "active",
            Self::PastDue => "past_due",
            Self::Canceled => "canceled",
        }
    }

    /// Paid for (past_due: in dunning): the owner keeps the plan, cannot start a second
    /// checkout, and the subscription is cancelled before the owner is deleted.
    pub fn is_live(self) -> bool {
        matches!(self, Self::Trialing | Self::Active | Self::PastDue)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_trialing_active_and_past_due_are_live() {
        use SubscriptionStatus::*;
        let live: Vec<_> = [None, Trialing, Active, PastDue, Canceled]
            .into_iter()
            .filter(|status| status.is_live())
            .collect();
        assert_eq!(live, [Trialing, Active, PastDue]);
    }

    #[test]
    fn stored_statuses_are_live_exactly_when_the_enum_says_so() {
        use SubscriptionStatus::*;
        for status in [None, Trialing, Active, PastDue, Canceled] {
            assert_eq!(is_live(status.as_str()), status.is_live(), "{status:?}");
        }
        assert!(!is_live("incomplete"));
    }

    #[test]
    fn metadata_names_only_paid_plans() {
        assert_eq!(PaidPlan::parse("business"), Some(PaidPlan::Business));
        assert_eq!(PaidPlan::parse("free"), Option::None);
        assert_eq!(PaidPlan::parse("Pro"), Option::None);
    }
}
