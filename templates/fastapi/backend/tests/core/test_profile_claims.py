"""The profile every provider reads from its tokens, wherever the provider puts it.

tests.auth_provider.profile_claims places the e-mail, name and picture where the chosen
provider's tokens carry them, so the same expectations hold for each provider.
"""

from typing import Any, cast

from app.core.auth_provider import profile_from_claims
from tests.auth_provider import profile_claims


def test_profile_is_read_from_the_claims() -> None:
    claims = profile_claims("ada@example.com", "Ada Lovelace", "https://img.test/a.png", True)
    profile = profile_from_claims({"sub": "u", **claims})
    assert profile.email == "ada@example.com"
    assert profile.email_verified is True
    assert profile.name == "Ada Lovelace"
    assert profile.avatar_url == "https://img.test/a.png"


def test_profile_ignores_missing_or_non_text_claims() -> None:
    not_text = cast(Any, 42)
    claims = profile_claims(not_text, cast(Any, ["x"]), not_text, None)
    profile = profile_from_claims({"sub": "u", **claims})
    assert (profile.email, profile.name, profile.avatar_url) == (None, None, None)
    assert profile.email_verified is False
    assert profile_from_claims({"sub": "u"}) == profile
