"""Tokens as each auth provider issues them, and the settings that point the backend at
the local identity server (kit/jwks.py) instead of the provider.

One entry per `auth` answer. The variables are the provider's own (`.env.example`), so
any backend that reads the same names is tested the same way:
- Clerk session tokens: `iss` the Frontend API URL, `azp` the frontend's origin, no `aud`;
  the e-mail travels as custom session-token claims (`email`, `email_verified`).
- Auth0 access tokens: `iss` `https://<tenant>/` (with the trailing slash), `aud` the API
  identifier plus the userinfo URL, `azp` the client id, `scope`; an Action adds `email`
  and `email_verified`. The userinfo endpoint is served too.
- Supabase access tokens: `iss` `<project URL>/auth/v1`, `aud` `authenticated`, `role`,
  `email`, `user_metadata`; the e-mail counts as verified by the project setting
  (SUPABASE_EMAIL_CONFIRMATION_REQUIRED) unless a top-level `email_verified` says otherwise.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from typing import Any

from kit.jwks import IdentityServer

FRONTEND_ORIGIN = "http://localhost:3000"


@dataclass(frozen=True)
class Person:
    """A user of the provider: what its tokens say about them."""

    sub: str
    email: str
    name: str
    email_verified: bool = True


@dataclass(frozen=True)
class AuthProvider:
    name: str
    issuer: str
    # The claim that binds a token to this API ("aud" or, for Clerk, "azp") and its value.
    binding_claim: str
    binding_value: Any
    env: dict[str, str]

    def new_person(self, label: str = "user", *, email_verified: bool = True) -> Person:
        tag = uuid.uuid4().hex[:12]
        sub = {"clerk": f"user_{tag}", "auth0": f"auth0|{tag}", "supabase": str(uuid.uuid4())}[self.name]
        return Person(sub, f"{label}-{tag}@example.com", f"{label.title()} {tag[:4]}", email_verified)

    def claims(self, person: Person, *, lifetime: int = 600, **overrides: Any) -> dict[str, Any]:
        """The claims of a token the provider would issue to `person` now."""
        now = int(time.time())
        base: dict[str, Any] = {"iss": self.issuer, "sub": person.sub, "iat": now, "nbf": now - 5,
                                "exp": now + lifetime, self.binding_claim: self.binding_value}
        base.update(self._profile_claims(person))
        base.update(overrides)
        return {k: v for k, v in base.items() if v is not None}

    def name_claims(self, name: str) -> dict[str, Any]:
        """The claim overrides that give a token this display name."""
        if self.name == "supabase":
            return {"user_metadata": {"full_name": name}}
        return {"name": name}

    def _profile_claims(self, person: Person) -> dict[str, Any]:
        if self.name == "clerk":
            return {"sid": f"sess_{uuid.uuid4().hex[:12]}", "v": 2, "email": person.email,
                    "email_verified": person.email_verified, "name": person.name}
        if self.name == "auth0":
            return {"azp": "contractClientId", "scope": "openid profile email", "email": person.email,
                    "email_verified": person.email_verified, "name": person.name}
        claims: dict[str, Any] = {
            "role": "authenticated", "email": person.email, "phone": "", "aal": "aal1",
            "session_id": str(uuid.uuid4()), "is_anonymous": False,
            "app_metadata": {"provider": "email", "providers": ["email"]},
            "user_metadata": {"full_name": person.name, "email_verified": True},
        }
        if not person.email_verified:
            claims["email_verified"] = False  # a custom access token hook's top-level claim
        return claims


def provider(name: str, identity: IdentityServer) -> AuthProvider:
    """The `auth` answer's provider, with its settings pointing at `identity`."""
    return provider_at(name, identity.url(secure=False), identity.url(secure=True))


def provider_at(name: str, http_base: str, https_base: str) -> AuthProvider:
    """The provider with its issuer and JWKS under these base URLs (plain and TLS)."""
    if name == "clerk":
        issuer = f"{http_base}/clerk"
        return AuthProvider(name, issuer, "azp", FRONTEND_ORIGIN, {
            "CLERK_ISSUER": issuer,
            "CLERK_JWKS_URL": f"{issuer}/.well-known/jwks.json",
            "CLERK_AUTHORIZED_PARTIES": FRONTEND_ORIGIN,
            "CLERK_SECRET_KEY": "sk_test_contract_suite",
        })
    if name == "auth0":
        issuer = f"{https_base}/"
        audience = "https://api.contract.test"
        return AuthProvider(name, issuer, "aud", [audience, f"{issuer}userinfo"], {
            "AUTH0_DOMAIN": "contract.eu.auth0.com",
            "AUTH0_ISSUER": issuer,
            "AUTH0_JWKS_URL": f"{issuer}.well-known/jwks.json",
            "AUTH0_AUDIENCE": audience,
        })
    if name == "supabase":
        project = f"{http_base}/supabase"
        return AuthProvider(name, f"{project}/auth/v1", "aud", "authenticated", {
            "SUPABASE_URL": project,
            "SUPABASE_JWT_AUDIENCE": "authenticated",
            "SUPABASE_JWT_SECRET": "",
            "SUPABASE_EMAIL_CONFIRMATION_REQUIRED": "true",
        })
    raise ValueError(f"unknown auth provider `{name}`")
