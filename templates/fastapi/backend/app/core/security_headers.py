"""The security headers on every response (app.core.edge adds them; only the docs page is held)."""

import base64
import hashlib
import re

from starlette.datastructures import MutableHeaders
from starlette.types import Message, Send

# The API serves JSON only: nothing may be framed, sniffed or load sub-resources.
API_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-site",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
}
# As ASGI sends them (lower-case names, bytes), with Cache-Control: built once.
_RAW_API_HEADERS = [
    (name.lower().encode("latin-1"), value.encode("latin-1"))
    for name, value in {**API_HEADERS, "Cache-Control": "no-store"}.items()
]
DOCS_PATH = "/api/docs"
# The interactive docs (FastAPI's Swagger UI page) load Swagger UI's script and styles from
# the jsDelivr CDN and the favicon from fastapi.tiangolo.com: these hosts, for that one
# page only. Its inline Swagger UI set-up script is allowed by its SHA-256 hash, taken from
# the page as served; any other inline script (say, markup in the product name, which
# FastAPI puts into the page title unescaped) is not.
DOCS_CDN = "https://cdn.jsdelivr.net"
DOCS_FAVICON_HOST = "https://fastapi.tiangolo.com"
SWAGGER_SETUP = re.compile(rb"<script>(\s*const ui = SwaggerUIBundle\(.*?)</script>", re.DOTALL)


def script_hash(script: bytes) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode() + "'"


def docs_csp(html: bytes) -> str:
    """The docs page's policy: the CDN, the favicon host and the Swagger UI set-up script."""
    hashes = "".join(f" {script_hash(script)}" for script in SWAGGER_SETUP.findall(html))
    return (
        f"default-src 'none'; script-src {DOCS_CDN}{hashes}; style-src {DOCS_CDN}; "
        f"img-src 'self' data: {DOCS_FAVICON_HOST}; connect-src 'self'; frame-ancestors 'none'"
    )


def add_api_headers(message: Message) -> MutableHeaders:
    """Each API header the response did not set itself (one pass over its headers)."""
    headers = MutableHeaders(scope=message)
    present = {name for name, _ in headers.raw}
    headers.raw.extend(pair for pair in _RAW_API_HEADERS if pair[0] not in present)
    return headers


class DocsPage:
    """Holds the (small) docs page until its body is complete, to hash its inline script."""

    def __init__(self, send: Send) -> None:
        self.send = send
        self.start: Message | None = None
        self.body = b""

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.start = message
            return
        if message["type"] != "http.response.body" or self.start is None:
            await self.send(message)
            return
        self.body += message.get("body", b"")
        if message.get("more_body", False):
            return
        add_api_headers(self.start)["Content-Security-Policy"] = docs_csp(self.body)
        await self.send(self.start)
        await self.send({"type": "http.response.body", "body": self.body})
