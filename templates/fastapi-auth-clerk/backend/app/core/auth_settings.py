"""Clerk's settings: a mixin of `app.core.config.Settings`, read from the same places.

The shared settings module asks every provider for the same names: `auth_issuer`,
`auth_jwks_url`, `auth_audience`, `auth_authorized_parties`, `auth_shared_secret` and
`auth_placeholder_checks()`; this module answers them from Clerk's own variables.
"""

from typing import TYPE_CHECKING, Annotated

from pydantic_settings import BaseSettings, NoDecode

# Settings read comma separated with trailing slashes dropped, like ALLOWED_ORIGINS.
AUTH_ORIGIN_LISTS = ("clerk_authorized_parties",)


class AuthSettings(BaseSettings):
    # Clerk: the Frontend API URL is the token issuer (Dashboard > API keys).
    clerk_issuer: str = "https://your-app.clerk.accounts.dev"
    # Empty: derived from the issuer.
    clerk_jwks_url: str = ""
    # Origins allowed in the token's `azp` claim; empty: ALLOWED_ORIGINS.
    clerk_authorized_parties: Annotated[list[str], NoDecode] = []
    # Reads a new user's e-mail from Clerk's Backend API (session tokens carry none).
    clerk_secret_key: str = ""

    if TYPE_CHECKING:
        # A shared setting (app.core.config), read by `auth_authorized_parties`.
        allowed_origins: list[str]

    def auth_placeholder_checks(self) -> dict[str, str]:
        """The provider's settings that production refuses while they hold a placeholder."""
        return {"CLERK_ISSUER": self.clerk_issuer}

    @property
    def auth_issuer(self) -> str:
        return self.clerk_issuer.rstrip("/")

    @property
    def auth_jwks_url(self) -> str:
        return self.clerk_jwks_url or f"{self.auth_issuer}/.well-known/jwks.json"

    @property
    def auth_audience(self) -> str | None:
        # Clerk session tokens carry no `aud`; `azp` is checked instead.
        return None

    @property
    def auth_authorized_parties(self) -> list[str] | None:
        return self.clerk_authorized_parties or self.allowed_origins

    @property
    def auth_shared_secret(self) -> str:
        # Clerk signs with asymmetric keys only (JWKS).
        return ""
