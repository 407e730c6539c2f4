"""A local stand-in for the payment provider's REST API: hosted checkouts, portal sessions
and cancellations, answered in each provider's reply shape, every request recorded.

The backend reaches it through the provider's base-URL setting (kit/billing.py). `failing`
makes every call answer 500, to check the 502 rules (and that nothing is deleted when a
cancellation fails).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

CHECKOUT_URL = "https://checkout.provider.test/session/contract"
PORTAL_URL = "https://billing.provider.test/portal/contract"


@dataclass
class Calls:
    """What the backend asked for, in order: (method, path, body text)."""

    seen: list[tuple[str, str, str]] = field(default_factory=list)
    failing: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, method: str, path: str, body: str) -> None:
        with self.lock:
            self.seen.append((method, path, body))

    def matching(self, method: str, fragment: str) -> list[tuple[str, str, str]]:
        with self.lock:
            return [c for c in self.seen if c[0] == method and fragment in c[1]]


def reply(provider: str, method: str, path: str) -> dict[str, Any]:
    """The provider's answer to a successful call."""
    if provider == "stripe":
        if "checkout/sessions" in path:
            return {"id": "cs_contract", "object": "checkout.session", "url": CHECKOUT_URL}
        if "billing_portal/sessions" in path:
            return {"id": "bps_contract", "object": "billing_portal.session", "url": PORTAL_URL}
        return {"id": path.rsplit("/", 1)[-1], "object": "subscription", "status": "canceled"}
    if provider == "paddle":
        if path.endswith("/transactions"):
            return {"data": {"id": "txn_contract", "checkout": {"url": CHECKOUT_URL}}}
        if path.endswith("/portal-sessions"):
            return {"data": {"id": "cpls_contract", "urls": {"general": {"overview": PORTAL_URL}}}}
        return {"data": {"id": path.split("/")[-2], "status": "canceled"}}
    if path.endswith("/checkouts"):
        return {"data": {"type": "checkouts", "id": "1", "attributes": {"url": CHECKOUT_URL}}}
    if "/customers/" in path:
        return {"data": {"type": "customers", "id": path.rsplit("/", 1)[-1],
                         "attributes": {"urls": {"customer_portal": PORTAL_URL}}}}
    return {"data": {"type": "subscriptions", "id": path.rsplit("/", 1)[-1],
                     "attributes": {"status": "cancelled"}}}


class FakeProviderApi:
    def __init__(self, provider: str) -> None:
        self.calls = Calls()
        calls = self.calls

        class Handler(BaseHTTPRequestHandler):
            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode(errors="replace")
                calls.add(self.command, self.path, body)
                status, answer = (500, {"error": {"message": "provider outage"}}) if calls.failing \
                    else (200, reply(provider, self.command, self.path))
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_DELETE = do_PATCH = _handle  # noqa: N815 - http.server's names

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
