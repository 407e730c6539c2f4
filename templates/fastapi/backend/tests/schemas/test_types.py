"""The shared text types (app/schemas/types.py) and the cleaning of token claims."""

import pytest
from httpx import AsyncClient
from pydantic import TypeAdapter, ValidationError

from app.schemas.types import EmailText, Name, storable_text
from tests.conftest import HeadersFactory

NAME = TypeAdapter(Name)

UNSAFE = [
    "\x00",
    "\x07",
    "\x1b",
    "\n",
    "\x7f",
    "\x85",
    "\u2028",
    "\u202e",
    "\u2066",
]


@pytest.mark.parametrize("character", UNSAFE)
def test_names_refuse_control_and_bidirectional_characters(character: str) -> None:
    with pytest.raises(ValidationError, match=f"U\\+{ord(character):04X}"):
        NAME.validate_python(f"Ada{character}Lovelace")


def test_names_keep_other_unicode_and_are_trimmed() -> None:
    assert NAME.validate_python("  Zoë 😀 中文 e\u0301  ") == "Zoë 😀 中文 e\u0301"


@pytest.mark.parametrize("value", ["", "   ", "x" * 101])
def test_names_have_one_to_100_characters_after_trimming(value: str) -> None:
    with pytest.raises(ValidationError):
        NAME.validate_python(value)


def test_email_text_is_lower_cased() -> None:
    assert TypeAdapter(EmailText).validate_python(" Ada@Example.COM ") == "ada@example.com"


def test_storable_text_removes_what_the_types_refuse() -> None:
    assert storable_text(" Ada\x00 Love\u202elace\n") == "Ada Lovelace"
    assert storable_text("\x00\u202e ") is None
    assert storable_text(None) is None


async def test_a_nul_in_the_name_answers_422_not_500(
    client: AsyncClient, auth_headers: HeadersFactory
) -> None:
    response = await client.patch(
        "/api/users/me", headers=auth_headers(), json={"name": "Ada\x00Lovelace"}
    )
    assert response.status_code == 422


async def test_an_unpaired_surrogate_answers_422_not_500(
    client: AsyncClient, auth_headers: HeadersFactory
) -> None:
    # Valid JSON, but not encodable as UTF-8: the 422 that echoes it must still be written.
    for body in (b'{"name": "\\ud800"}', b'{"\\ud800": 1}'):
        response = await client.patch(
            "/api/users/me",
            headers={**auth_headers(), "Content-Type": "application/json"},
            content=body,
        )
        assert response.status_code == 422
        assert response.json()["detail"]


async def test_profile_claims_are_stored_without_control_characters(
    client: AsyncClient, auth_headers: HeadersFactory
) -> None:
    headers = auth_headers("claims", name="Ada\x00 Lovelace\u202e")
    response = await client.get("/api/users/me", headers=headers)
    assert response.status_code == 200
    assert response.json()["name"] == "Ada Lovelace"
