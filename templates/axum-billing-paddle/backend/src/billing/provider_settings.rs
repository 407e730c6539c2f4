//! Paddle Billing's settings, read from the environment (and `.env`) under the FastAPI
//! backend's names; the rules all providers share are in `settings.rs`.

use super::plans::PaidPlan;
use super::settings::whole_seconds;
use crate::config::{ConfigError, Env};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProviderSettings {
    /// PADDLE_API_KEY: a server-side API key (pdl_sdbx_apikey_... in the sandbox).
    pub api_key: String,
    /// PADDLE_WEBHOOK_SECRET: the notification destination's secret key (pdl_ntfset_...).
    pub webhook_secret: String,
    /// PADDLE_ENVIRONMENT: `sandbox` or `production`; picks the API host.
    pub environment: String,
    /// PADDLE_PRICE_PRO / PADDLE_PRICE_BUSINESS: recurring price ids (pri_...).
    pub price_pro: String,
    pub price_business: String,
    /// PADDLE_WEBHOOK_TOLERANCE_SECONDS: how far a signed webhook's timestamp may be from
    /// now, in the past or in the future, before it is refused (replay protection).
    pub webhook_tolerance_seconds: i64,
    /// PADDLE_API_BASE: where the API is; empty means the host PADDLE_ENVIRONMENT picks.
    pub api_base: String,
}

impl ProviderSettings {
    pub fn from_env(env: &Env) -> Result<Self, ConfigError> {
        Ok(Self {
            api_key: env.text("PADDLE_API_KEY", ""),
            webhook_secret: env.text("PADDLE_WEBHOOK_SECRET", ""),
            environment: env.text("PADDLE_ENVIRONMENT", "sandbox"),
            price_pro: env.text("PADDLE_PRICE_PRO", ""),
            price_business: env.text("PADDLE_PRICE_BUSINESS", ""),
            webhook_tolerance_seconds: whole_seconds(env, "PADDLE_WEBHOOK_TOLERANCE_SECONDS", 300)?,
            api_base: env.text("PADDLE_API_BASE", ""),
        })
    }

    pub fn api_base_url(&self) -> &str {
        if !self.api_base.is_empty() {
            &self.api_base
        } else if self.environment == "production" {
            "https://api.paddle.com"
        } else {
            "https://sandbox-api.paddle.com"
        }
    }

    /// The API key and the webhook secret, by variable: production refuses placeholders.
    pub fn placeholder_checks(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("PADDLE_API_KEY", self.api_key.as_str()),
            ("PADDLE_WEBHOOK_SECRET", self.webhook_secret.as_str()),
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
            "PADDLE_API_KEY",
            "PADDLE_WEBHOOK_SECRET",
            "PADDLE_PRICE_PRO",
            "PADDLE_PRICE_BUSINESS",
        ];
        let mut env = Env::from_pairs(names.map(|name| (name, format!("<{name}>"))));
        env.set("PADDLE_WEBHOOK_TOLERANCE_SECONDS", "60");
        let settings = ProviderSettings::from_env(&env).unwrap();
        assert_eq!(settings.api_key, "<PADDLE_API_KEY>");
        assert_eq!(settings.webhook_secret, "<PADDLE_WEBHOOK_SECRET>");
        assert_eq!(settings.price_of(PaidPlan::Pro), "<PADDLE_PRICE_PRO>");
        assert_eq!(settings.price_of(PaidPlan::Business), "<PADDLE_PRICE_BUSINESS>");
        assert_eq!(settings.webhook_tolerance_seconds, 60);
    }

    #[test]
    fn the_environment_picks_the_api_host_unless_a_base_is_set() {
        let sandbox = ProviderSettings::from_env(&Env::default()).unwrap();
        assert_eq!(sandbox.api_base_url(), "https://sandbox-api.paddle.com");
        let production = ProviderSettings::from_env(&Env::from_pairs([("PADDLE_ENVIRONMENT", "production")])).unwrap();
        assert_eq!(production.api_base_url(), "https://api.paddle.com");
        let local = ProviderSettings::from_env(&Env::from_pairs([("PADDLE_API_BASE", "http://127.0.0.1:9")])).unwrap();
        assert_eq!(local.api_base_url(), "http://127.0.0.1:9");
    }
}
