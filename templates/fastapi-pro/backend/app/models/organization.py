"""Organizations, who belongs to them (with which role) and pending invitations."""

import enum
import uuid
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, synonym

from app.models.base import Base, TimestampMixin, UUIDMixin


class Role(enum.StrEnum):
    OWNER = "owner"
    ADMIN = "admin"
    MEMBER = "member"

    @property
    def rank(self) -> int:
        return _RANKS[self]

    def at_least(self, minimum: "Role") -> bool:
        return self.rank >= minimum.rank


_RANKS = {Role.MEMBER: 1, Role.ADMIN: 2, Role.OWNER: 3}


class InvitationStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REVOKED = "revoked"
    # Never stored: a pending invitation past `expires_at` is shown as expired.
    EXPIRED = "expired"


class Organization(UUIDMixin, TimestampMixin, Base):
    __tablename__ = "organizations"

    name: Mapped[str] = mapped_column(String(100))
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    plan: Mapped[str] = mapped_column(String(32), default="free", server_default="free")
    subscription_status: Mapped[str] = mapped_column(
        String(32), default="none", server_default="none"
    )
    # Not unique: Lemon Squeezy and Paddle keep one customer per e-mail address, so one
    # customer may pay for several organizations. Webhooks find their owner by
    # subscription id (app/services/billing/service.py).
    billing_customer_id: Mapped[str | None] = mapped_column(String(255), index=True)
    billing_subscription_id: Mapped[str | None] = mapped_column(String(255), index=True)


class Membership(UUIDMixin, TimestampMixin, Base):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("organization_id", "user_id"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    org_id: Mapped[uuid.UUID] = synonym("organization_id")
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    # One of Role's values.
    role: Mapped[str] = mapped_column(String(16))


class Invitation(UUIDMixin, TimestampMixin, Base):
    __tablename__ = "invitations"

    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(320))
    role: Mapped[str] = mapped_column(String(16))
    # Only the SHA-256 of the token is stored; the token itself is shown once.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(
        String(16), default=InvitationStatus.PENDING, server_default="pending"
    )
    invited_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
