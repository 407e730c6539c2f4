//! Stripe's settings, read from the environment (and `.env`) under the FastAPI backend's
//! names; the rules all providers share are in `settings.rs`.

use super::plans::PaidPlan;
use super::settings::seconds;

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
    /// Where the API is: Stripe's, or a local fake in tests.
    pub api_base_url: String,
}

impl ProviderSettings {
    /// The settings from `lookup` (the environment after `.env` was loaded).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, String> {
        let text = |name: &str| lookup(name).unwrap_or_default();
        Ok(Self {
            secret_key: text("STRIPE_SECRET_KEY"),
            webhook_secret: text("STRIPE_WEBHOOK_SECRET"),
            price_pro: text("STRIPE_PRICE_PRO"),
            price_business: text("STRIPE_PRICE_BUSINESS"),
            webhook_tolerance_seconds: seconds(
                lookup("STRIPE_WEBHOOK_TOLERANCE_SECONDS"),
                "STRIPE_WEBHOOK_TOLERANCE_SECONDS",
                300,
            )?,
            api_base_url: API_BASE_URL.to_owned(),
        })
    }

    /// The API key and the webhook secret, by variable: production refuses placeholders.
    pub fn required_in_production(&self) -> [(&'static str, &str); 2] {
        [
            ("STRIPE_SECRET_KEY", &self.secret_key),
            ("STRIPE_WEBHOOK_SECRET", &self.webhook_secret),
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
        let settings = ProviderSettings::from_lookup(|name| Some(format!("<{name}>"))
            .filter(|_| name != "STRIPE_WEBHOOK_TOLERANCE_SECONDS"))
        .unwrap();
        assert_eq!(settings.secret_key, "<STRIPE_SECRET_KEY>");
        assert_eq!(settings.webhook_secret, "<STRIPE_WEBHOOK_SECRET>");
        assert_eq!(settings.price_of(PaidPlan::Pro), "<STRIPE_PRICE_PRO>");
        assert_eq!(settings.price_of(PaidPlan::Business), "<STRIPE_PRICE_BUSINESS>");
        assert_eq!(settings.webhook_tolerance_seconds, 300);
    }
}
