"""The open-redirect guard: only URLs on an allowed origin may be redirected to."""

from urllib.parse import urlsplit

from app.core.config import settings

_DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin(url: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of an absolute http(s) URL, or None when it is not one."""
    if any(ch in url for ch in "\\\r\n\t ") or any(ord(ch) < 0x20 for ch in url):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname or parts.username is not None:
        return None
    return scheme, parts.hostname.lower(), port or _DEFAULT_PORTS[scheme]


def is_allowed_origin(url: str, allowed: list[str] | None = None) -> bool:
    """True when `url` is an absolute http(s) URL on one of the allowed origins.

    `allowed` defaults to ALLOWED_ORIGINS. Relative URLs, other schemes, credentials in
    the URL and look-alike hosts (`https://app.example.com.evil.test`) are refused.
    """
    target = _origin(url)
    if target is None:
        return False
    origins = settings.allowed_origins if allowed is None else allowed
    return any(_origin(origin) == target for origin in origins)
