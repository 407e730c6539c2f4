"""Pytest plugin of `make security-check`: run only the cited tests, record each outcome.

scripts/security_check.py loads it with `-p scripts.checklist_plugin` and passes two
environment variables: the node ids SECURITY_CHECKLIST.md cites (whitespace separated) and
the file to write the outcomes to. Selecting after collection, instead of passing the ids
on the command line, keeps one renamed test from aborting the whole run ("not found"): the
missing id simply never runs, and the runner fails its item as "not run".
"""

import json
import os
from pathlib import Path

import pytest

IDS_VARIABLE = "SECURITY_CHECK_IDS"
RESULTS_VARIABLE = "SECURITY_CHECK_RESULTS"

# Node id (parameters included) -> "passed", "failed" or "skipped".
_outcomes: dict[str, str] = {}


def base_id(nodeid: str) -> str:
    """The id a checklist cites for every parameter of a test: `file.py::test_name`."""
    return nodeid.split("[", 1)[0]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    wanted = set(os.environ.get(IDS_VARIABLE, "").split())
    kept = [item for item in items if base_id(item.nodeid) in wanted]
    deselected = [item for item in items if base_id(item.nodeid) not in wanted]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
    items[:] = kept


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    previous = _outcomes.get(report.nodeid)
    if report.failed:
        _outcomes[report.nodeid] = "failed"
    elif report.skipped and previous != "failed":
        _outcomes[report.nodeid] = "skipped"
    elif report.when == "call" and previous is None:
        _outcomes[report.nodeid] = "passed"


def pytest_sessionfinish(session: pytest.Session) -> None:
    path = os.environ.get(RESULTS_VARIABLE)
    if path:
        Path(path).write_text(json.dumps(_outcomes, indent=1), encoding="utf-8")
