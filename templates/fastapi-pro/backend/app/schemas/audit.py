"""Bodies of the audit-log endpoint."""

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel


class AuditEntry(BaseModel):
    id: uuid.UUID
    action: str
    actor_id: uuid.UUID | None
    target: str | None
    metadata: dict[str, Any]
    created_at: datetime


class AuditPage(BaseModel):
    items: list[AuditEntry]
    # Pass as `before` to get the next (older) page; null on the last page.
    next_before: uuid.UUID | None
