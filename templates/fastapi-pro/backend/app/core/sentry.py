"""Optional error reporting: Sentry starts only when SENTRY_DSN is set.

No secret leaves the server: `send_default_pii=False` keeps e-mails, IPs and cookies
out, Sentry's own scrubber drops well-known fields, and `scrub_event` (the `before_send`
hook) removes what those miss: bearer tokens anywhere, every field named like a token or
secret (invitation tokens included), and query strings, which may carry either.
"""

import re
from typing import Any

import sentry_sdk
from sentry_sdk.types import Event, Hint

from app.core.config import Settings
from app.version import VERSION

FILTERED = "[Filtered]"
# Keys whose values are secrets, compared lowercased with `-` read as `_`.
SECRET_KEYS = ("authorization", "cookie", "set_cookie", "api_key", "x_api_key")
SECRET_KEY_PARTS = ("token", "secret", "password")
URL_KEYS = ("url", "from", "to")
# `Bearer abc`, `token=abc`, `token='abc'` (a repr), `"token": "abc"` inside any text.
_SECRET_IN_TEXT = re.compile(r"""(?i)(bearer\s+|token['"]?\s*[=:]\s*['"]?)[^\s&'",)]+""")


def is_secret_key(key: str) -> bool:
    name = key.lower().replace("-", "_")
    return name in SECRET_KEYS or any(part in name for part in SECRET_KEY_PARTS)


def without_query(url: str) -> str:
    """The URL without its query string and fragment."""
    return url.split("?", 1)[0].split("#", 1)[0]


def scrub(value: Any, key: str = "") -> Any:
    """A copy of `value` with secrets replaced by FILTERED, at any depth."""
    if key and is_secret_key(key):
        return FILTERED
    if key == "query_string":
        return ""
    if isinstance(value, dict):
        return {k: scrub(v, str(k)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [scrub(item) for item in value]
    if isinstance(value, str):
        text = without_query(value) if key in URL_KEYS else value
        return _SECRET_IN_TEXT.sub(rf"\1{FILTERED}", text)
    return value


def scrub_event(event: Event, hint: Hint) -> Event:
    """Sentry's `before_send` hook: the event as sent, without secrets."""
    scrubbed: Event = scrub(event)
    return scrubbed


def init_sentry(config: Settings) -> bool:
    if not config.sentry_dsn:
        return False
    sentry_sdk.init(
        dsn=config.sentry_dsn,
        environment=config.environment,
        release=VERSION,
        traces_sample_rate=config.sentry_traces_sample_rate,
        # No e-mails, IPs or cookies leave the server.
        send_default_pii=False,
        before_send=scrub_event,
        before_send_transaction=scrub_event,
    )
    return True
