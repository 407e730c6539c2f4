"""The signed-in person's verified e-mail and name, asked from the provider if the token lacks them.

What the provider is asked, and how, is its profile source in app.core.auth_provider; this
module holds what every source shares: the interface and its errors.

app.services.users caches the answer on the user row: the provider is asked on first
sight, and again at most once a minute while the stored e-mail is missing or unverified,
never on every request.
"""

from typing import Protocol

from app.core.auth import Profile

TIMEOUT_SECONDS = 5.0


class ProfileUnavailableError(Exception):
    """The provider could not be asked or gave no usable answer; sign-in goes on without it."""


class ProfileConfigError(RuntimeError):
    """A setting the lookup needs is missing; the message names it."""


class ProfileSource(Protocol):
    async def fetch(self, subject: str, access_token: str) -> Profile | None:
        """The provider's profile of `subject`, or None when it has nothing to add."""
        ...
