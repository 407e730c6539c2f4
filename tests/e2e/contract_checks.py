#!/usr/bin/env python3
"""The black-box contract suite (tests/contract/) on an e2e backend row.

Some (tier, auth, billing) answers, together covering every tier, auth provider and
payment provider, run the suite on whichever backend the row has (FastAPI now, Axum rows
plug in with the same answers): it starts the project's backend through its own Makefile
against a fresh database and checks every endpoint over HTTP (see tests/contract/conftest.py).

The suite's tools (pytest, httpx, PyJWT) live in their own virtual environment,
target/e2e-tools/contract-venv, built by uv from the pinned tests/contract/requirements.txt
and rebuilt when that file changes. By hand, on a project kept with `--keep`:

    tests/e2e/contract_checks.py PROJECT postgresql://postgres@127.0.0.1:PORT/postgres [pytest args]

Standard library only.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SUITE = REPO / "tests" / "contract"
VENV = REPO / "target" / "e2e-tools" / "contract-venv"
REQUIREMENTS = SUITE / "requirements.txt"
# (tier, auth, billing): each tier, auth provider and billing value (`none` too) at least once.
# Starter/Clerk/Stripe, Agency/Auth0/Lemon Squeezy and Pro/Supabase/Paddle run on both
# backends (matrix.toml has a FastAPI and an Axum row of each).
ANSWERS = {("starter", "clerk", "stripe"), ("agency", "auth0", "lemonsqueezy"), ("pro", "supabase", "paddle"),
           ("pro", "auth0", "none")}


def applies(answers: dict[str, str]) -> bool:
    return (answers["tier"], answers["auth"], answers["billing"]) in ANSWERS


def _stamp() -> str:
    return hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()[:16]


def ensure_venv(log: Callable[[str], None] = print) -> Path:
    """The suite's Python, installed (again) when requirements.txt changed."""
    python, stamp = VENV / "bin" / "python", VENV / ".requirements-sha256"
    if python.exists() and stamp.exists() and stamp.read_text() == _stamp():
        return python
    log("installing the contract suite's tools (uv, tests/contract/requirements.txt)")
    shutil.rmtree(VENV, ignore_errors=True)
    uv = shutil.which("uv") or "uv"
    subprocess.run([uv, "venv", "-q", "--python", sys.executable, str(VENV)], check=True)
    subprocess.run([uv, "pip", "install", "-q", "--python", str(python), "-r", str(REQUIREMENTS)], check=True)
    stamp.write_text(_stamp())
    return python


def command(project: Path, admin_url: str, db_name: str, *extra: str) -> list[str]:
    return [str(ensure_venv()), "-m", "pytest", "-c", str(SUITE / "pytest.ini"), str(SUITE), "-q",
            "--project", str(project), "--pg-url", admin_url, "--db-name", db_name, *extra]


def check(run: Callable[..., Any], project: Path, admin_url: str, db_name: str, env: dict[str, str]) -> str:
    """Runs the suite on `project` (the driver's `run` raises on a failure, with the output's
    tail); returns the summary line, e.g. `150 passed, 12 deselected in 95.3s`."""
    proc = run(command(project, admin_url, db_name), cwd=REPO, env=env, timeout=1200)
    found = re.findall(r"^=* ?(\d+ passed.*?)=*$", proc.stdout, re.M)
    return found[-1].strip() if found else ""


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(subprocess.run(command(Path(sys.argv[1]).resolve(), sys.argv[2], "contract_by_hand", *sys.argv[3:]),
                            cwd=REPO).returncode)
