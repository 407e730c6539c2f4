"""What an organization's plan entitles it to, enforced where the feature is used.

The limits come from the plan catalog (`app/core/plans.py`), the same data the pricing page
shows, so what is sold is what is enforced. A refusal answers 402 Payment Required with a
`detail` naming the plan that allows it: 402 rather than 403 because paying fixes it,
which the frontend turns into an upgrade hint, while 403 keeps meaning "your role does not
allow this" (ask an admin).

Without a payment provider (`BILLING_ENABLED` false) no plan can be bought, so nothing is
held back: every organization gets the top plan's entitlements.
"""

import uuid
from collections.abc import Callable

from fastapi import HTTPException, status
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.plans import BILLING_ENABLED, PLANS, PlanInfo, plan_info
from app.models.base import utcnow
from app.models.organization import Invitation, InvitationStatus, Membership, Organization


def entitlements(plan_id: str) -> PlanInfo:
    """The plan whose limits apply to an organization on `plan_id`."""
    return plan_info(plan_id) if BILLING_ENABLED else PLANS[-1]


def plan_required(feature: str, allows: Callable[[PlanInfo], bool]) -> HTTPException:
    """402 naming the cheapest plan that `allows` the feature."""
    plan = next(plan for plan in PLANS if allows(plan))
    return HTTPException(
        status_code=status.HTTP_402_PAYMENT_REQUIRED,
        detail=f"{feature} requires the {plan.name} plan",
    )


def require_audit_log(org: Organization) -> None:
    """The audit log is a feature of some plans only (Business)."""
    if not entitlements(org.plan).audit_log:
        raise plan_required("the audit log", lambda plan: plan.audit_log)


async def seats_taken(session: AsyncSession, org_id: uuid.UUID) -> int:
    """Members plus pending invitations: every invitation may become a member."""
    members = await session.scalar(
        select(func.count()).select_from(Membership).where(Membership.organization_id == org_id)
    )
    pending = await session.scalar(
        select(func.count())
        .select_from(Invitation)
        .where(
            Invitation.organization_id == org_id,
            Invitation.status == InvitationStatus.PENDING,
            Invitation.expires_at > utcnow(),
        )
    )
    return (members or 0) + (pending or 0)


async def require_member_seat(session: AsyncSession, org_id: uuid.UUID) -> None:
    """Room for one more member under the plan's limit.

    The organization's row is locked until the transaction ends, so concurrent
    invitations are counted one after the other and cannot overshoot the limit together.
    """
    org = await session.scalar(
        select(Organization).where(Organization.id == org_id).with_for_update()
    )
    limit = entitlements(org.plan).max_members if org is not None else None
    if limit is not None and await seats_taken(session, org_id) >= limit:
        raise plan_required(
            f"more than {limit} members",
            lambda plan: plan.max_members is None or plan.max_members > limit,
        )
