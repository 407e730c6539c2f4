"""Webhooks as each payment provider sends them, and the settings that point the backend's
provider API calls at the local fake (kit/fake_provider.py).

The tests speak provider-neutral terms: `activate` (a paid checkout that starts a
subscription) and `change` (a subscription's new status). Each provider turns them into
its own event body and signature header, the documented way:
- Stripe: `Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`, events
  `checkout.session.completed` and `customer.subscription.updated|deleted`, ordered by
  `created`.
- Paddle: `Paddle-Signature: ts=<unix>;h1=<hex HMAC-SHA256 of "ts:body">`, events
  `transaction.completed` and `subscription.updated|canceled`, ordered by `occurred_at`.
- Lemon Squeezy: `X-Signature: <hex HMAC-SHA256 of the body>` (no timestamp), events
  `subscription_created|updated|expired`, ordered by `updated_at`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any


@dataclass(frozen=True)
class Webhook:
    headers: dict[str, str]
    body: bytes


# Contract statuses to each provider's own word for them.
_STATUS = {
    "stripe": {"active": "active", "past_due": "past_due", "canceled": "canceled"},
    "paddle": {"active": "active", "past_due": "past_due", "canceled": "canceled"},
    "lemonsqueezy": {"active": "active", "past_due": "past_due", "canceled": "expired"},
}


@dataclass(frozen=True)
class BillingProvider:
    name: str
    secret: str
    prices: dict[str, str]
    # Stripe and Paddle sign a timestamp and refuse an old one; Lemon Squeezy signs none.
    signs_timestamp: bool
    env: dict[str, str]

    @property
    def path(self) -> str:
        return f"/api/webhooks/{self.name}"

    def activate(self, owner_key: str, owner_id: str, plan: str, *, subscription: str, customer: str,
                 at: float | None = None) -> Webhook:
        """The provider's "a paid checkout started this subscription" event."""
        at = time.time() if at is None else at
        meta = {owner_key: owner_id, "plan": plan}
        if self.name == "stripe":
            obj = {"id": f"cs_{uuid.uuid4().hex}", "object": "checkout.session", "mode": "subscription",
                   "payment_status": "paid", "status": "complete", "customer": customer,
                   "subscription": subscription, "metadata": meta, "client_reference_id": owner_id}
            return self.sign(self._stripe_event("checkout.session.completed", obj, at))
        if self.name == "paddle":
            data = {"id": f"txn_{uuid.uuid4().hex}", "status": "completed", "customer_id": customer,
                    "subscription_id": subscription, "custom_data": meta,
                    "items": [{"price": {"id": self.prices[plan]}, "quantity": 1}]}
            return self.sign(self._paddle_event("transaction.completed", data, at))
        return self.sign(self._lemon_event("subscription_created", subscription, customer, "active",
                                           plan, meta, at))

    def change(self, owner_key: str, owner_id: str, status: str, plan: str, *, subscription: str,
               customer: str, at: float | None = None) -> Webhook:
        """The provider's "this subscription now has `status`" event."""
        at = time.time() if at is None else at
        meta = {owner_key: owner_id, "plan": plan}
        word = _STATUS[self.name][status]
        if self.name == "stripe":
            obj = {"id": subscription, "object": "subscription", "status": word, "customer": customer,
                   "metadata": meta, "items": {"object": "list", "data": [
                       {"id": f"si_{uuid.uuid4().hex[:10]}", "price": {"id": self.prices[plan]}}]}}
            kind = "customer.subscription.deleted" if status == "canceled" else "customer.subscription.updated"
            return self.sign(self._stripe_event(kind, obj, at))
        if self.name == "paddle":
            data = {"id": subscription, "status": word, "customer_id": customer, "custom_data": meta,
                    "items": [{"price": {"id": self.prices[plan]}, "quantity": 1}]}
            kind = "subscription.canceled" if status == "canceled" else "subscription.updated"
            return self.sign(self._paddle_event(kind, data, at))
        kind = "subscription_expired" if status == "canceled" else "subscription_updated"
        return self.sign(self._lemon_event(kind, subscription, customer, word, plan, meta, at))

    def _stripe_event(self, kind: str, obj: dict[str, Any], at: float) -> dict[str, Any]:
        return {"id": f"evt_{uuid.uuid4().hex}", "object": "event", "type": kind, "created": int(at),
                "livemode": False, "api_version": "2025-03-31.basil", "pending_webhooks": 1,
                "data": {"object": obj}}

    @staticmethod
    def _paddle_event(kind: str, data: dict[str, Any], at: float) -> dict[str, Any]:
        return {"event_id": f"evt_{uuid.uuid4().hex}", "event_type": kind,
                "notification_id": f"ntf_{uuid.uuid4().hex}", "occurred_at": _rfc3339(at), "data": data}

    def _lemon_event(self, kind: str, subscription: str, customer: str, status: str, plan: str,
                     meta: dict[str, str], at: float) -> dict[str, Any]:
        attributes = {"store_id": 4242, "customer_id": int(customer), "status": status,
                      "variant_id": int(self.prices[plan]), "updated_at": _rfc3339(at),
                      "created_at": _rfc3339(at), "user_email": "buyer@example.com"}
        return {"meta": {"event_name": kind, "custom_data": meta},
                "data": {"type": "subscriptions", "id": subscription, "attributes": attributes}}

    def sign(self, event: dict[str, Any], *, age: int = 0, secret: str | None = None) -> Webhook:
        """The event's body with the provider's signature header, signed `age` seconds ago
        (negative: in the future) with the configured secret unless another is given."""
        body = json.dumps(event).encode()
        key = (secret or self.secret).encode()
        ts = str(int(time.time()) - age)
        if self.name == "stripe":
            mac = hmac.new(key, f"{ts}.".encode() + body, hashlib.sha256).hexdigest()
            return Webhook({"Stripe-Signature": f"t={ts},v1={mac}"}, body)
        if self.name == "paddle":
            mac = hmac.new(key, f"{ts}:".encode() + body, hashlib.sha256).hexdigest()
            return Webhook({"Paddle-Signature": f"ts={ts};h1={mac}"}, body)
        return Webhook({"X-Signature": hmac.new(key, body, hashlib.sha256).hexdigest()}, body)

    def new_ids(self) -> tuple[str, str]:
        """A fresh (subscription id, customer id) in the provider's format."""
        tag = uuid.uuid4().hex[:14]
        if self.name == "stripe":
            return f"sub_{tag}", f"cus_{tag}"
        if self.name == "paddle":
            return f"sub_{tag}", f"ctm_{tag}"
        number = str(int(tag, 16) % 10**9)
        return number, str(int(number) + 1)


def _rfc3339(at: float) -> str:
    return datetime.fromtimestamp(at, UTC).isoformat().replace("+00:00", "Z")


def provider(name: str, fake_api: str) -> BillingProvider | None:
    """The `billing` answer's provider (None for `none`), its API pointed at `fake_api`."""
    if name == "none":
        return None
    if name == "stripe":
        prices = {"pro": "price_contract_pro", "business": "price_contract_business"}
        secret = "whsec_contract_suite_secret"
        return BillingProvider(name, secret, prices, True, env={
            "STRIPE_SECRET_KEY": "sk_test_contract_suite", "STRIPE_WEBHOOK_SECRET": secret,
            "STRIPE_PRICE_PRO": prices["pro"], "STRIPE_PRICE_BUSINESS": prices["business"],
            "STRIPE_API_BASE": fake_api})
    if name == "paddle":
        prices = {"pro": "pri_contract_pro", "business": "pri_contract_business"}
        secret = "pdl_ntfset_contract_suite_secret"
        return BillingProvider(name, secret, prices, True, env={
            "PADDLE_API_KEY": "pdl_sdbx_apikey_contract_suite", "PADDLE_WEBHOOK_SECRET": secret,
            "PADDLE_ENVIRONMENT": "sandbox", "PADDLE_PRICE_PRO": prices["pro"],
            "PADDLE_PRICE_BUSINESS": prices["business"], "PADDLE_API_BASE": fake_api})
    if name == "lemonsqueezy":
        prices = {"pro": "1001", "business": "1002"}
        secret = "contract-suite-lemon-secret"
        return BillingProvider(name, secret, prices, False, env={
            "LEMONSQUEEZY_API_KEY": "contract-suite-lemon-key", "LEMONSQUEEZY_STORE_ID": "4242",
            "LEMONSQUEEZY_WEBHOOK_SECRET": secret, "LEMONSQUEEZY_VARIANT_PRO": prices["pro"],
            "LEMONSQUEEZY_VARIANT_BUSINESS": prices["business"],
            "LEMONSQUEEZY_API_BASE_URL": f"{fake_api}/v1"})
    raise ValueError(f"unknown billing provider `{name}`")
