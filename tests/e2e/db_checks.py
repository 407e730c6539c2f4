"""The `db` part of the end-to-end suite: a new user's first run, from no database.

One API-only Starter project, driven only through its own Makefile with `.env` pointing at
a free port: `make migrate` and `make test` first fail with the line naming `make db` (no
traceback); `make db` starts a PostgreSQL (no Docker here, so the project's local-install path,
scripts/dev-db) and a second `make db` says it is already running; a wrong password and a
missing database each fail `make migrate` with their one line; then `make migrate` and
`make test` pass on the databases `make db` created, `.devdb/` is git-ignored, and
`make db-stop` stops the server. Last, a fake `docker` on PATH shows that with Docker
`make db` starts compose.yaml's `db` service, and refuses clearly without compose.yaml.

Standard library only; tests/e2e/run lends its step timer, `make`, `run` and failure type
(`Driver`), so a failing check names its step like any row.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Answers of the project: the smallest one whose `make test` is the backend suite.
ANSWERS = {"backend": "fastapi", "frontend": "none", "ci": "github", "tier": "starter",
           "auth": "clerk", "billing": "none"}
NO_SYNC = "UV_RUN=uv run --no-sync"

# Answers the fake `docker` gives: it runs, and pg_isready/psql inside the service succeed.
FAKE_DOCKER = """#!/bin/sh
printf '%s\\n' "$*" >> "$(dirname "$0")/calls.log"
"""


@dataclass
class Driver:
    """What tests/e2e/run lends these checks."""

    step: Callable[[str, Callable[[], Any]], Any]
    make: Callable[..., subprocess.CompletedProcess[str]]
    run: Callable[..., subprocess.CompletedProcess[str]]
    failed: type[Exception]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def point_env_at(project: Path, port: int) -> None:
    """`.env`'s two database URLs on `port` of localhost (the rest as generated)."""
    env_file = project / ".env"
    text = re.sub(r"@localhost:5432/", f"@localhost:{port}/", env_file.read_text())
    env_file.write_text(text)


def make_fails(d: Driver, project: Path, env: dict[str, str], target: str, expected: str,
               times: int = 1) -> None:
    """`make target` must fail, saying `expected` on `times` lines (pytest repeats its exit
    reason), with no traceback."""
    proc = d.run(["make", "--no-print-directory", target, NO_SYNC], cwd=project, env=env, check=False)
    lines = [line for line in proc.stdout.splitlines() if expected in line]
    if (proc.returncode == 0 or len(lines) != times or "Traceback" in proc.stdout
            or "INTERNALERROR" in proc.stdout):
        raise d.failed(f"`make {target}` should fail with one line saying {expected!r} and no "
                       f"traceback; exit {proc.returncode}:\n{proc.stdout[-3000:]}")


def expect(d: Driver, proc: subprocess.CompletedProcess[str], *needles: str) -> None:
    missing = [n for n in needles if n not in proc.stdout]
    if missing:
        raise d.failed(f"output lacks {missing}:\n{proc.stdout[-3000:]}")


def first_run(d: Driver, project: Path, env: dict[str, str], port: int) -> str:
    """make migrate (refused), db, db again, the two other failures, migrate, test.
    Returns `make test`'s output."""
    url = f"postgresql://postgres:postgres@localhost:{port}"
    d.step("migrate before db", lambda: make_fails(d, project, env, "migrate",
                                                    f"cannot connect to PostgreSQL at localhost:{port} "
                                                    "(connection refused): start it with `make db`"))
    d.step("test before db", lambda: make_fails(d, project, env, "test",
                                                 f"cannot connect to PostgreSQL at localhost:{port} "
                                                 "(connection refused): start it with `make db`, or "
                                                 "fix the host and port in TEST_DATABASE_URL", times=2))
    started = d.step("db", lambda: d.make(project, env, "db", variables={}))
    expect(d, started, f"started on localhost:{port}", f"DATABASE_URL={url}/e2e_app",
           f"TEST_DATABASE_URL={url}/e2e_app_test")
    again = d.step("db again", lambda: d.make(project, env, "db", variables={}))
    expect(d, again, "already running")
    wrong = {**env, "DATABASE_URL": f"postgresql://postgres:wrong@localhost:{port}/e2e_app"}
    d.step("wrong password", lambda: make_fails(d, project, wrong, "migrate",
                                                "(authentication failed): fix the user and password"))
    missing = {**env, "DATABASE_URL": f"{url}/never_created"}
    d.step("missing database", lambda: make_fails(d, project, missing, "migrate",
                                                  'database "never_created" does not exist'))
    d.step("migrate", lambda: d.make(project, env, "migrate"))
    return str(d.step("test", lambda: d.make(project, env, "test", timeout=1200)).stdout)


def devdb_is_ignored(d: Driver, project: Path) -> None:
    d.run(["git", "init", "-q"], cwd=project)
    if d.run(["git", "check-ignore", "-q", ".devdb/data"], cwd=project, check=False).returncode != 0:
        raise d.failed(".devdb/ is not git-ignored")


def with_fake_docker(d: Driver, project: Path, env: dict[str, str]) -> None:
    """A `docker` that runs: without compose.yaml, one clear refusal; with it, `make db`
    starts the compose `db` service and creates both databases through it."""
    fake = project / "fake-bin"
    fake.mkdir()
    (fake / "docker").write_text(FAKE_DOCKER)
    (fake / "docker").chmod(0o755)
    denv = {**env, "PATH": f"{fake}:{env['PATH']}"}
    compose = project / "compose.yaml"
    kept = compose.read_text() if compose.exists() else None
    compose.unlink(missing_ok=True)
    make_fails(d, project, denv, "db", "compose.yaml is missing, so docker has no `db` service")
    compose.write_text(kept or "services:\n  db:\n    image: postgres:16\n")
    proc = d.make(project, denv, "db", variables={})
    calls = (fake / "calls.log").read_text()
    expect(d, proc, "PostgreSQL is running in docker (compose service `db`)")
    if "compose up -d db" not in calls or calls.count("compose exec -T db psql") < 2:
        raise d.failed(f"with Docker, `make db` should run `docker compose up -d db` and psql in it; "
                       f"it ran:\n{calls}")
    shutil.rmtree(fake)


def db_steps(d: Driver, project: Path, env: dict[str, str]) -> str:
    """The whole part on a generated project; returns `make test`'s output."""
    d.step("setup", lambda: d.make(project, env, "setup", variables={}))
    port = free_port()
    point_env_at(project, port)
    try:
        output = first_run(d, project, env, port)
        d.step(".devdb ignored", lambda: devdb_is_ignored(d, project))
        d.step("db-stop", lambda: expect(d, d.make(project, env, "db-stop", variables={}),
                                         "PostgreSQL stopped"))
    finally:
        # After a failure too: the server must not outlive the run.
        d.run(["make", "--no-print-directory", "db-stop"], cwd=project, env=env, check=False)
    d.step("db-stop again", lambda: expect(d, d.make(project, env, "db-stop", variables={}),
                                           "is not running"))
    d.step("db with docker", lambda: with_fake_docker(d, project, env))
    return output
