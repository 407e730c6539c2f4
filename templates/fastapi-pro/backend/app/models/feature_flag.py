"""Feature flags, evaluated server-side: on/off, a percentage rollout, overrides."""

import uuid

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, TimestampMixin, UUIDMixin


class FeatureFlag(UUIDMixin, TimestampMixin, Base):
    __tablename__ = "feature_flags"
    __table_args__ = (
        CheckConstraint(
            "rollout_percentage >= 0 AND rollout_percentage <= 100", name="rollout_range"
        ),
    )

    key: Mapped[str] = mapped_column(String(100), unique=True)
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    enabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    rollout_percentage: Mapped[int] = mapped_column(Integer, default=100, server_default="100")

    overrides: Mapped[list["FlagOverride"]] = relationship(
        back_populates="flag",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
    )


class FlagOverride(UUIDMixin, TimestampMixin, Base):
    """Forces a flag on or off for one user or one organization (exactly one is set)."""

    __tablename__ = "feature_flag_overrides"
    __table_args__ = (
        UniqueConstraint("flag_id", "user_id"),
        UniqueConstraint("flag_id", "organization_id"),
        CheckConstraint("(user_id IS NULL) <> (organization_id IS NULL)", name="one_subject"),
    )

    flag_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("feature_flags.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    organization_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE")
    )
    enabled: Mapped[bool] = mapped_column(Boolean)

    flag: Mapped[FeatureFlag] = relationship(back_populates="overrides")
