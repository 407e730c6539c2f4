"""Agency rows: the module boundaries bite (issue 14).

`make lint` runs import-linter with the contracts in backend/pyproject.toml. This adds an
import the contracts forbid (the audit log importing the users module), expects
`make lint-backend` to fail naming the broken contract, removes it and expects success.
Standard library only; `run` calls `checks` after its own lint step.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

FORBIDDEN = "\n\nfrom app.services import users as _users  # noqa: E402, F401\n"
CONTRACT = "The audit log is a leaf: it imports no other domain module"


class CheckFailed(Exception):
    pass


def checks(project: Path, lint: Callable[[], object]) -> list[tuple[str, Callable[[], None]]]:
    """The steps for this project: none unless it is an Agency FastAPI backend."""
    pyproject = project / "backend" / "pyproject.toml"
    if not pyproject.exists() or CONTRACT not in pyproject.read_text(encoding="utf-8"):
        return []
    return [("boundaries bite", lambda: boundaries_bite(project, lint))]


def boundaries_bite(project: Path, lint: Callable[[], object]) -> None:
    target = project / "backend" / "app" / "services" / "audit.py"
    original = target.read_text(encoding="utf-8")
    target.write_text(original + FORBIDDEN, encoding="utf-8")
    try:
        try:
            lint()
        except Exception as e:  # noqa: BLE001 - the driver's own failure type
            if CONTRACT not in str(e) or "broken" not in str(e).lower():
                raise CheckFailed(f"make lint failed, but not on the boundary:\n{e}") from e
        else:
            raise CheckFailed("make lint passed with app.services.audit importing app.services.users")
    finally:
        target.write_text(original, encoding="utf-8")
    lint()
