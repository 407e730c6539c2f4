//! The rules every provider's settings share: what counts as configured, which plan a
//! price sells, and the production guard.
//!
//! The variables themselves (names identical to the FastAPI backend's, listed with comments
//! in the root `.env.example`) are the provider's: `provider_settings.rs`.

use super::plans::{PaidPlan, PlanId};
use super::provider::BillingError;
pub use super::provider_settings::ProviderSettings as BillingSettings;
use crate::config::{ConfigError, Env, is_placeholder};

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
}

/// A whole number of seconds from the variable `name`, or `default` when it is unset.
pub fn whole_seconds(env: &Env, name: &str, default: i64) -> Result<i64, ConfigError> {
    let text = env.text(name, "");
    if text.is_empty() {
        return Ok(default);
    }
    text.parse()
        .map_err(|_| ConfigError(format!("{name} must be a whole number of seconds")))
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
    fn production_checks_name_the_key_and_the_webhook_secret() {
        let placeholders = Env::from_pairs(super::super::kit::REQUIRED_IN_PRODUCTION);
        let settings = BillingSettings::from_env(&placeholders).unwrap();
        let checked: Vec<(&str, bool)> = settings
            .placeholder_checks()
            .into_iter()
            .map(|(name, value)| (name, is_placeholder(value)))
            .collect();
        let expected: Vec<(&str, bool)> = super::super::kit::REQUIRED_IN_PRODUCTION
            .iter()
            .map(|(name, _)| (*name, true))
            .collect();
        assert_eq!(checked, expected);
    }

    #[test]
    fn the_test_settings_are_all_real_values() {
        let settings = BillingSettings::from_env(&Env::from_pairs(super::super::kit::env())).unwrap();
        assert!(
            settings
                .placeholder_checks()
                .iter()
                .all(|(_, value)| !is_placeholder(value))
        );
        assert!(PaidPlan::ALL.iter().all(|plan| settings.price_id(*plan).is_ok()));
    }

    #[test]
    fn tolerance_seconds_default_and_refuse_words() {
        let env = Env::from_pairs([("X", " 60 "), ("Y", "soon")]);
        assert_eq!(whole_seconds(&env, "X", 300), Ok(60));
        assert_eq!(whole_seconds(&env, "Z", 300), Ok(300));
        let error = whole_seconds(&env, "Y", 300).unwrap_err();
        assert_eq!(error.0, "Y must be a whole number of seconds");
    }
}
