//! Clerk's pieces of sign-in: the profile in its tokens and the profile source.
//!
//! Clerk's default session token carries no e-mail. The API then reads the user from
//! Clerk's Backend API (`GET /v1/users/{user_id}` with CLERK_SECRET_KEY) and takes the
//! primary e-mail address and whether Clerk verified it.

use std::sync::Arc;

use serde_json::{Value, json};

use super::profile::{ProfileError, ProfileSource, claim_text, get_json};
use super::provider_settings::AuthSettings;
use super::{BoxFuture, Claims, Profile};
use crate::config::{Settings, is_placeholder};

pub const CLERK_API_URL: &str = "https://api.clerk.com/v1";

/// Custom session token claims `email`, `email_verified`, `name` and `picture` (or
/// `image_url`) are used when present.
pub fn profile_from_claims(_settings: &AuthSettings, claims: &Claims) -> Profile {
    token_profile(claims)
}

fn token_profile(claims: &Claims) -> Profile {
    let email = claim_text(claims.get("email"), 320);
    let picture = claim_text(claims.get("picture"), 2048).or_else(|| claim_text(claims.get("image_url"), 2048));
    Profile {
        email_verified: email.is_some() && claims.get("email_verified") == Some(&Value::Bool(true)),
        email,
        name: claim_text(claims.get("name"), 100),
        avatar_url: picture,
    }
}

/// Clerk Backend API: the user object, read with the instance's secret key.
pub struct ClerkProfiles {
    client: reqwest::Client,
    secret_key: String,
    api_url: String,
}

impl ClerkProfiles {
    pub fn new(client: reqwest::Client, secret_key: String, api_url: String) -> Self {
        Self {
            client,
            secret_key,
            api_url,
        }
    }
}

impl ProfileSource for ClerkProfiles {
    fn fetch<'a>(
        &'a self,
        subject: &'a str,
        _access_token: &'a str,
    ) -> BoxFuture<'a, Result<Option<Profile>, ProfileError>> {
        Box::pin(async move {
            if is_placeholder(&self.secret_key) {
                return Err(ProfileError::Config(
                    "CLERK_SECRET_KEY is not set: the API needs it to read users' e-mail addresses \
                     from Clerk (Clerk dashboard > API keys > Secret keys)"
                        .into(),
                ));
            }
            let mut url = reqwest::Url::parse(&self.api_url).map_err(|e| ProfileError::Config(e.to_string()))?;
            url.path_segments_mut()
                .map_err(|()| ProfileError::Config("the Clerk API URL cannot take a path".into()))?
                .extend(["users", subject]);
            let user = get_json(&self.client, url.as_str(), &self.secret_key).await?;
            clerk_profile(&user).map(Some)
        })
    }
}

/// The primary e-mail address, verified when its verification status is `verified`.
pub fn clerk_profile(user: &Value) -> Result<Profile, ProfileError> {
    let user = user
        .as_object()
        .ok_or_else(|| ProfileError::Unavailable("Clerk answered with something other than a user".into()))?;
    let primary_id = user.get("primary_email_address_id");
    let primary = user
        .get("email_addresses")
        .and_then(Value::as_array)
        .and_then(|addresses| {
            addresses
                .iter()
                .find(|address| address.is_object() && address.get("id") == primary_id && primary_id.is_some())
        })
        .cloned()
        .unwrap_or_else(|| json!({}));
    let status = primary.pointer("/verification/status").and_then(Value::as_str);
    let name: Vec<&str> = ["first_name", "last_name"]
        .iter()
        .filter_map(|key| user.get(*key).and_then(Value::as_str).filter(|part| !part.is_empty()))
        .collect();
    let mut claims = Claims::new();
    claims.insert(
        "email".into(),
        primary.get("email_address").cloned().unwrap_or(Value::Null),
    );
    claims.insert("email_verified".into(), Value::Bool(status == Some("verified")));
    claims.insert("name".into(), Value::String(name.join(" ")));
    claims.insert("picture".into(), user.get("image_url").cloned().unwrap_or(Value::Null));
    Ok(token_profile(&claims))
}

/// The process-wide profile source of the configured provider.
pub fn profile_source(settings: &Settings, client: reqwest::Client) -> Arc<dyn ProfileSource> {
    Arc::new(ClerkProfiles::new(
        client,
        settings.auth.clerk_secret_key.0.clone(),
        CLERK_API_URL.into(),
    ))
}
