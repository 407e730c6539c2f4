"""Sentry starts only when SENTRY_DSN is set, and never sends personal data."""

from typing import Any

import pytest
import sentry_sdk

from app.core.config import Settings
from app.core.sentry import init_sentry


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
