//! Supabase's settings. The shared settings (`crate::config`) ask every provider for the
//! same things: issuer, JWKS URL, audience, authorized parties, shared secret and the
//! values production refuses as placeholders; this module answers them from Supabase's
//! own variables.

use crate::config::{ConfigError, Env, Secret};

#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// SUPABASE_URL: the project URL; tokens are issued by SUPABASE_URL/auth/v1.
    pub supabase_url: String,
    /// SUPABASE_JWT_AUDIENCE.
    pub supabase_jwt_audience: String,
    /// SUPABASE_JWT_SECRET, the legacy JWT secret: when set, tokens are HS256 signed with
    /// it, and only those are accepted (no JWKS). Empty: asymmetric keys from the JWKS.
    pub supabase_jwt_secret: Secret,
    /// SUPABASE_EMAIL_CONFIRMATION_REQUIRED: the project refuses sign-in until the e-mail
    /// is confirmed, so the token's `email` is verified.
    pub supabase_email_confirmation_required: bool,
}

impl AuthSettings {
    pub fn from_env(env: &Env, _allowed_origins: &[String]) -> Result<Self, ConfigError> {
        let secret = env.text("SUPABASE_JWT_SECRET", "");
        if !secret.is_empty() && secret.chars().count() < 32 {
            return Err(ConfigError(
                "SUPABASE_JWT_SECRET must be the project's legacy JWT secret (32+ characters)".into(),
            ));
        }
        Ok(Self {
            supabase_url: env.text("SUPABASE_URL", "https://your-project-ref.supabase.co"),
            supabase_jwt_audience: env.text("SUPABASE_JWT_AUDIENCE", "authenticated"),
            supabase_jwt_secret: Secret(secret),
            supabase_email_confirmation_required: env.flag("SUPABASE_EMAIL_CONFIRMATION_REQUIRED", false)?,
        })
    }

    /// The settings production refuses while they hold a placeholder.
    pub fn placeholder_checks(&self) -> Vec<(&'static str, &str)> {
        vec![("SUPABASE_URL", self.supabase_url.as_str())]
    }

    pub fn issuer(&self) -> String {
        format!("{}/auth/v1", self.supabase_url.trim_end_matches('/'))
    }

    pub fn jwks_url(&self) -> String {
        format!("{}/.well-known/jwks.json", self.issuer())
    }

    pub fn audience(&self) -> Option<String> {
        Some(self.supabase_jwt_audience.clone())
    }

    /// Supabase tokens are bound by `aud`; `azp` is not checked.
    pub fn authorized_parties(&self) -> Option<Vec<String>> {
        None
    }

    pub fn shared_secret(&self) -> Option<&str> {
        Some(self.supabase_jwt_secret.0.as_str()).filter(|secret| !secret.is_empty())
    }
}
