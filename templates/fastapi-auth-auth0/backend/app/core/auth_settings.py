"""Auth0's settings: a mixin of `app.core.config.Settings`, read from the same places.

The shared settings module asks every provider for the same names: `auth_issuer`,
`auth_jwks_url`, `auth_audience`, `auth_authorized_parties`, `auth_shared_secret` and
`auth_placeholder_checks()`; this module answers them from Auth0's own variables.
"""

import re
from typing import Self

from pydantic import field_validator, model_validator
from pydantic_settings import BaseSettings

# Settings read comma separated with trailing slashes dropped, like ALLOWED_ORIGINS.
AUTH_ORIGIN_LISTS: tuple[str, ...] = ()

# A bare host name: dot-separated labels of letters, digits and inner hyphens.
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST_NAME = re.compile(rf"{_LABEL}(?:\.{_LABEL})+")


def _https_url(name: str, value: str) -> str:
    if value and (not value.startswith("https://") or any(c.isspace() for c in value)):
        raise ValueError(f"{name} must be an https:// URL without spaces, got `{value}`")
    return value


class AuthSettings(BaseSettings):
    # Auth0: the tenant's domain, a bare host name (issuer https://DOMAIN/), and the API
    # identifier (audience).
    auth0_domain: str = "your-tenant.us.auth0.com"
    auth0_audience: str = "https://api.your-app.example.com"
    # Custom domains: the exact `iss` of the tokens and the JWKS URL; empty: from the domain.
    auth0_issuer: str = ""
    auth0_jwks_url: str = ""

    @field_validator("auth0_domain")
    @classmethod
    def bare_auth0_domain(cls, value: str) -> str:
        # Refused, not repaired: a scheme or path here means a misread dashboard value.
        if value and not _HOST_NAME.fullmatch(value.lower()):
            raise ValueError(
                f"AUTH0_DOMAIN must be a bare host name such as `your-tenant.us.auth0.com` "
                f"(no scheme, path or spaces), got `{value}`; for a custom issuer set AUTH0_ISSUER"
            )
        return value

    @field_validator("auth0_issuer")
    @classmethod
    def exact_auth0_issuer(cls, value: str) -> str:
        # Auth0 issuers end in `/`; the token's `iss` is compared byte for byte.
        if value and not value.endswith("/"):
            raise ValueError(f"AUTH0_ISSUER must be the exact token `iss`, ending in `/`: {value}")
        return _https_url("AUTH0_ISSUER", value)

    @field_validator("auth0_jwks_url")
    @classmethod
    def https_auth0_jwks_url(cls, value: str) -> str:
        return _https_url("AUTH0_JWKS_URL", value)

    @model_validator(mode="after")
    def auth0_issuer_is_known(self) -> Self:
        if not self.auth0_domain and not self.auth0_issuer:
            raise ValueError("AUTH0_DOMAIN is empty: set it (or AUTH0_ISSUER for a custom domain)")
        return self

    def auth_placeholder_checks(self) -> dict[str, str]:
        """The provider's settings that production refuses while they hold a placeholder."""
        return {
            "AUTH0_DOMAIN": self.auth0_issuer or self.auth0_domain,  # or its override
            "AUTH0_AUDIENCE": self.auth0_audience,
        }

    @property
    def auth_issuer(self) -> str:
        return self.auth0_issuer or f"https://{self.auth0_domain}/"

    @property
    def auth_jwks_url(self) -> str:
        return self.auth0_jwks_url or f"{self.auth_issuer}.well-known/jwks.json"

    @property
    def auth_audience(self) -> str | None:
        return self.auth0_audience

    @property
    def auth_authorized_parties(self) -> list[str] | None:
        # Auth0 tokens are bound by `aud`; their `azp` is not checked.
        return None

    @property
    def auth_shared_secret(self) -> str:
        # Auth0 signs access tokens with asymmetric keys (JWKS).
        return ""

    @property
    def auth0_userinfo_url(self) -> str:
        """OpenID Connect userinfo, on the issuer's host (custom domains included)."""
        return f"{self.auth_issuer}userinfo"
