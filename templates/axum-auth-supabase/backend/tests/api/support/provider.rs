//! Supabase's test values: the settings the tests run with and the claims that bind a
//! token to this app (issuer and audience).

use serde_json::{Map, Value, json};

pub const ISSUER: &str = "https://project.example.test/auth/v1";

pub fn env() -> Vec<(&'static str, &'static str)> {
    vec![("SUPABASE_URL", "https://project.example.test")]
}

pub fn binding_claims() -> Map<String, Value> {
    let claims = json!({ "iss": ISSUER, "aud": "authenticated" });
    claims.as_object().cloned().unwrap_or_default()
}
