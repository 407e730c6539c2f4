"""Bodies of the invitation endpoints."""

import re
import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, field_validator

from app.models.organization import InvitationStatus, Role
from app.schemas.pagination import Page
from app.schemas.types import EmailText, TokenText

# Deliberately simple: the real check is the invitee receiving the e-mail.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class InvitationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: EmailText
    role: Role = Role.MEMBER

    @field_validator("email")
    @classmethod
    def valid_email(cls, value: str) -> str:
        if not _EMAIL.match(value):
            raise ValueError("not a valid e-mail address")
        return value


class Invitation(BaseModel):
    id: uuid.UUID
    email: str
    role: Role
    status: InvitationStatus
    expires_at: datetime
    created_at: datetime


class InvitationPage(Page[Invitation]):
    pass


class InvitationAccept(BaseModel):
    """The token from the invitation link, sent in the body: URLs end up in logs."""

    model_config = ConfigDict(extra="forbid")

    token: TokenText


class InvitationCreated(Invitation):
    # Shown once, to be sent to the invitee; only its hash is stored.
    token: str
