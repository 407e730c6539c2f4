"""Bodies of the feature-flag endpoints."""

import uuid
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.schemas.pagination import Page
from app.schemas.types import Description


class FlagValues(BaseModel):
    flags: dict[str, bool]


class Flag(BaseModel):
    key: str
    description: str
    enabled: bool
    rollout_percentage: int
    user_overrides: dict[str, bool]
    org_overrides: dict[str, bool]


class FlagPage(Page[Flag]):
    pass


class FlagUpsert(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: Description | None = None
    enabled: bool
    rollout_percentage: int = Field(ge=0, le=100)


class FlagOverride(BaseModel):
    """Force the flag for one user or one organization; `enabled: null` removes it."""

    model_config = ConfigDict(extra="forbid")

    user_id: uuid.UUID | None = None
    org_id: uuid.UUID | None = None
    enabled: bool | None

    @model_validator(mode="after")
    def exactly_one_subject(self) -> Self:
        if (self.user_id is None) == (self.org_id is None):
            raise ValueError("set exactly one of user_id and org_id")
        return self
