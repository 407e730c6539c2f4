"""Clerk's token rules: session tokens are bound to the frontend by `azp`, never by `aud`."""

import pytest

from app.core.auth import InvalidTokenError, TokenVerifier
from tests.conftest import TokenFactory
from tests.core.test_auth import claims_of


async def test_token_for_another_authorized_party_is_rejected(
    verifier: TokenVerifier, make_token: TokenFactory
) -> None:
    with pytest.raises(InvalidTokenError, match="unauthorized party"):
        await verifier.verify(make_token(azp="https://evil.example"))


async def test_clerk_session_token_without_aud_is_accepted(
    verifier: TokenVerifier, make_token: TokenFactory
) -> None:
    assert "aud" not in claims_of(make_token)
    claims = await verifier.verify(make_token())
    assert claims["azp"] == "http://localhost:3000"
