"""The text types every request body uses, and the cleaning of text taken from tokens.

A JSON string may hold any character, but not every character can be stored or shown
safely. PostgreSQL refuses NUL (U+0000) in text, so `"\\u0000"` in a name was a 500; an
unpaired surrogate cannot be encoded as UTF-8 at all; other control characters and line
separators corrupt log lines and exports; bidirectional overrides make a name display as
something it is not ("Trojan Source"). Request fields refuse them with a 422 naming the
character. Token claims, which the user cannot correct, have them removed instead.
"""

import re
from dataclasses import fields, replace
from typing import TYPE_CHECKING, Annotated, TypeVar

from pydantic import AfterValidator, StringConstraints

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

# C0 controls, DEL, C1 controls, the line and paragraph separators, bidirectional
# embeddings, overrides and isolates, and unpaired surrogates.
UNSAFE_CHARACTERS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def refuse_unsafe_characters(value: str) -> str:
    """Pydantic validator: the value unchanged, or an error naming the first bad character."""
    found = UNSAFE_CHARACTERS.search(value)
    if found:
        code = f"U+{ord(found.group()):04X}"
        raise ValueError(f"must not contain control or bidirectional characters ({code})")
    return value


def _text(min_length: int, max_length: int, *, lower: bool = False) -> StringConstraints:
    """Trimmed first, then measured."""
    return StringConstraints(
        strip_whitespace=True, to_lower=lower, min_length=min_length, max_length=max_length
    )


# A person's or an organization's name: shown to others, one line.
Name = Annotated[str, _text(1, 100), AfterValidator(refuse_unsafe_characters)]
# Free text such as a description; may be empty.
Description = Annotated[str, _text(0, 500), AfterValidator(refuse_unsafe_characters)]
# An e-mail address, lower-cased; its format is checked where it is used.
EmailText = Annotated[str, _text(1, 320, lower=True), AfterValidator(refuse_unsafe_characters)]
# A URL taken as text (redirect targets are checked against ALLOWED_ORIGINS by the route).
UrlText = Annotated[str, _text(1, 2048), AfterValidator(refuse_unsafe_characters)]
# An opaque token copied from a link (an invitation); only compared with stored hashes.
TokenText = Annotated[str, _text(1, 128), AfterValidator(refuse_unsafe_characters)]


def storable_text(value: str | None) -> str | None:
    """Text from a token made safe to store: unsafe characters removed, trimmed, or None."""
    if value is None:
        return None
    return UNSAFE_CHARACTERS.sub("", value).strip() or None


Record = TypeVar("Record", bound="DataclassInstance")


def storable(record: Record) -> Record:
    """A copy of a dataclass (the token's profile) with every text field `storable_text`."""
    texts = {
        field.name: storable_text(value)
        for field in fields(record)
        if isinstance(value := getattr(record, field.name), str)
    }
    return replace(record, **texts)
