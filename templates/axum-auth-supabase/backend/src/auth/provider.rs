//! Supabase's pieces of sign-in: the profile in its tokens and the profile source.
//!
//! Supabase access tokens always carry `email`: there is nothing to ask. Whether it is
//! verified is decided from the token (`profile_from_claims`).

use std::sync::Arc;

use serde_json::{Map, Value};

use super::profile::{ProfileError, ProfileSource, claim_text};
use super::provider_settings::AuthSettings;
use super::{BoxFuture, Claims, Profile};
use crate::config::Settings;

pub fn profile_from_claims(settings: &AuthSettings, claims: &Claims) -> Profile {
    let empty = Map::new();
    let meta = claims.get("user_metadata").and_then(Value::as_object).unwrap_or(&empty);
    let email = claim_text(claims.get("email"), 320);
    // `user_metadata` is writable by the user (and set regardless of proof when e-mail
    // confirmation is off): its `email_verified` is never trusted. A top-level claim can
    // only come from a custom access token hook; else the project setting decides.
    let verified = claims
        .get("email_verified")
        .and_then(Value::as_bool)
        .unwrap_or(settings.supabase_email_confirmation_required);
    let name = claim_text(meta.get("full_name"), 100).or_else(|| claim_text(meta.get("name"), 100));
    Profile {
        email_verified: email.is_some() && verified,
        email,
        name,
        avatar_url: claim_text(meta.get("avatar_url"), 2048),
    }
}

/// Supabase: the token already holds the profile, the provider is never asked.
pub struct TokenProfiles;

impl ProfileSource for TokenProfiles {
    fn fetch<'a>(
        &'a self,
        _subject: &'a str,
        _access_token: &'a str,
    ) -> BoxFuture<'a, Result<Option<Profile>, ProfileError>> {
        Box::pin(async { Ok(None) })
    }
}

/// The process-wide profile source of the configured provider.
pub fn profile_source(_settings: &Settings, _client: reqwest::Client) -> Arc<dyn ProfileSource> {
    Arc::new(TokenProfiles)
}
