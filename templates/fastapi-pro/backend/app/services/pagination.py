"""Keyset pagination for the list endpoints: the `limit`/`cursor` query and the page query.

Keyset, not OFFSET: a page starts strictly after the previous page's last row in a stable
order (a `Keyset`'s columns, unique together), so rows added or removed meanwhile never
shift a page into duplicates or gaps, and the database seeks instead of counting skipped
rows. One extra row is fetched to know whether a next page exists.

The cursor is base64url JSON `{"list": <keyset name>, "after": [<last row's sort key>]}`.
Clients treat it as opaque. One that does not decode, holds the wrong types or belongs
to another list is a 422 like any other bad query value, never a 500.
"""

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Query
from fastapi.exceptions import RequestValidationError
from pydantic import TypeAdapter, ValidationError
from sqlalchemy import Select, literal, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

DEFAULT_LIMIT = 50
MAX_LIMIT = 100
# A real cursor is far shorter; longer input is refused before it is decoded.
MAX_CURSOR_LENGTH = 500


@dataclass(frozen=True)
class PageRequest:
    limit: int
    cursor: str | None


async def page_request(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(max_length=MAX_CURSOR_LENGTH)] = None,
) -> PageRequest:
    return PageRequest(limit=limit, cursor=cursor)


PageQuery = Annotated[PageRequest, Depends(page_request)]


@dataclass(frozen=True)
class Keyset:
    """A list's sort order: its name (kept in its cursors) and columns, unique together.

    `key` validates a decoded sort key: one type per column, e.g.
    `tuple[AwareDatetime, uuid.UUID]`.
    """

    name: str
    columns: tuple[InstrumentedAttribute[Any], ...]
    key: TypeAdapter[Any]


def encode_cursor(keyset: Keyset, key: Sequence[Any]) -> str:
    payload = {"list": keyset.name, "after": keyset.key.dump_python(tuple(key), mode="json")}
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _invalid_cursor(reason: str) -> RequestValidationError:
    message = f"not a valid cursor ({reason}): pass next_cursor from the previous page"
    return RequestValidationError(
        [{"loc": ("query", "cursor"), "msg": message, "type": "value_error"}]
    )


def decode_cursor(keyset: Keyset, cursor: str) -> tuple[Any, ...]:
    """The sort key a cursor of this list holds; a 422 for anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw)
    except (binascii.Error, ValueError) as error:
        raise _invalid_cursor("not base64url JSON") from error
    if not isinstance(payload, dict) or payload.get("list") != keyset.name:
        raise _invalid_cursor("not from this list")
    try:
        return tuple(keyset.key.validate_python(payload.get("after")))
    except ValidationError as error:
        raise _invalid_cursor("malformed sort key") from error


async def fetch_page(
    session: AsyncSession, query: Select[Any], keyset: Keyset, page: PageRequest
) -> tuple[list[tuple[Any, ...]], str | None]:
    """One page of `query`'s rows (as its selected entities) and the next page's cursor.

    `query` selects and filters; this adds the keyset's order, the start after the
    cursor and the limit.
    """
    columns = keyset.columns
    if page.cursor is not None:
        after = decode_cursor(keyset, page.cursor)
        bound = [literal(value, column.type) for column, value in zip(columns, after, strict=True)]
        query = query.where(tuple_(*columns) > tuple_(*bound))
    query = query.add_columns(*columns).order_by(*columns).limit(page.limit + 1)
    rows = [tuple(row) for row in (await session.execute(query)).all()]
    width = len(columns)
    next_cursor = None
    if len(rows) > page.limit:
        next_cursor = encode_cursor(keyset, rows[page.limit - 1][-width:])
    return [row[:-width] for row in rows[: page.limit]], next_cursor
