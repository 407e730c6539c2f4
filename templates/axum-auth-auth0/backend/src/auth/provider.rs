//! Auth0's pieces of sign-in: the profile in its tokens and the profile source.
//!
//! Auth0 access tokens carry no e-mail unless an Action adds it. The API then asks the
//! tenant's OpenID Connect `/userinfo` endpoint with the user's own access token (the
//! frontend requests the scopes `openid profile email`).

use std::sync::Arc;

use serde_json::Value;

use super::profile::{ProfileError, ProfileSource, claim_text, get_json};
use super::provider_settings::AuthSettings;
use super::{BoxFuture, Claims, Profile};
use crate::config::Settings;

/// Access tokens carry profile claims only when an Auth0 Action adds them; otherwise the
/// profile comes from /userinfo (`Auth0Profiles`).
pub fn profile_from_claims(_settings: &AuthSettings, claims: &Claims) -> Profile {
    token_profile(claims)
}

/// Standard OIDC claims: email, email_verified, name, picture.
fn token_profile(claims: &Claims) -> Profile {
    let email = claim_text(claims.get("email"), 320);
    Profile {
        email_verified: email.is_some() && claims.get("email_verified") == Some(&Value::Bool(true)),
        email,
        name: claim_text(claims.get("name"), 100),
        avatar_url: claim_text(claims.get("picture"), 2048),
    }
}

/// OpenID Connect userinfo, asked with the user's own access token.
pub struct Auth0Profiles {
    client: reqwest::Client,
    userinfo_url: String,
}

impl Auth0Profiles {
    pub fn new(client: reqwest::Client, userinfo_url: String) -> Self {
        Self { client, userinfo_url }
    }
}

impl ProfileSource for Auth0Profiles {
    fn fetch<'a>(
        &'a self,
        subject: &'a str,
        access_token: &'a str,
    ) -> BoxFuture<'a, Result<Option<Profile>, ProfileError>> {
        Box::pin(async move {
            let document = get_json(&self.client, &self.userinfo_url, access_token).await?;
            match document {
                Value::Object(claims) if claims.get("sub").and_then(Value::as_str) == Some(subject) => {
                    Ok(Some(token_profile(&claims)))
                }
                _ => Err(ProfileError::Unavailable(
                    "userinfo did not describe the token's subject".into(),
                )),
            }
        })
    }
}

/// The process-wide profile source of the configured provider.
pub fn profile_source(settings: &Settings, client: reqwest::Client) -> Arc<dyn ProfileSource> {
    Arc::new(Auth0Profiles::new(client, settings.auth.userinfo_url()))
}
