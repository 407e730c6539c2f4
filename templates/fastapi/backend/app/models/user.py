"""A person who signed in through the auth provider, created on first sight."""

from datetime import datetime

from sqlalchemy import Boolean, DateTime, String, false
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, TimestampMixin, UUIDMixin


class User(UUIDMixin, TimestampMixin, Base):
    __tablename__ = "users"

    # The token's `sub` claim: the provider's stable id of this person.
    auth_subject: Mapped[str] = mapped_column(String(255), unique=True)
    email: Mapped[str | None] = mapped_column(String(320))
    # True only when the auth provider vouches for `email`; authorization needs it.
    email_verified: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    name: Mapped[str | None] = mapped_column(String(100))
    avatar_url: Mapped[str | None] = mapped_column(String(2048))
    plan: Mapped[str] = mapped_column(String(32), default="free", server_default="free")
    subscription_status: Mapped[str] = mapped_column(
        String(32), default="none", server_default="none"
    )
    # Not unique: Lemon Squeezy and Paddle keep one customer per e-mail address, so one
    # customer may pay for several accounts. Webhooks find their owner by
    # subscription id (app/services/billing/service.py).
    billing_customer_id: Mapped[str | None] = mapped_column(String(255), index=True)
    billing_subscription_id: Mapped[str | None] = mapped_column(String(255), index=True)
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
