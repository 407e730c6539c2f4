"""Plan entitlements (Pro and Agency): member seats per plan and the audit log on Business,
answered 402; the audit log's content, visibility and `limit` + `before` paging."""

import pytest

from conftest import Answers, Contract
from kit import shapes
from kit.client import Api
from kit.orgs import add_member, create_org, invite
from kit.owners import Owner

pytestmark = pytest.mark.pro


def upgrade(contract: Contract, org_id: str, owner, plan: str) -> None:  # type: ignore[no-untyped-def]
    """Puts the org on `plan` the way production does: the provider's paid-checkout webhook."""
    pay = contract.billing
    assert pay is not None
    sub, cus = pay.new_ids()
    hook = pay.activate("organization_id", org_id, plan, subscription=sub, customer=cus)
    assert contract.api.post(pay.path, content=hook.body, headers=hook.headers).status_code == 200
    assert Owner(contract.api, owner, org_id, True).state() == (plan, "active")


@pytest.mark.billing
def test_the_free_plan_holds_five_seats_counting_pending_invitations(api: Api) -> None:
    owner = api.person("owner")
    org = create_org(api, owner)
    add_member(api, org["id"], owner)
    for n in range(3):
        invite(api, org["id"], owner, f"seat{n}-{owner.sub[-6:]}@example.com")

    response = api.post(f"/api/orgs/{org['id']}/invitations", owner,
                        json={"email": "sixth@example.com", "role": "member"})

    shapes.error(response, 402, "more than 5 members requires the Pro plan")


@pytest.mark.billing
def test_the_pro_plan_holds_ten_seats(contract: Contract, api: Api) -> None:
    owner = api.person("owner")
    org = create_org(api, owner)
    upgrade(contract, org["id"], owner, "pro")
    for n in range(9):
        invite(api, org["id"], owner, f"seat{n}-{owner.sub[-6:]}@example.com")

    response = api.post(f"/api/orgs/{org['id']}/invitations", owner,
                        json={"email": "eleventh@example.com", "role": "member"})

    shapes.error(response, 402, "more than 10 members requires the Business plan")


@pytest.mark.billing
def test_the_audit_log_needs_the_business_plan(contract: Contract, api: Api) -> None:
    owner = api.person("owner")
    org = create_org(api, owner)
    path = f"/api/orgs/{org['id']}/audit-log"

    shapes.error(api.get(path, owner), 402, "the audit log requires the Business plan")
    upgrade(contract, org["id"], owner, "business")
    assert api.get(path, owner).status_code == 200


@pytest.mark.no_billing
def test_without_billing_every_org_has_the_top_plans_entitlements(api: Api) -> None:
    owner = api.person("owner")
    org = create_org(api, owner)
    for n in range(6):
        invite(api, org["id"], owner, f"seat{n}-{owner.sub[-6:]}@example.com")

    assert api.get(f"/api/orgs/{org['id']}/audit-log", owner).status_code == 200


def audited_org(contract: Contract, answers: Answers):  # type: ignore[no-untyped-def]
    api = contract.api
    owner = api.person("owner")
    org = create_org(api, owner)
    if answers.billing != "none":
        upgrade(contract, org["id"], owner, "business")
    return api, owner, org


def audit_page(api: Api, owner, org_id: str, **params):  # type: ignore[no-untyped-def]
    response = api.get(f"/api/orgs/{org_id}/audit-log", owner, params=params)
    assert response.status_code == 200, response.text
    body = shapes.check(response.json(), {"items": list, "next_before": (str, type(None))}, "AuditPage")
    return [shapes.check(e, shapes.AUDIT_ENTRY, "AuditEntry") for e in body["items"]], body["next_before"]


def test_the_audit_log_records_membership_changes_newest_first(contract: Contract, answers: Answers) -> None:
    api, owner, org = audited_org(contract, answers)
    member = add_member(api, org["id"], owner)
    member_id = api.me(member)["id"]
    api.patch(f"/api/orgs/{org['id']}/members/{member_id}", owner, json={"role": "admin"})
    api.patch(f"/api/orgs/{org['id']}", owner, json={"name": "Renamed"})

    entries, _ = audit_page(api, owner, org["id"])
    actions = [e["action"] for e in entries]

    for action in ("org.created", "invitation.created", "invitation.accepted", "member.role_changed",
                   "org.updated"):
        assert action in actions, actions
    assert actions.index("org.updated") < actions.index("member.role_changed") < actions.index("org.created")
    assert [e["created_at"] for e in entries] == sorted((e["created_at"] for e in entries), reverse=True)


def test_the_audit_log_pages_with_limit_and_before(contract: Contract, answers: Answers) -> None:
    api, owner, org = audited_org(contract, answers)
    for n in range(4):
        api.patch(f"/api/orgs/{org['id']}", owner, json={"name": f"Name {n}"})
    everything, _ = audit_page(api, owner, org["id"], limit=100)

    seen: list[str] = []
    before = None
    while True:
        entries, before = audit_page(api, owner, org["id"], limit=2, **({"before": before} if before else {}))
        seen += [e["id"] for e in entries]
        if before is None:
            break

    assert seen == [e["id"] for e in everything]
    shapes.validation_error(api.get(f"/api/orgs/{org['id']}/audit-log", owner, params={"limit": 0}))


def test_members_cannot_read_the_audit_log_and_other_orgs_entries_never_show(contract: Contract,
                                                                               answers: Answers) -> None:
    api, owner, org = audited_org(contract, answers)
    member = add_member(api, org["id"], owner)
    other_owner = api.person("other")
    other = create_org(api, other_owner, "Other")

    shapes.error(api.get(f"/api/orgs/{org['id']}/audit-log", member), 403)
    entries, _ = audit_page(api, owner, org["id"], limit=100)
    assert not any(e["target"] == other["id"] or other["id"] in str(e["metadata"]) for e in entries)
