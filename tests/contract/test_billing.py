"""The plan catalog, hosted checkout and the customer portal, against the local stand-in
for the provider's API; cancellation before an owner is deleted."""

import pytest

from conftest import Answers, Contract
from kit import shapes
from kit.client import Api
from kit.fake_provider import CHECKOUT_URL, PORTAL_URL, FakeProviderApi
from kit.owners import Owner, new_owner

EVIL = "https://evil.example.com/phish"


def test_plans_are_public_and_list_the_catalog(api: Api, answers: Answers) -> None:
    response = api.get("/api/billing/plans")

    assert response.status_code == 200
    body = shapes.check(response.json(), {"plans": list}, "PlanList")
    plans = [shapes.check(p, shapes.PLAN, "Plan") for p in body["plans"]]
    assert [p["id"] for p in plans] == ["free", "pro", "business"]
    assert all(p["currency"] == "usd" for p in plans)
    paid = answers.billing != "none"
    assert [p["purchasable"] for p in plans] == [False, paid, paid]
    assert plans[0]["price_monthly_cents"] == 0 < plans[1]["price_monthly_cents"] < plans[2]["price_monthly_cents"]


@pytest.mark.no_billing
def test_without_billing_there_is_no_checkout_portal_or_webhook(api: Api, answers: Answers) -> None:
    owner = new_owner(api, answers.is_pro)
    for path in ("/api/billing/checkout", "/api/billing/portal", "/api/webhooks/stripe"):
        assert api.post(path, owner.person, json=owner.checkout()).status_code in (404, 405)


def activate(contract: Contract, owner: Owner, plan: str = "pro") -> tuple[str, str]:
    """A paid checkout's webhook for `owner`; returns (subscription id, customer id)."""
    pay = contract.billing
    assert pay is not None
    subscription, customer = pay.new_ids()
    hook = pay.activate(owner.key, owner.id, plan, subscription=subscription, customer=customer)
    response = contract.api.post(pay.path, content=hook.body, headers=hook.headers)
    assert response.status_code == 200, response.text
    assert owner.state() == (plan, "active")
    return subscription, customer


@pytest.mark.billing
class TestCheckout:
    def test_checkout_answers_the_providers_hosted_page(self, api: Api, answers: Answers,
                                                        fake_api: FakeProviderApi) -> None:
        owner = new_owner(api, answers.is_pro)

        response = api.post("/api/billing/checkout", owner.person, json=owner.checkout("business"))

        assert response.status_code == 200, response.text
        assert shapes.check(response.json(), {"url": str}) == {"url": CHECKOUT_URL}
        assert any(owner.id in body for _, _, body in fake_api.calls.seen)

    def test_checkout_needs_a_token(self, api: Api, answers: Answers) -> None:
        owner = new_owner(api, answers.is_pro)
        assert api.post("/api/billing/checkout", json=owner.checkout()).status_code == 401

    @pytest.mark.parametrize("field", ["success_url", "cancel_url"])
    def test_checkout_refuses_a_redirect_off_the_allowed_origins(self, api: Api, answers: Answers,
                                                                 field: str) -> None:
        owner = new_owner(api, answers.is_pro)
        response = api.post("/api/billing/checkout", owner.person, json=owner.checkout(**{field: EVIL}))
        shapes.error(response, 400, "redirect url not allowed")

    @pytest.mark.parametrize("plan", ["free", "enterprise"])
    def test_checkout_of_a_plan_that_cannot_be_bought_is_422(self, api: Api, answers: Answers,
                                                              plan: str) -> None:
        owner = new_owner(api, answers.is_pro)
        response = api.post("/api/billing/checkout", owner.person, json=owner.checkout(plan))
        shapes.validation_error(response, ["body", "plan"])

    def test_checkout_is_502_when_the_provider_fails(self, api: Api, answers: Answers,
                                                     fake_api: FakeProviderApi) -> None:
        owner = new_owner(api, answers.is_pro)
        fake_api.calls.failing = True
        shapes.error(api.post("/api/billing/checkout", owner.person, json=owner.checkout()), 502)

    def test_checkout_is_409_while_a_subscription_is_live(self, contract: Contract, api: Api,
                                                          answers: Answers) -> None:
        owner = new_owner(api, answers.is_pro)
        activate(contract, owner)
        shapes.error(api.post("/api/billing/checkout", owner.person, json=owner.checkout("business")), 409)


@pytest.mark.billing
class TestPortal:
    def test_portal_is_409_before_any_billing_account(self, api: Api, answers: Answers) -> None:
        owner = new_owner(api, answers.is_pro)
        response = api.post("/api/billing/portal", owner.person, json=owner.body(return_url="http://localhost:3000/"))
        shapes.error(response, 409)

    def test_portal_answers_the_providers_page_once_subscribed(self, contract: Contract, api: Api,
                                                                answers: Answers) -> None:
        owner = new_owner(api, answers.is_pro)
        activate(contract, owner)
        response = api.post("/api/billing/portal", owner.person,
                            json=owner.body(return_url="http://localhost:3000/billing"))
        assert response.status_code == 200, response.text
        assert response.json() == {"url": PORTAL_URL}

    def test_portal_refuses_a_return_url_off_the_allowed_origins(self, contract: Contract, api: Api,
                                                                 answers: Answers) -> None:
        owner = new_owner(api, answers.is_pro)
        activate(contract, owner)
        response = api.post("/api/billing/portal", owner.person, json=owner.body(return_url=EVIL))
        shapes.error(response, 400, "redirect url not allowed")

    def test_portal_is_502_when_the_provider_fails(self, contract: Contract, api: Api, answers: Answers,
                                                   fake_api: FakeProviderApi) -> None:
        owner = new_owner(api, answers.is_pro)
        activate(contract, owner)
        fake_api.calls.failing = True
        response = api.post("/api/billing/portal", owner.person, json=owner.body(return_url="http://localhost:3000/"))
        shapes.error(response, 502)


@pytest.mark.billing
class TestDeletingAnOwner:
    def test_a_live_subscription_is_cancelled_at_the_provider_first(self, contract: Contract, api: Api,
                                                                     answers: Answers,
                                                                     fake_api: FakeProviderApi) -> None:
        owner = new_owner(api, answers.is_pro)
        subscription, _ = activate(contract, owner)

        assert owner.delete().status_code == 204

        assert any(subscription in path for method, path, _ in fake_api.calls.seen if method in ("POST", "DELETE"))

    def test_nothing_is_deleted_when_the_cancellation_fails(self, contract: Contract, api: Api,
                                                            answers: Answers, fake_api: FakeProviderApi) -> None:
        owner = new_owner(api, answers.is_pro)
        activate(contract, owner)
        fake_api.calls.failing = True

        shapes.error(owner.delete(), 502)

        fake_api.calls.failing = False
        assert owner.exists()
        assert owner.state() == ("pro", "active")
