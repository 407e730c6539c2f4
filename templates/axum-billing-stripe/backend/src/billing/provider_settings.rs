//! Stripe's settings, read from the environment (and `.env`) under the FastAPI backend's
//! names; the rules all providers share are in `settings.rs`.

use super::plans::PaidPlan;
use super::settings::whole_seconds;
use crate::config::{ConfigError, Env};

pub const API_BASE_URL: &str = "https://api.stripe.com";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProviderSettings {
    /// STRIPE_SECRET_KEY: a secret (sk_...) or restricted (rk_...) API key.
    pub secret_key: String,
    /// STRIPE_WEBHOOK_SECRET: the endpoint's signing secret (whsec_...).
    pub webhook_secret: String,
    /// STRIPE_PRICE_PRO / STRIPE_PRICE_BUSINESS: recurring price ids (price_...).
    pub price_pro: String,
    pub price_business: String,
    /// STRIPE_WEBHOOK_TOLERANCE_SECONDS: how far a signed webhook's timestamp may be from
    /// now, in the past or in the future, before it is refused (replay protection).
    pub webhook_tolerance_seconds: i64,
    /// STRIPE_API_BASE: where the API is (Stripe's; a local fake in tests).
    pub api_base_url: String,
}

impl ProviderSettings {
    pub fn from_env(env: &Env) -> Result<Self, ConfigError> {
        Ok(Self {
            secret_key: env.text("STRIPE_SECRET_KEY", ""),
            webhook_secret: env.text("STRIPE_WEBHOOK_SECRET", ""),
            price_pro: env.text("STRIPE_PRICE_PRO", ""),
            price_business: env.text("STRIPE_PRICE_BUSINESS", ""),
            webhook_tolerance_seconds: whole_seconds(env, "STRIPE_WEBHOOK_TOLERANCE_SECONDS", 300)?,
            api_base_url: env.text("STRIPE_API_BASE", API_BASE_URL),
        })
    }

    /// The API key and the webhook secret, by variable: production refuses placeholders.
    pub fn placeholder_checks(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("STRIPE_SECRET_KEY", self.secret_key.as_str()),
            ("STRIPE_WEBHOOK_SECRET", self.webhook_secret.as_str()),
        ]
    }

    /// The provider's id of a paid plan's price (price id).
    pub fn price_of(&self, plan: PaidPlan) -> &str {
        match plan {
            PaidPlan::Pro => &self.price_pro,
            PaidPlan::Business => &self.price_business,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_variables_are_the_fastapi_backends() {
        let names = [
            "STRIPE_SECRET_KEY",
            "STRIPE_WEBHOOK_SECRET",
            "STRIPE_PRICE_PRO",
            "STRIPE_PRICE_BUSINESS",
            "STRIPE_API_BASE",
        ];
        let settings =
            ProviderSettings::from_env(&Env::from_pairs(names.map(|name| (name, format!("<{name}>"))))).unwrap();
        assert_eq!(settings.secret_key, "<STRIPE_SECRET_KEY>");
        assert_eq!(settings.webhook_secret, "<STRIPE_WEBHOOK_SECRET>");
        assert_eq!(settings.price_of(PaidPlan::Pro), "<STRIPE_PRICE_PRO>");
        assert_eq!(settings.price_of(PaidPlan::Business), "<STRIPE_PRICE_BUSINESS>");
        assert_eq!(settings.api_base_url, "<STRIPE_API_BASE>");
        assert_eq!(settings.webhook_tolerance_seconds, 300);
    }

    #[test]
    fn the_api_is_stripes_unless_set() {
        let settings = ProviderSettings::from_env(&Env::default()).unwrap();
        assert_eq!(settings.api_base_url, "https://api.stripe.com");
    }
}
