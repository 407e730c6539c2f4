"""Bodies of the organization and membership endpoints."""

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.core.plans import PlanId, SubscriptionStatus
from app.models.organization import Role


class OrganizationName(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100)

    @field_validator("name")
    @classmethod
    def name_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("name must not be blank")
        return value.strip()


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


class MemberUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Role
