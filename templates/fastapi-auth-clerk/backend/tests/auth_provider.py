"""Clerk's side of the shared test fixtures: its test settings and the shape of its tokens.

conftest.py imports this module before the app reads its settings, so it imports no app
module.
"""

from typing import Any

# The provider's settings, pinned for the suite (conftest.py sets them in the environment).
ENVIRONMENT = {
    "CLERK_ISSUER": "https://clerk.app.test",
    "CLERK_JWKS_URL": "",
    "CLERK_AUTHORIZED_PARTIES": "http://localhost:3000",
    "CLERK_SECRET_KEY": "sk_test_fake_clerk_secret_key",
}
AUTHORIZED_PARTY = "http://localhost:3000"

# Settings as `.env.example` has them (production refuses them, naming EXAMPLE_NAME), and
# values a real deployment could use.
EXAMPLE_SETTINGS = {"clerk_issuer": "https://your-app.clerk.accounts.dev"}
EXAMPLE_NAME = "CLERK_ISSUER"
PRODUCTION_SETTINGS = {"clerk_issuer": "https://clerk.example.com"}


def binding_claims(audience: str | None) -> dict[str, Any]:
    """What ties a token to this app: Clerk session tokens carry `azp` (and `sid`), no `aud`."""
    return {"azp": AUTHORIZED_PARTY, "sid": "sess_1"}


def profile_claims(
    email: str | None, name: str | None, picture: str | None, email_verified: bool | None = True
) -> dict[str, Any]:
    """Where Clerk puts the profile in its tokens (`email_verified` as a custom claim)."""
    verified = {"email_verified": email_verified} if email_verified is not None else {}
    return {"email": email, "name": name, "picture": picture, **verified}
