"""Auth0's token rules: an access token is bound to this API by `aud`."""

import pytest

from app.core.auth import InvalidTokenError, TokenVerifier
from tests.conftest import TokenFactory


async def test_token_for_another_audience_is_rejected(
    verifier: TokenVerifier, make_token: TokenFactory
) -> None:
    with pytest.raises(InvalidTokenError, match="audience"):
        await verifier.verify(make_token(aud="https://other-api.example"))


async def test_token_without_audience_is_rejected(
    verifier: TokenVerifier, make_token: TokenFactory
) -> None:
    with pytest.raises(InvalidTokenError):
        await verifier.verify(make_token(aud=None))
