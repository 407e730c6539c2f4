//! Sign-in: access tokens verified against the provider's keys, the profile they carry
//! (or the provider's API adds), and the `CurrentUser` extractor that routes use.
//!
//! What differs per provider (settings, claims, where the e-mail comes from) lives in
//! `provider_settings` and `provider`, supplied by the provider's template layer at the
//! same paths for every provider; this module and its siblings are shared.

pub mod extractor;
pub mod jwks;
pub mod profile;
pub mod provider;
pub mod provider_settings;
pub mod token;

use std::future::Future;
use std::pin::Pin;

pub use extractor::CurrentUser;
pub use profile::{Profile, ProfileError, ProfileSource};
pub use token::{Claims, TokenVerifier};

/// A boxed future: what the object-safe traits here (`JwksFetcher`, `ProfileSource`) return.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Why a token was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    /// Malformed, forged, expired or meant for someone else: 401 with this text.
    #[error("{0}")]
    Invalid(&'static str),
    /// The JWKS cannot be fetched and no cached key fits: 503.
    #[error("authentication temporarily unavailable")]
    Unavailable,
}
