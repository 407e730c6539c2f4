//! The open-redirect guard: the payment provider sends the customer back only to one of
//! our own origins (ALLOWED_ORIGINS), never to a URL an attacker put in a request.

use reqwest::Url;

/// (scheme, host, port) of an absolute http(s) URL, or `None` when it is not one.
fn origin(url: &str) -> Option<(String, String, u16)> {
    if url.chars().any(|c| c.is_control() || matches!(c, '\\' | ' ')) {
        return None;
    }
    let parsed = Url::parse(url).ok()?;
    let scheme = parsed.scheme();
    if !matches!(scheme, "http" | "https") || !parsed.username().is_empty() || parsed.password().is_some() {
        return None;
    }
    let host = parsed.host_str().filter(|host| !host.is_empty())?.to_lowercase();
    Some((scheme.to_owned(), host, parsed.port_or_known_default()?))
}

/// True when `url` is an absolute http(s) URL on one of the `allowed` origins.
///
/// Relative URLs, other schemes, credentials in the URL and look-alike hosts
/// (`https://app.example.com.evil.test`) are refused.
pub fn is_allowed_origin(url: &str, allowed: &[String]) -> bool {
    let Some(target) = origin(url) else { return false };
    allowed
        .iter()
        .any(|origin_url| origin(origin_url).as_ref() == Some(&target))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed() -> Vec<String> {
        vec!["https://app.example.com".into(), "http://localhost:3000".into()]
    }

    #[test]
    fn urls_on_an_allowed_origin_pass_whatever_their_path() {
        assert!(is_allowed_origin("https://app.example.com/billing?ok=1", &allowed()));
        assert!(is_allowed_origin("https://APP.example.com:443/", &allowed()));
        assert!(is_allowed_origin("http://localhost:3000/settings", &allowed()));
    }

    #[test]
    fn other_origins_and_look_alikes_are_refused() {
        for url in [
            "https://app.example.com.evil.test/",
            "https://evil.test/?https://app.example.com",
            "http://app.example.com/",
            "https://app.example.com:8443/",
            "http://localhost:3001/",
        ] {
            assert!(!is_allowed_origin(url, &allowed()), "{url}");
        }
    }

    #[test]
    fn relative_schemeless_credentialed_and_odd_urls_are_refused() {
        for url in [
            "/billing",
            "//evil.test/",
            "javascript:alert(1)",
            "https://user@app.example.com/",
            "https://:pw@app.example.com/",
            "https://app.example.com\\@evil.test/",
            "https://app.example.com/\r\nx",
            " https://app.example.com/",
            "",
        ] {
            assert!(!is_allowed_origin(url, &allowed()), "{url:?}");
        }
    }
}
