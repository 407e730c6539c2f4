//! Auth0's test values: the settings the tests run with and the claims that bind a token
//! to this app (issuer and audience).

use serde_json::{Map, Value, json};

pub const ISSUER: &str = "https://tenant.example.test/";
pub const AUDIENCE: &str = "https://api.example.test";

pub fn env() -> Vec<(&'static str, &'static str)> {
    vec![("AUTH0_DOMAIN", "tenant.example.test"), ("AUTH0_AUDIENCE", AUDIENCE)]
}

pub fn binding_claims() -> Map<String, Value> {
    let claims = json!({ "iss": ISSUER, "aud": AUDIENCE });
    claims.as_object().cloned().unwrap_or_default()
}
