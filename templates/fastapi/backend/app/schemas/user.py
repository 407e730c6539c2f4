"""Bodies of /api/users/me."""

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, HttpUrl, field_validator

from app.core.plans import PlanId, SubscriptionStatus
from app.schemas.types import Name


class User(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str | None
    name: str | None
    avatar_url: str | None
    plan: PlanId
    subscription_status: SubscriptionStatus
    created_at: datetime


class UserUpdate(BaseModel):
    """Only the fields sent are changed; `avatar_url: null` removes the picture."""

    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    avatar_url: HttpUrl | None = None

    @field_validator("name")
    @classmethod
    def name_not_null(cls, value: str | None) -> str:
        # Runs only for a value that was sent: a name can be changed, not removed.
        if value is None:
            raise ValueError("name must not be null")
        return value

    @field_validator("avatar_url")
    @classmethod
    def https_only(cls, value: HttpUrl | None) -> HttpUrl | None:
        if value is not None and (value.scheme != "https" or len(str(value)) > 2048):
            raise ValueError("avatar_url must be an https URL of at most 2048 characters")
        return value
