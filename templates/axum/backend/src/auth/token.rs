//! Access token checks: signature, algorithm, exp, nbf, iss, and aud or azp as the
//! provider sets them.
//!
//! Only asymmetric algorithms (RS256, ES256) with keys from the JWKS, unless the provider's
//! settings hold a shared secret (Supabase's legacy JWT secret): then only HS256 tokens
//! signed with it. The two modes never mix.

use std::collections::HashSet;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::{Map, Value};

use super::AuthError;
use super::jwks::JwksCache;
use crate::text::has_unsafe_characters;

/// Clock skew tolerated on exp and nbf.
pub const LEEWAY_SECONDS: u64 = 5;
/// The length of the `users.auth_subject` column.
pub const MAX_SUBJECT_LENGTH: usize = 255;

/// A verified token's claims.
pub type Claims = Map<String, Value>;

/// Where the key that must have signed a token comes from.
pub enum SigningKeys {
    Jwks(JwksCache),
    SharedSecret(DecodingKey),
}

impl SigningKeys {
    fn allows(&self, algorithm: &str) -> Option<Algorithm> {
        match (self, algorithm) {
            (Self::Jwks(_), "RS256") => Some(Algorithm::RS256),
            (Self::Jwks(_), "ES256") => Some(Algorithm::ES256),
            (Self::SharedSecret(_), "HS256") => Some(Algorithm::HS256),
            _ => None,
        }
    }

    async fn key_for(&self, algorithm: Algorithm, kid: Option<&str>) -> Result<DecodingKey, AuthError> {
        match self {
            Self::Jwks(cache) => cache.key_for(algorithm, kid).await,
            Self::SharedSecret(key) => Ok(key.clone()),
        }
    }
}

/// Verifies tokens for one provider. `audience` None: no `aud` required.
/// `authorized_parties` None: `azp` not checked; a list: a present `azp` must be in it.
pub struct TokenVerifier {
    pub keys: SigningKeys,
    pub issuer: String,
    pub audience: Option<String>,
    pub authorized_parties: Option<Vec<String>>,
}

impl TokenVerifier {
    /// The JWKS cache, when the keys come from one (tests read its fetch count).
    pub fn jwks(&self) -> Option<&JwksCache> {
        match &self.keys {
            SigningKeys::Jwks(cache) => Some(cache),
            SigningKeys::SharedSecret(_) => None,
        }
    }

    pub async fn verify(&self, token: &str) -> Result<Claims, AuthError> {
        let header = unverified_header(token).ok_or(AuthError::Invalid("malformed token"))?;
        let alg = header.get("alg").and_then(Value::as_str).unwrap_or_default();
        let algorithm = self
            .keys
            .allows(alg)
            .ok_or(AuthError::Invalid("unsupported token algorithm"))?;
        let kid = header.get("kid").and_then(Value::as_str);
        let key = self.keys.key_for(algorithm, kid).await?;
        let claims = jsonwebtoken::decode::<Claims>(token, &key, &self.validation(algorithm))
            .map_err(|error| AuthError::Invalid(refusal(error.kind())))?
            .claims;
        if !claims.get("sub").and_then(Value::as_str).is_some_and(valid_subject) {
            return Err(AuthError::Invalid("invalid token subject"));
        }
        self.check_authorized_party(&claims)?;
        Ok(claims)
    }

    fn validation(&self, algorithm: Algorithm) -> Validation {
        let mut validation = Validation::new(algorithm);
        validation.leeway = LEEWAY_SECONDS;
        validation.validate_nbf = true;
        validation.set_issuer(&[&self.issuer]);
        validation.required_spec_claims = HashSet::from(["exp", "iss", "sub"].map(String::from));
        match &self.audience {
            Some(audience) => {
                validation.set_audience(&[audience]);
                // Without this, a token with no `aud` at all would pass the audience check.
                validation.required_spec_claims.insert("aud".into());
            }
            None => validation.validate_aud = false,
        }
        validation
    }

    /// `azp` is the origin the token was issued to (the frontend).
    fn check_authorized_party(&self, claims: &Claims) -> Result<(), AuthError> {
        let (Some(parties), Some(azp)) = (&self.authorized_parties, claims.get("azp")) else {
            return Ok(());
        };
        if azp.as_str().is_some_and(|azp| parties.iter().any(|party| party == azp)) {
            Ok(())
        } else {
            Err(AuthError::Invalid("token issued to an unauthorized party"))
        }
    }
}

fn refusal(kind: &ErrorKind) -> &'static str {
    match kind {
        ErrorKind::ExpiredSignature => "token expired",
        ErrorKind::ImmatureSignature => "token not yet valid",
        ErrorKind::InvalidIssuer => "wrong token issuer",
        ErrorKind::InvalidAudience => "wrong token audience",
        _ => "invalid token",
    }
}

/// The token's header as JSON, read before any check (to pick the algorithm and key).
fn unverified_header(token: &str) -> Option<Map<String, Value>> {
    let mut parts = token.split('.');
    let (header, _payload, _signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let bytes = URL_SAFE_NO_PAD.decode(header.trim_end_matches('=')).ok()?;
    match serde_json::from_slice(&bytes).ok()? {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

/// A subject that fits `users.auth_subject` and can be stored and logged as is. A signed
/// token is still input: a NUL or an over-long `sub` is refused like a bad signature.
pub fn valid_subject(sub: &str) -> bool {
    let length = sub.chars().count();
    length > 0 && length <= MAX_SUBJECT_LENGTH && !has_unsafe_characters(sub) && sub == sub.trim()
}
