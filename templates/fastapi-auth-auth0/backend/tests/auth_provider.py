"""Auth0's side of the shared test fixtures: its test settings and the shape of its tokens.

conftest.py imports this module before the app reads its settings, so it imports no app
module.
"""

from typing import Any

# The provider's settings, pinned for the suite (conftest.py sets them in the environment).
ENVIRONMENT = {
    "AUTH0_DOMAIN": "tenant.auth0.test",
    "AUTH0_AUDIENCE": "https://api.app.test",
    "AUTH0_ISSUER": "",
    "AUTH0_JWKS_URL": "",
}

# Settings as `.env.example` has them (production refuses them, naming EXAMPLE_NAME), and
# values a real deployment could use.
EXAMPLE_SETTINGS = {
    "auth0_domain": "your-tenant.us.auth0.com",
    "auth0_audience": "https://api.your-app.example.com",
}
EXAMPLE_NAME = "AUTH0_DOMAIN"
PRODUCTION_SETTINGS = {
    "auth0_domain": "example.eu.auth0.com",
    "auth0_audience": "https://api.example.com",
}


def binding_claims(audience: str | None) -> dict[str, Any]:
    """What ties a token to this app: its `aud`, the API identifier."""
    return {"aud": audience}


def profile_claims(
    email: str | None, name: str | None, picture: str | None, email_verified: bool | None = True
) -> dict[str, Any]:
    """Where Auth0 puts the profile in its tokens (`email_verified` as a custom claim)."""
    verified = {"email_verified": email_verified} if email_verified is not None else {}
    return {"email": email, "name": name, "picture": picture, **verified}
