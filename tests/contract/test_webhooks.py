"""POST /api/webhooks/{provider}: the provider's signature and timestamp rules, and every
verified event processed exactly once, whatever the order or concurrency of delivery."""

import json
import time
import uuid

import pytest

from conftest import Answers, Contract
from kit import shapes
from kit.billing import BillingProvider
from kit.client import Api, at_once
from kit.owners import Owner, new_owner

pytestmark = pytest.mark.billing


def deliver(api: Api, pay: BillingProvider, hook):  # type: ignore[no-untyped-def]
    return api.post(pay.path, content=hook.body, headers={**hook.headers, "Content-Type": "application/json"})


def fresh(api: Api, answers: Answers, pay: BillingProvider) -> tuple[Owner, str, str]:
    owner = new_owner(api, answers.is_pro)
    subscription, customer = pay.new_ids()
    return owner, subscription, customer


def test_a_verified_event_is_applied_and_acknowledged(api: Api, answers: Answers, pay: BillingProvider) -> None:
    owner, sub, cus = fresh(api, answers, pay)

    response = deliver(api, pay, pay.activate(owner.key, owner.id, "business", subscription=sub, customer=cus))

    assert response.status_code == 200, response.text
    assert shapes.check(response.json(), {"received": bool, "duplicate": bool}) == {"received": True,
                                                                                     "duplicate": False}
    assert owner.state() == ("business", "active")


def test_a_bad_signature_is_400_and_changes_nothing(api: Api, answers: Answers, pay: BillingProvider) -> None:
    owner, sub, cus = fresh(api, answers, pay)
    event = pay.activate(owner.key, owner.id, "pro", subscription=sub, customer=cus)
    forged = pay.sign(json.loads(event.body), secret="not-the-secret")

    shapes.error(deliver(api, pay, forged), 400)
    assert owner.state() == ("free", "none")


def test_a_tampered_body_is_400(api: Api, answers: Answers, pay: BillingProvider) -> None:
    owner, sub, cus = fresh(api, answers, pay)
    event = pay.activate(owner.key, owner.id, "pro", subscription=sub, customer=cus)
    tampered = event.body.replace(b'"pro"', b'"business"')

    shapes.error(api.post(pay.path, content=tampered, headers=event.headers), 400)


def test_a_missing_signature_is_400(api: Api, answers: Answers, pay: BillingProvider) -> None:
    owner, sub, cus = fresh(api, answers, pay)
    event = pay.activate(owner.key, owner.id, "pro", subscription=sub, customer=cus)

    shapes.error(api.post(pay.path, content=event.body, headers={"Content-Type": "application/json"}), 400)


@pytest.mark.parametrize("age", [301 + 60, -(301 + 60)], ids=["stale", "future"])
def test_a_timestamp_beyond_the_tolerance_is_400_where_the_provider_signs_one(
    api: Api, answers: Answers, pay: BillingProvider, age: int
) -> None:
    """Stripe and Paddle sign a timestamp (tolerance 300 s either way); Lemon Squeezy signs
    none, so an old delivery (a resend after an outage) is accepted on its signature."""
    owner, sub, cus = fresh(api, answers, pay)
    event = json.loads(pay.activate(owner.key, owner.id, "pro", subscription=sub, customer=cus).body)

    response = deliver(api, pay, pay.sign(event, age=age))

    if pay.signs_timestamp:
        shapes.error(response, 400)
        assert owner.state() == ("free", "none")
    else:
        assert response.status_code == 200


def test_a_redelivered_event_is_a_duplicate_and_applied_once(contract: Contract, api: Api, answers: Answers,
                                                             pay: BillingProvider) -> None:
    owner, sub, cus = fresh(api, answers, pay)
    event = pay.activate(owner.key, owner.id, "pro", subscription=sub, customer=cus)

    first, second = deliver(api, pay, event), deliver(api, pay, event)

    assert (first.json()["duplicate"], second.json()["duplicate"]) == (False, True)
    assert owner.state() == ("pro", "active")


def test_concurrent_deliveries_of_one_event_are_processed_once(api: Api, answers: Answers,
                                                                pay: BillingProvider) -> None:
    owner, sub, cus = fresh(api, answers, pay)
    event = pay.activate(owner.key, owner.id, "pro", subscription=sub, customer=cus)

    responses = at_once([lambda: deliver(api, pay, event)] * 8)

    assert [r.status_code for r in responses] == [200] * 8
    assert sorted(r.json()["duplicate"] for r in responses) == [False] + [True] * 7
    assert owner.state() == ("pro", "active")


def test_an_older_event_delivered_late_does_not_undo_a_newer_one(api: Api, answers: Answers,
                                                                 pay: BillingProvider) -> None:
    owner, sub, cus = fresh(api, answers, pay)
    t0 = time.time() - 120
    deliver(api, pay, pay.activate(owner.key, owner.id, "pro", subscription=sub, customer=cus, at=t0))
    cancel = pay.change(owner.key, owner.id, "canceled", "pro", subscription=sub, customer=cus, at=t0 + 60)
    late_past_due = pay.change(owner.key, owner.id, "past_due", "pro", subscription=sub, customer=cus, at=t0 + 30)

    assert deliver(api, pay, cancel).status_code == 200
    assert deliver(api, pay, late_past_due).status_code == 200

    assert owner.state() == ("free", "canceled")


def test_subscription_changes_move_the_owner_through_its_lifecycle(api: Api, answers: Answers,
                                                                    pay: BillingProvider) -> None:
    owner, sub, cus = fresh(api, answers, pay)
    t0 = time.time() - 120
    deliver(api, pay, pay.activate(owner.key, owner.id, "pro", subscription=sub, customer=cus, at=t0))

    deliver(api, pay, pay.change(owner.key, owner.id, "past_due", "pro", subscription=sub, customer=cus, at=t0 + 10))
    assert owner.state() == ("pro", "past_due")
    deliver(api, pay, pay.change(owner.key, owner.id, "active", "business", subscription=sub, customer=cus,
                                 at=t0 + 20))
    assert owner.state() == ("business", "active")
    deliver(api, pay, pay.change(owner.key, owner.id, "canceled", "business", subscription=sub, customer=cus,
                                 at=t0 + 30))
    assert owner.state() == ("free", "canceled")


def test_the_cancellation_of_a_replaced_subscription_changes_nothing(api: Api, answers: Answers,
                                                                      pay: BillingProvider) -> None:
    owner, old, cus = fresh(api, answers, pay)
    new, _ = pay.new_ids()
    t0 = time.time() - 120
    deliver(api, pay, pay.activate(owner.key, owner.id, "pro", subscription=old, customer=cus, at=t0))
    deliver(api, pay, pay.change(owner.key, owner.id, "canceled", "pro", subscription=old, customer=cus, at=t0 + 10))
    deliver(api, pay, pay.activate(owner.key, owner.id, "business", subscription=new, customer=cus, at=t0 + 20))

    late = pay.change(owner.key, owner.id, "canceled", "pro", subscription=old, customer=cus, at=t0 + 30)
    response = deliver(api, pay, late)

    assert response.status_code == 200 and response.json()["duplicate"] is False
    assert owner.state() == ("business", "active")


def test_an_event_for_an_unknown_owner_is_acknowledged(api: Api, pay: BillingProvider) -> None:
    sub, cus = pay.new_ids()
    hook = pay.activate("organization_id", str(uuid.uuid4()), "pro", subscription=sub, customer=cus)

    response = deliver(api, pay, hook)

    assert response.status_code == 200 and response.json() == {"received": True, "duplicate": False}


def test_a_body_over_one_mebibyte_is_413(api: Api, pay: BillingProvider) -> None:
    response = api.post(pay.path, content=b"{" + b" " * (1024 * 1024 + 10) + b"}",
                        headers={"Content-Type": "application/json"})

    shapes.error(response, 413)
