//! Clerk's test values: the settings the tests run with and the claims that bind a token
//! to this app (issuer and authorized party).

use serde_json::{Map, Value, json};

pub const ISSUER: &str = "https://clerk.example.test";

pub fn env() -> Vec<(&'static str, &'static str)> {
    vec![("CLERK_ISSUER", ISSUER), ("CLERK_SECRET_KEY", "sk_test_key")]
}

pub fn binding_claims() -> Map<String, Value> {
    let claims = json!({ "iss": ISSUER, "azp": "http://localhost:3000" });
    claims.as_object().cloned().unwrap_or_default()
}
