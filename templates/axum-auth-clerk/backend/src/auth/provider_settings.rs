//! Clerk's settings. The shared settings (`crate::config`) ask every provider for the
//! same things: issuer, JWKS URL, audience, authorized parties, shared secret and the
//! values production refuses as placeholders; this module answers them from Clerk's own
//! variables.

use crate::config::{ConfigError, Env, Secret};

#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// CLERK_ISSUER: the Frontend API URL (Dashboard > API keys), the token issuer.
    pub clerk_issuer: String,
    /// CLERK_JWKS_URL; empty: derived from the issuer.
    pub clerk_jwks_url: String,
    /// CLERK_AUTHORIZED_PARTIES: origins allowed in `azp`; empty: ALLOWED_ORIGINS.
    pub clerk_authorized_parties: Vec<String>,
    /// CLERK_SECRET_KEY: reads a new user's e-mail from Clerk's Backend API.
    pub clerk_secret_key: Secret,
    allowed_origins: Vec<String>,
}

impl AuthSettings {
    pub fn from_env(env: &Env, allowed_origins: &[String]) -> Result<Self, ConfigError> {
        Ok(Self {
            clerk_issuer: env.text("CLERK_ISSUER", "https://your-app.clerk.accounts.dev"),
            clerk_jwks_url: env.text("CLERK_JWKS_URL", ""),
            clerk_authorized_parties: env.origins("CLERK_AUTHORIZED_PARTIES", &[]),
            clerk_secret_key: Secret(env.text("CLERK_SECRET_KEY", "")),
            allowed_origins: allowed_origins.to_vec(),
        })
    }

    /// The settings production refuses while they hold a placeholder.
    pub fn placeholder_checks(&self) -> Vec<(&'static str, &str)> {
        vec![("CLERK_ISSUER", self.clerk_issuer.as_str())]
    }

    pub fn issuer(&self) -> String {
        self.clerk_issuer.trim_end_matches('/').to_string()
    }

    pub fn jwks_url(&self) -> String {
        if self.clerk_jwks_url.is_empty() {
            format!("{}/.well-known/jwks.json", self.issuer())
        } else {
            self.clerk_jwks_url.clone()
        }
    }

    /// Clerk session tokens carry no `aud`; `azp` is checked instead.
    pub fn audience(&self) -> Option<String> {
        None
    }

    pub fn authorized_parties(&self) -> Option<Vec<String>> {
        if self.clerk_authorized_parties.is_empty() {
            Some(self.allowed_origins.clone())
        } else {
            Some(self.clerk_authorized_parties.clone())
        }
    }

    /// Clerk signs with asymmetric keys only (JWKS).
    pub fn shared_secret(&self) -> Option<&str> {
        None
    }
}
