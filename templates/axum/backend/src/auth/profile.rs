//! The signed-in person's e-mail and name, and where they come from when the token lacks
//! them. `users::sync_from_claims` caches the answer on the user row: the provider is asked
//! on first sight, then at most once a minute while the e-mail is missing or unverified.

use std::time::Duration;

use super::BoxFuture;
use crate::text::storable_text;

/// How long one request to the provider's API may take.
pub const TIMEOUT: Duration = Duration::from_secs(5);

/// What the token (or the provider) says about the person. `email_verified` is true only
/// when the provider vouches for `email`: authorization never rests on an unverified one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    pub email: Option<String>,
    pub email_verified: bool,
    pub name: Option<String>,
    pub avatar_url: Option<String>,
}

impl Profile {
    /// The same profile with every text safe to store (no control characters, trimmed).
    pub fn storable(self) -> Self {
        let email = self.email.as_deref().and_then(storable_text);
        Self {
            email_verified: self.email_verified && email.is_some(),
            email,
            name: self.name.as_deref().and_then(storable_text),
            avatar_url: self.avatar_url.as_deref().and_then(storable_text),
        }
    }
}

/// Why the provider could not add to the profile.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    /// The provider could not be asked or gave no usable answer; sign-in goes on without it.
    #[error("{0}")]
    Unavailable(String),
    /// A setting the lookup needs is missing; the message names it (a 500, logged).
    #[error("{0}")]
    Config(String),
}

/// The provider's profile of a subject, asked with the server's credentials or the token.
pub trait ProfileSource: Send + Sync {
    fn fetch<'a>(
        &'a self,
        subject: &'a str,
        access_token: &'a str,
    ) -> BoxFuture<'a, Result<Option<Profile>, ProfileError>>;
}

/// Text of at most `limit` characters from a JSON value, or None.
pub fn claim_text(value: Option<&serde_json::Value>, limit: usize) -> Option<String> {
    match value {
        Some(serde_json::Value::String(text)) if !text.is_empty() => Some(text.chars().take(limit).collect()),
        _ => None,
    }
}

/// GET a JSON document with a bearer credential. Errors name the status or the kind of
/// failure only, never the request (it holds the credential).
pub async fn get_json(client: &reqwest::Client, url: &str, bearer: &str) -> Result<serde_json::Value, ProfileError> {
    let response = client
        .get(url)
        .bearer_auth(bearer)
        .timeout(TIMEOUT)
        .send()
        .await
        .map_err(|error| ProfileError::Unavailable(kind_of(&error)))?;
    let status = response.status();
    if !status.is_success() {
        return Err(ProfileError::Unavailable(format!("HTTP {}", status.as_u16())));
    }
    response
        .json()
        .await
        .map_err(|error| ProfileError::Unavailable(kind_of(&error)))
}

fn kind_of(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        "timeout".into()
    } else if error.is_decode() {
        "invalid JSON".into()
    } else {
        "request failed".into()
    }
}
