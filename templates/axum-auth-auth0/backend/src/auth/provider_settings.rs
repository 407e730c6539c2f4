//! Auth0's settings. The shared settings (`crate::config`) ask every provider for the
//! same things: issuer, JWKS URL, audience, authorized parties, shared secret and the
//! values production refuses as placeholders; this module answers them from Auth0's own
//! variables.

use crate::config::{ConfigError, Env};

#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// AUTH0_DOMAIN: the tenant's domain, a bare host name (issuer `https://DOMAIN/`).
    pub auth0_domain: String,
    /// AUTH0_AUDIENCE: the API identifier.
    pub auth0_audience: String,
    /// AUTH0_ISSUER (custom domains): the exact token `iss`; empty: from the domain.
    pub auth0_issuer: String,
    /// AUTH0_JWKS_URL; empty: from the issuer.
    pub auth0_jwks_url: String,
}

/// A bare host name: dot-separated labels of letters, digits and inner hyphens.
fn is_host_name(value: &str) -> bool {
    let labels: Vec<&str> = value.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|label| {
            let bytes = label.as_bytes();
            !bytes.is_empty()
                && bytes.len() <= 63
                && bytes
                    .iter()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
                && bytes[0] != b'-'
                && bytes[bytes.len() - 1] != b'-'
        })
}

fn https_url(name: &str, value: &str) -> Result<(), ConfigError> {
    if !value.is_empty() && (!value.starts_with("https://") || value.chars().any(char::is_whitespace)) {
        return Err(ConfigError(format!(
            "{name} must be an https:// URL without spaces, got `{value}`"
        )));
    }
    Ok(())
}

impl AuthSettings {
    pub fn from_env(env: &Env, _allowed_origins: &[String]) -> Result<Self, ConfigError> {
        let settings = Self {
            auth0_domain: env.text("AUTH0_DOMAIN", "your-tenant.us.auth0.com"),
            auth0_audience: env.text("AUTH0_AUDIENCE", "https://api.your-app.example.com"),
            auth0_issuer: env.text("AUTH0_ISSUER", ""),
            auth0_jwks_url: env.text("AUTH0_JWKS_URL", ""),
        };
        // Refused, not repaired: a scheme or path here means a misread dashboard value.
        if !settings.auth0_domain.is_empty() && !is_host_name(&settings.auth0_domain.to_lowercase()) {
            return Err(ConfigError(format!(
                "AUTH0_DOMAIN must be a bare host name such as `your-tenant.us.auth0.com` \
                 (no scheme, path or spaces), got `{}`; for a custom issuer set AUTH0_ISSUER",
                settings.auth0_domain
            )));
        }
        // Auth0 issuers end in `/`; the token's `iss` is compared byte for byte.
        if !settings.auth0_issuer.is_empty() && !settings.auth0_issuer.ends_with('/') {
            return Err(ConfigError(format!(
                "AUTH0_ISSUER must be the exact token `iss`, ending in `/`: {}",
                settings.auth0_issuer
            )));
        }
        https_url("AUTH0_ISSUER", &settings.auth0_issuer)?;
        https_url("AUTH0_JWKS_URL", &settings.auth0_jwks_url)?;
        if settings.auth0_domain.is_empty() && settings.auth0_issuer.is_empty() {
            return Err(ConfigError(
                "AUTH0_DOMAIN is empty: set it (or AUTH0_ISSUER for a custom domain)".into(),
            ));
        }
        Ok(settings)
    }

    /// The settings production refuses while they hold a placeholder.
    pub fn placeholder_checks(&self) -> Vec<(&'static str, &str)> {
        let domain = if self.auth0_issuer.is_empty() {
            &self.auth0_domain
        } else {
            &self.auth0_issuer
        };
        vec![
            ("AUTH0_DOMAIN", domain.as_str()),
            ("AUTH0_AUDIENCE", self.auth0_audience.as_str()),
        ]
    }

    pub fn issuer(&self) -> String {
        if self.auth0_issuer.is_empty() {
            format!("https://{}/", self.auth0_domain)
        } else {
            self.auth0_issuer.clone()
        }
    }

    pub fn jwks_url(&self) -> String {
        if self.auth0_jwks_url.is_empty() {
            format!("{}.well-known/jwks.json", self.issuer())
        } else {
            self.auth0_jwks_url.clone()
        }
    }

    pub fn audience(&self) -> Option<String> {
        Some(self.auth0_audience.clone())
    }

    /// Auth0 tokens are bound by `aud`; their `azp` is not checked.
    pub fn authorized_parties(&self) -> Option<Vec<String>> {
        None
    }

    /// Auth0 signs access tokens with asymmetric keys (JWKS).
    pub fn shared_secret(&self) -> Option<&str> {
        None
    }

    pub fn userinfo_url(&self) -> String {
        format!("{}userinfo", self.issuer())
    }
}
