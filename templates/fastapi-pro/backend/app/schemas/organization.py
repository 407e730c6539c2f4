"""Bodies of the organization and membership endpoints."""

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from app.core.plans import PlanId, SubscriptionStatus
from app.models.organization import Role
from app.schemas.pagination import Page
from app.schemas.types import Name


class OrganizationName(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name


class OrganizationCreate(OrganizationName):
    pass


class OrganizationUpdate(OrganizationName):
    pass


class Organization(BaseModel):
    id: uuid.UUID
    name: str
    slug: str
    plan: PlanId
    subscription_status: SubscriptionStatus
    role: Role
    created_at: datetime


class Member(BaseModel):
    user_id: uuid.UUID
    email: str | None
    name: str | None
    role: Role
    joined_at: datetime


class OrganizationPage(Page[Organization]):
    pass


class MemberPage(Page[Member]):
    pass


class MemberUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Role
