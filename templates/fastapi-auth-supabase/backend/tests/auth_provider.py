"""Supabase's side of the shared test fixtures: its test settings and the shape of its tokens.

conftest.py imports this module before the app reads its settings, so it imports no app
module.
"""

from typing import Any

# The provider's settings, pinned for the suite (conftest.py sets them in the environment).
ENVIRONMENT = {
    "SUPABASE_URL": "https://project.supabase.test",
    "SUPABASE_JWT_AUDIENCE": "authenticated",
    "SUPABASE_JWT_SECRET": "",
    "SUPABASE_EMAIL_CONFIRMATION_REQUIRED": "false",
}

# Settings as `.env.example` has them (production refuses them, naming EXAMPLE_NAME), and
# values a real deployment could use.
EXAMPLE_SETTINGS = {"supabase_url": "https://your-project-ref.supabase.co"}
EXAMPLE_NAME = "SUPABASE_URL"
PRODUCTION_SETTINGS = {"supabase_url": "https://abcd.supabase.co"}


def binding_claims(audience: str | None) -> dict[str, Any]:
    """What ties a token to this app: its `aud` (`authenticated`)."""
    return {"aud": audience}


def profile_claims(
    email: str | None, name: str | None, picture: str | None, email_verified: bool | None = True
) -> dict[str, Any]:
    """Where Supabase puts the profile in its tokens (`email_verified` as a custom claim)."""
    verified = {"email_verified": email_verified} if email_verified is not None else {}
    metadata = {k: v for k, v in (("full_name", name), ("avatar_url", picture)) if v}
    return {"email": email, "user_metadata": metadata, "role": "authenticated", **verified}
