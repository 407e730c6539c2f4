//! `CurrentUser`: the user the bearer token belongs to, created on first sight.
//!
//! Every request has already been counted against its client IP (the rate-limit
//! middleware); a verified one is counted against its user here.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

use super::AuthError;
use super::provider::profile_from_claims;
use crate::error::AppError;
use crate::middleware::request_context::RequestContext;
use crate::state::AppState;
use crate::users::{self, ProfileLookup, User};

/// Use as a handler argument: `CurrentUser(user): CurrentUser`.
#[derive(Debug, Clone)]
pub struct CurrentUser(pub User);

/// The token of an `Authorization: Bearer <token>` header (scheme in any case).
pub fn bearer_token(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = bearer_token(parts).ok_or_else(|| AppError::unauthorized("not authenticated"))?;
        let claims = state.verifier.verify(token).await.map_err(|error| match error {
            AuthError::Invalid(detail) => AppError::unauthorized(detail),
            AuthError::Unavailable => AppError::unavailable("authentication temporarily unavailable"),
        })?;
        let profile = profile_from_claims(&state.settings.auth, &claims);
        let subject = claims.get("sub").and_then(|sub| sub.as_str()).unwrap_or_default();
        let lookup = ProfileLookup {
            source: state.profiles.as_ref(),
            subject,
            access_token: token,
        };
        let user = users::from_token(&state.db, &state.user_cache, &claims, profile, Some(lookup)).await?;
        if let Some(retry_after) = state.user_limiter.hit(&format!("user:{}", user.id)) {
            return Err(AppError::too_many_requests(retry_after));
        }
        if let Some(context) = parts.extensions.get::<RequestContext>() {
            context.set_user(user.id);
        }
        Ok(Self(user))
    }
}
