"""Starting a generated backend the way its users do: a fresh database, the project's
`make migrate`, then its `make dev-backend` on a free loopback port.

Nothing here knows FastAPI from Axum but the table `BACKENDS`: the Makefile variables a
backend's targets take (after `make setup` the FastAPI environment is complete, so no
target may re-resolve it). Everything else is the project's own Makefile.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

# Per backend answer: the Makefile variables its targets are run with.
BACKENDS: dict[str, dict[str, str]] = {
    "fastapi": {"UV_RUN": "uv run --no-sync"},
    "axum": {},
}
START_SECONDS = 180  # a first `cargo run` may still be linking


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def dead_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    return free_port()


def make_command(kind: str, *targets: str) -> list[str]:
    if kind not in BACKENDS:
        raise ValueError(f"no contract settings for backend `{kind}`: add it to BACKENDS")
    return ["make", "--no-print-directory", *targets, *(f"{k}={v}" for k, v in BACKENDS[kind].items())]


def psql_binary() -> str:
    found = shutil.which("psql") or next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin/psql"),
                                                     reverse=True)), None)
    if not found:
        raise RuntimeError("psql not found: install PostgreSQL's client")
    return str(found)


def fresh_database(admin_url: str, name: str) -> str:
    """Drops and creates `name` on the server of `admin_url`; returns its URL."""
    for sql in (f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'):
        subprocess.run([psql_binary(), "-q", "-v", "ON_ERROR_STOP=1", admin_url, "-c", sql],
                       check=True, capture_output=True, text=True)
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def clean_env() -> dict[str, str]:
    """The caller's environment without what would steer the backend elsewhere."""
    drop = ("VIRTUAL_ENV", "PYTHONHOME", "MAKE", "DATABASE_URL", "TEST_DATABASE_URL")
    return {k: v for k, v in os.environ.items() if not k.startswith(drop)}


@dataclass
class BackendServer:
    """One running backend process group; `stop` ends it and its children."""

    project: Path
    kind: str
    env: dict[str, str]
    log: Path
    port: int = 0
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def migrate(self) -> None:
        proc = subprocess.run(make_command(self.kind, "migrate"), cwd=self.project, env=self.env,
                              capture_output=True, text=True, timeout=600)
        if proc.returncode != 0:
            raise RuntimeError(f"make migrate failed:\n{(proc.stdout + proc.stderr)[-3000:]}")

    def start(self) -> BackendServer:
        self.port = free_port()
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(make_command(self.kind, "dev-backend", f"PORT={self.port}"),
                                            cwd=self.project, env=self.env, stdout=out,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        self._wait_until_answering()
        return self

    def _wait_until_answering(self) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"the backend exited {self.process.returncode}:\n{self.tail()}")
            try:
                httpx.get(f"{self.url}/api/health", timeout=10)
                return
            except httpx.HTTPError:
                time.sleep(0.3)
        raise RuntimeError(f"the backend did not answer within {START_SECONDS}s:\n{self.tail()}")

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-4000:] if self.log.exists() else ""

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
