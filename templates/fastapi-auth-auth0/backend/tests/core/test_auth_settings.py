"""Auth0's settings: the endpoints derived from them and the values refused at startup."""

from typing import Any

import pytest
from pydantic import ValidationError

from app.core.config import Settings


def make_settings(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)


def test_auth_endpoints_are_derived_from_the_provider_settings() -> None:
    settings = make_settings(auth0_domain="example.eu.auth0.com", auth0_audience="api")
    assert settings.auth_issuer == "https://example.eu.auth0.com/"
    assert settings.auth_jwks_url == "https://example.eu.auth0.com/.well-known/jwks.json"
    assert settings.auth0_userinfo_url == "https://example.eu.auth0.com/userinfo"
    assert settings.auth_audience == "api"


@pytest.mark.parametrize(
    "domain",
    [
        "http://example.eu.auth0.com",
        "https://example.eu.auth0.com/",
        "example.eu.auth0.com/api",
        "example.eu.auth0.com ",
        "exa mple.eu.auth0.com",
        "localhost",
    ],
)
def test_malformed_auth0_domain_is_a_startup_error_naming_it(domain: str) -> None:
    # Refused, never rewritten (http:// used to become https:// silently).
    with pytest.raises(ValidationError, match="AUTH0_DOMAIN must be a bare host name"):
        make_settings(auth0_domain=domain)


def test_empty_auth0_domain_without_an_issuer_is_a_startup_error() -> None:
    with pytest.raises(ValidationError, match="AUTH0_DOMAIN is empty"):
        make_settings(auth0_domain="", auth0_issuer="")


def test_auth0_issuer_and_jwks_overrides_serve_custom_domains() -> None:
    settings = make_settings(auth0_domain="", auth0_issuer="https://login.example.com/")
    assert settings.auth_issuer == "https://login.example.com/"
    assert settings.auth_jwks_url == "https://login.example.com/.well-known/jwks.json"
    assert settings.auth0_userinfo_url == "https://login.example.com/userinfo"
    explicit = make_settings(
        auth0_domain="example.eu.auth0.com", auth0_jwks_url="https://keys.example.com/jwks.json"
    )
    assert explicit.auth_issuer == "https://example.eu.auth0.com/"
    assert explicit.auth_jwks_url == "https://keys.example.com/jwks.json"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"auth0_issuer": "http://login.example.com/"}, "AUTH0_ISSUER must be an https:// URL"),
        ({"auth0_issuer": "https://login.example.com"}, "AUTH0_ISSUER must be the exact"),
        ({"auth0_jwks_url": "http://keys.example.com/jwks"}, "AUTH0_JWKS_URL must be an https"),
        ({"auth0_jwks_url": "https://keys.example.com/a b"}, "AUTH0_JWKS_URL must be an https"),
    ],
)
def test_malformed_auth0_overrides_are_startup_errors(values: dict[str, str], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        make_settings(**values)
