"""The one page shape every cursor-paginated list answers with.

Each list names its own subclass (`OrganizationPage`, `MemberPage`, ...) so the OpenAPI
document and the typed frontend client read `OrganizationPage`, not `Page_Organization_`.
"""

from typing import Generic, TypeVar

from pydantic import BaseModel, Field

Item = TypeVar("Item")


class Page(BaseModel, Generic[Item]):
    items: list[Item]
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page. Opaque."
    )
