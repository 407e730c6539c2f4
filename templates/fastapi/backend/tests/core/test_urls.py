"""The open-redirect guard."""

import pytest

from app.core.urls import is_allowed_origin

ALLOWED = ["https://app.example.com", "http://localhost:3000"]


@pytest.mark.parametrize(
    "url",
    [
        "https://app.example.com/billing?done=1",
        "https://APP.example.com:443/x",
        "http://localhost:3000/dashboard",
    ],
)
def test_urls_on_an_allowed_origin_are_accepted(url: str) -> None:
    assert is_allowed_origin(url, ALLOWED)


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/",
        "https://app.example.com.evil.example/",
        "http://app.example.com/",
        "https://app.example.com:8443/",
        "https://user@app.example.com/",
        "//app.example.com/",
        "/relative/path",
        "javascript:alert(1)",
        "https://app.example.com\\@evil.example/",
        "https://app.example.com/\r\nLocation: x",
        "https://app.example.com:99999/",
        "",
    ],
)
def test_other_urls_are_refused(url: str) -> None:
    assert not is_allowed_origin(url, ALLOWED)


def test_the_default_allow_list_is_allowed_origins() -> None:
    assert is_allowed_origin("http://localhost:3000/x")
    assert not is_allowed_origin("https://evil.example/")
