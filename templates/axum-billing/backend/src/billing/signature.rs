//! The HMAC-SHA256 checks every provider's webhook signature is built on.
//!
//! Comparisons go through `Mac::verify_slice`, which is constant-time, so a forger learns
//! nothing from how long a wrong signature took to refuse.

use chrono::Utc;
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// True when one of `candidates` (hex, any case) is the HMAC-SHA256 of `message` under
/// `secret`.
pub fn matches_any<'a>(secret: &str, message: &[u8], candidates: impl IntoIterator<Item = &'a str>) -> bool {
    candidates
        .into_iter()
        .any(|candidate| matches(secret, message, candidate))
}

/// True when `signature` (hex, any case) is the HMAC-SHA256 of `message` under `secret`.
pub fn matches(secret: &str, message: &[u8], signature: &str) -> bool {
    let Ok(expected) = hex::decode(signature.trim()) else {
        return false;
    };
    let mut mac = HmacSha256::new_from_slice(secret.as_bytes()).expect("HMAC takes any key");
    mac.update(message);
    mac.verify_slice(&expected).is_ok()
}

/// The hex HMAC-SHA256 of `message` under `secret`: how tests sign their webhooks.
pub fn sign(secret: &str, message: &[u8]) -> String {
    let mut mac = HmacSha256::new_from_slice(secret.as_bytes()).expect("HMAC takes any key");
    mac.update(message);
    hex::encode(mac.finalize().into_bytes())
}

/// True when the unix time `signed_at` is within `tolerance` seconds of now, in the past or
/// in the future (replay protection).
pub fn is_fresh(signed_at: i64, tolerance: i64) -> bool {
    let now = Utc::now().timestamp();
    (now - signed_at).abs() <= tolerance
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_made_with_the_secret_matches_in_any_case() {
        let signature = sign("whsec_test", b"body");
        assert!(matches("whsec_test", b"body", &signature));
        assert!(matches("whsec_test", b"body", &signature.to_uppercase()));
    }

    #[test]
    fn another_secret_another_body_or_non_hex_does_not_match() {
        let signature = sign("whsec_test", b"body");
        assert!(!matches("whsec_other", b"body", &signature));
        assert!(!matches("whsec_test", b"body!", &signature));
        assert!(!matches("whsec_test", b"body", "not hex"));
        assert!(!matches("whsec_test", b"body", ""));
    }

    #[test]
    fn any_of_several_candidates_may_match_during_a_secret_rotation() {
        let good = sign("new", b"m");
        let old = sign("old", b"m");
        assert!(matches_any("new", b"m", [old.as_str(), good.as_str()]));
        assert!(!matches_any("new", b"m", [old.as_str()]));
        assert!(!matches_any("new", b"m", []));
    }

    #[test]
    fn freshness_allows_the_tolerance_both_ways_and_no_more() {
        let now = Utc::now().timestamp();
        assert!(is_fresh(now - 290, 300));
        assert!(is_fresh(now + 290, 300));
        assert!(!is_fresh(now - 310, 300));
        assert!(!is_fresh(now + 310, 300));
    }
}
