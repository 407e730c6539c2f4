//! The plan catalog (what `GET /api/billing/plans` shows) and the plan and
//! subscription-status vocabulary that billing writes onto an owner.
//!
//! Prices here are what the pricing page displays; what is charged is configured at the
//! payment provider, whose price ids the billing settings map to each paid plan. The names
//! are the API's (`PlanId` in the OpenAPI document) and the database's (the `plan` and
//! `subscription_status` text columns).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A plan as the pricing page shows it.
pub struct PlanInfo {
    pub id: PlanId,
    pub name: &'static str,
    pub description: &'static str,
    pub price_monthly_cents: i64,
    pub features: &'static [&'static str],
}

impl PlanInfo {
    /// Checkout is possible for every plan with a price: the project has a payment provider.
    pub fn purchasable(&self) -> bool {
        self.price_monthly_cents > 0
    }
}

pub const PLANS: [PlanInfo; 3] = [
    PlanInfo {
        id: PlanId::Free,
        name: "Free",
        description: "For trying things out.",
        price_monthly_cents: 0,
        features: &["1 project", "Community support"],
    },
    PlanInfo {
        id: PlanId::Pro,
        name: "Pro",
        description: "For professionals and small teams.",
        price_monthly_cents: 1900,
        features: &["Unlimited projects", "E-mail support"],
    },
    PlanInfo {
        id: PlanId::Business,
        name: "Business",
        description: "For growing companies.",
        price_monthly_cents: 4900,
        features: &["Unlimited projects", "Priority support"],
    },
];

/// The plan an owner falls back to when a subscription ends.
pub const FREE_PLAN: PlanId = PlanId::Free;

/// True for a stored `subscription_status` that is paid for (see [`SubscriptionStatus::is_live`]).
pub fn is_live(status: &str) -> bool {
    matches!(status, "trialing" | "active" | "past_due")
}

/// A plan an owner can be on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlanId {
    Free,
    Pro,
    Business,
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

impl PlanId {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Free => "free",
            Self::Pro => "pro",
            Self::Business => "business",
        }
    }
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
    fn only_paid_plans_can_be_bought() {
        let purchasable: Vec<_> = PLANS
            .iter()
            .filter(|plan| plan.purchasable())
            .map(|plan| plan.id)
            .collect();
        assert_eq!(purchasable, [PlanId::Pro, PlanId::Business]);
    }

    #[test]
    fn metadata_names_only_paid_plans() {
        assert_eq!(PaidPlan::parse("business"), Some(PaidPlan::Business));
        assert_eq!(PaidPlan::parse("free"), Option::None);
        assert_eq!(PaidPlan::parse("Pro"), Option::None);
    }
}
