"""Sentry starts only when SENTRY_DSN is set, and never sends personal data or tokens."""

import json
from typing import Any, ClassVar

import pytest
import sentry_sdk
from sentry_sdk.envelope import Envelope
from sentry_sdk.transport import Transport
from sentry_sdk.types import Event

from app.core.config import Settings
from app.core.sentry import init_sentry, scrub_event

TOKEN = "tok_s3cr3t-invitation"


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    recorded: list[dict[str, Any]] = []
    monkeypatch.setattr(sentry_sdk, "init", lambda **kwargs: recorded.append(kwargs))
    return recorded


def test_sentry_stays_off_without_a_dsn(calls: list[dict[str, Any]]) -> None:
    assert init_sentry(Settings(_env_file=None, sentry_dsn="")) is False
    assert calls == []


def test_sentry_starts_with_a_dsn(calls: list[dict[str, Any]]) -> None:
    dsn = "https://key@o0.ingest.sentry.test/1"
    config = Settings(_env_file=None, sentry_dsn=dsn, sentry_traces_sample_rate=0.25)
    assert init_sentry(config) is True
    assert calls[0]["dsn"] == dsn
    assert calls[0]["traces_sample_rate"] == 0.25
    assert calls[0]["send_default_pii"] is False
    assert calls[0]["before_send"] is scrub_event
    assert calls[0]["before_send_transaction"] is scrub_event


def test_scrub_event_removes_tokens_from_headers_bodies_queries_and_breadcrumbs() -> None:
    event: Event = {
        "message": f"calling https://api.test/x?token={TOKEN} with Bearer {TOKEN}",
        "request": {
            "url": f"https://api.example.com/api/invitations/accept?token={TOKEN}",
            "query_string": f"token={TOKEN}",
            "headers": {"Authorization": f"Bearer {TOKEN}", "X-Request-ID": "req-1"},
            "data": {"token": TOKEN, "nested": [{"refresh_token": TOKEN}]},
        },
        "breadcrumbs": {
            "values": [{"category": "httplib", "data": {"url": f"https://x.test/?t={TOKEN}"}}]
        },
        "extra": {"body": f"InvitationAccept(token='{TOKEN}')", "json": f'{{"token": "{TOKEN}"}}'},
    }
    scrubbed: dict[str, Any] = dict(scrub_event(event, {}))
    assert TOKEN not in json.dumps(scrubbed)
    assert scrubbed["request"]["url"] == "https://api.example.com/api/invitations/accept"
    assert scrubbed["request"]["headers"]["X-Request-ID"] == "req-1"
    assert scrubbed["extra"]["body"] == "InvitationAccept(token='[Filtered]')"


def test_scrub_event_keeps_ordinary_text() -> None:
    event: Event = {"message": "invalid token signature", "extra": {"tokens": 3, "n": 1}}
    scrubbed: dict[str, Any] = dict(scrub_event(event, {}))
    assert scrubbed["message"] == "invalid token signature"
    assert scrubbed["extra"]["n"] == 1


class Recorder(Transport):
    sent: ClassVar[list[Envelope]] = []

    def capture_envelope(self, envelope: Envelope) -> None:
        self.sent.append(envelope)


def accept(token: str, body: object) -> None:
    raise LookupError("invitation not found")


class Body:
    def __init__(self, token: str) -> None:
        self.token = token

    def __repr__(self) -> str:
        return f"InvitationAccept(token={self.token!r})"


def test_an_error_event_as_the_sdk_builds_it_carries_no_token() -> None:
    # A real client (no integrations, a recording transport): local variables are sent
    # as reprs, and Sentry's own scrubber misses a token inside one.
    client = sentry_sdk.Client(
        dsn="https://key@o0.ingest.sentry.test/1",
        transport=Recorder,
        default_integrations=False,
        before_send=scrub_event,
    )
    Recorder.sent.clear()
    with sentry_sdk.isolation_scope() as scope:
        scope.set_client(client)
        try:
            accept(TOKEN, Body(TOKEN))
        except LookupError as error:
            sentry_sdk.capture_exception(error)
    client.flush()
    [envelope] = Recorder.sent
    event = envelope.get_event()
    assert event is not None
    assert event["exception"]["values"][0]["type"] == "LookupError"
    assert TOKEN not in json.dumps(event)
