//! Lemon Squeezy's settings, read from the environment (and `.env`) under the FastAPI
//! backend's names; the rules all providers share are in `settings.rs`.

use super::plans::PaidPlan;
use crate::config::{ConfigError, Env};

pub const API_BASE_URL: &str = "https://api.lemonsqueezy.com/v1";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProviderSettings {
    /// LEMONSQUEEZY_API_KEY: an API key from Settings > API.
    pub api_key: String,
    /// LEMONSQUEEZY_STORE_ID: the numeric id of the store that sells the plans.
    pub store_id: String,
    /// LEMONSQUEEZY_WEBHOOK_SECRET: the signing secret typed in when creating the webhook.
    pub webhook_secret: String,
    /// LEMONSQUEEZY_VARIANT_PRO / LEMONSQUEEZY_VARIANT_BUSINESS: subscription variant ids.
    pub variant_pro: String,
    pub variant_business: String,
    /// LEMONSQUEEZY_API_BASE_URL: where the API is (Lemon Squeezy's; a local fake in tests).
    pub api_base_url: String,
}

impl ProviderSettings {
    pub fn from_env(env: &Env) -> Result<Self, ConfigError> {
        Ok(Self {
            api_key: env.text("LEMONSQUEEZY_API_KEY", ""),
            store_id: env.text("LEMONSQUEEZY_STORE_ID", ""),
            webhook_secret: env.text("LEMONSQUEEZY_WEBHOOK_SECRET", ""),
            variant_pro: env.text("LEMONSQUEEZY_VARIANT_PRO", ""),
            variant_business: env.text("LEMONSQUEEZY_VARIANT_BUSINESS", ""),
            api_base_url: env.text("LEMONSQUEEZY_API_BASE_URL", API_BASE_URL),
        })
    }

    /// The API key and the webhook secret, by variable: production refuses placeholders.
    pub fn placeholder_checks(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("LEMONSQUEEZY_API_KEY", self.api_key.as_str()),
            ("LEMONSQUEEZY_WEBHOOK_SECRET", self.webhook_secret.as_str()),
        ]
    }

    /// The provider's id of a paid plan's price (variant id).
    pub fn price_of(&self, plan: PaidPlan) -> &str {
        match plan {
            PaidPlan::Pro => &self.variant_pro,
            PaidPlan::Business => &self.variant_business,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_variables_are_the_fastapi_backends() {
        let names = [
            "LEMONSQUEEZY_API_KEY",
            "LEMONSQUEEZY_STORE_ID",
            "LEMONSQUEEZY_WEBHOOK_SECRET",
            "LEMONSQUEEZY_VARIANT_PRO",
            "LEMONSQUEEZY_VARIANT_BUSINESS",
            "LEMONSQUEEZY_API_BASE_URL",
        ];
        let settings =
            ProviderSettings::from_env(&Env::from_pairs(names.map(|name| (name, format!("<{name}>"))))).unwrap();
        assert_eq!(settings.api_key, "<LEMONSQUEEZY_API_KEY>");
        assert_eq!(settings.store_id, "<LEMONSQUEEZY_STORE_ID>");
        assert_eq!(settings.webhook_secret, "<LEMONSQUEEZY_WEBHOOK_SECRET>");
        assert_eq!(settings.price_of(PaidPlan::Pro), "<LEMONSQUEEZY_VARIANT_PRO>");
        assert_eq!(settings.price_of(PaidPlan::Business), "<LEMONSQUEEZY_VARIANT_BUSINESS>");
        assert_eq!(settings.api_base_url, "<LEMONSQUEEZY_API_BASE_URL>");
    }

    #[test]
    fn the_api_is_lemon_squeezys_unless_set() {
        let settings = ProviderSettings::from_env(&Env::default()).unwrap();
        assert_eq!(settings.api_base_url, "https://api.lemonsqueezy.com/v1");
    }
}
