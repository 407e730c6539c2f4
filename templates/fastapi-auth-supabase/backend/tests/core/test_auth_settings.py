"""Supabase's settings: the endpoints derived from them and the values refused at startup."""

from typing import Any

import pytest
from pydantic import ValidationError

from app.core.config import Settings


def make_settings(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)


def test_auth_endpoints_are_derived_from_the_provider_settings() -> None:
    settings = make_settings(supabase_url="https://abcd.supabase.co/")
    assert settings.auth_issuer == "https://abcd.supabase.co/auth/v1"
    assert settings.auth_jwks_url == "https://abcd.supabase.co/auth/v1/.well-known/jwks.json"
    assert settings.auth_audience == "authenticated"


def test_short_supabase_jwt_secret_is_a_startup_error() -> None:
    with pytest.raises(ValidationError, match="SUPABASE_JWT_SECRET"):
        make_settings(supabase_jwt_secret="too-short")
