//! The rules every provider's settings share: what counts as configured, which plan a
//! price sells, and the production guard.
//!
//! The variables themselves (names identical to the FastAPI backend's, listed with comments
//! in the root `.env.example`) are the provider's: `provider_settings.rs`.

use super::plans::{PaidPlan, PlanId};
use super::provider::BillingError;
pub use super::provider_settings::ProviderSettings as BillingSettings;

/// Markers of an `.env.example` value that was never replaced.
const PLACEHOLDER_MARKERS: [&str; 5] =
    ["your-", "replace-with", "change-me", "changeme", "placeholder"];

/// True for an empty value or one still holding an `.env.example` placeholder.
pub fn is_placeholder(value: &str) -> bool {
    let lowered = value.trim().to_lowercase();
    lowered.is_empty() || PLACEHOLDER_MARKERS.iter().any(|marker| lowered.contains(marker))
}

/// False for an empty setting or one still holding an `.env.example` placeholder.
pub fn is_set(value: &str) -> bool {
    !is_placeholder(value)
}

impl BillingSettings {
    /// The provider's price of `plan`; not configured while it is empty or a placeholder.
    pub fn price_id(&self, plan: PaidPlan) -> Result<&str, BillingError> {
        let price = self.price_of(plan);
        if is_set(price) {
            Ok(price)
        } else {
            Err(BillingError::NotConfigured(format!(
                "no price is configured for the {} plan",
                plan.as_str()
            )))
        }
    }

    /// The plan sold at `price_id`, or `None` for a price this app does not know.
    pub fn plan_for_price(&self, price_id: Option<&str>) -> Option<PlanId> {
        let price_id = price_id.filter(|id| !id.is_empty())?;
        PaidPlan::ALL
            .into_iter()
            .find(|plan| self.price_of(*plan) == price_id)
            .map(PaidPlan::plan)
    }

    /// With ENVIRONMENT=production, the API key and the webhook secret must be real.
    pub fn check_production(&self) -> Result<(), String> {
        let bad: Vec<&str> = self
            .required_in_production()
            .into_iter()
            .filter(|(_, value)| is_placeholder(value))
            .map(|(name, _)| name)
            .collect();
        if bad.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "placeholder values are not allowed in production: {}",
                bad.join(", ")
            ))
        }
    }
}

/// A whole number of seconds from the variable `name`, or `default` when it is unset.
pub fn seconds(value: Option<String>, name: &str, default: i64) -> Result<i64, String> {
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(default),
        Some(text) => text
            .parse()
            .map_err(|_| format!("{name} must be a whole number of seconds, not `{text}`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_placeholder_from_env_example_counts_as_not_configured() {
        assert!(!is_set(""));
        assert!(!is_set("  "));
        assert!(!is_set("sk_test_your-stripe-secret-key"));
        assert!(!is_set("Replace-With-Yours"));
        assert!(is_set("sk_test_51Habc"));
    }

    #[test]
    fn tolerance_seconds_default_and_refuse_words() {
        assert_eq!(seconds(None, "X", 300), Ok(300));
        assert_eq!(seconds(Some(" 60 ".into()), "X", 300), Ok(60));
        let error = seconds(Some("soon".into()), "X", 300).unwrap_err();
        assert_eq!(error, "X must be a whole number of seconds, not `soon`");
    }
}
