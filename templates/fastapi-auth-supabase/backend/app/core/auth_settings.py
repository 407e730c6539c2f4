"""Supabase's settings: a mixin of `app.core.config.Settings`, read from the same places.

The shared settings module asks every provider for the same names: `auth_issuer`,
`auth_jwks_url`, `auth_audience`, `auth_authorized_parties`, `auth_shared_secret` and
`auth_placeholder_checks()`; this module answers them from Supabase's own variables.
"""

from pydantic import field_validator
from pydantic_settings import BaseSettings

# Settings read comma separated with trailing slashes dropped, like ALLOWED_ORIGINS.
AUTH_ORIGIN_LISTS: tuple[str, ...] = ()


class AuthSettings(BaseSettings):
    # Supabase: the project URL; tokens are issued by SUPABASE_URL/auth/v1.
    supabase_url: str = "https://your-project-ref.supabase.co"
    supabase_jwt_audience: str = "authenticated"
    # Legacy JWT secret: when set, tokens are HS256 signed with it, and only those are
    # accepted (no JWKS). Empty: asymmetric signing keys from the JWKS.
    supabase_jwt_secret: str = ""
    # True when the project refuses sign-in until the e-mail is confirmed (Authentication >
    # Sign In / Providers > Email > Confirm email): the token's `email` is then verified.
    supabase_email_confirmation_required: bool = False

    @field_validator("supabase_jwt_secret")
    @classmethod
    def long_enough_secret(cls, value: str) -> str:
        if value and len(value) < 32:
            raise ValueError(
                "SUPABASE_JWT_SECRET must be the project's legacy JWT secret (32+ characters)"
            )
        return value

    def auth_placeholder_checks(self) -> dict[str, str]:
        """The provider's settings that production refuses while they hold a placeholder."""
        return {"SUPABASE_URL": self.supabase_url}

    @property
    def auth_issuer(self) -> str:
        return f"{self.supabase_url.rstrip('/')}/auth/v1"

    @property
    def auth_jwks_url(self) -> str:
        return f"{self.auth_issuer}/.well-known/jwks.json"

    @property
    def auth_audience(self) -> str | None:
        return self.supabase_jwt_audience

    @property
    def auth_authorized_parties(self) -> list[str] | None:
        # Supabase tokens are bound by `aud`; `azp` is not checked.
        return None

    @property
    def auth_shared_secret(self) -> str:
        """The legacy JWT secret: when set, the only key (HS256); empty: the JWKS."""
        return self.supabase_jwt_secret
