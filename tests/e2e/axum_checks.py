"""What an Axum (Rust) backend row of tests/e2e/run needs beyond the generated Makefile.

The row runs the same Makefile targets as a FastAPI row (setup, lint, typecheck, migrate,
test, the docs checks); this module holds the few things that differ, so `run` calls one
function where a row needs one:

- CARGO_TARGET_DIR: ONE build folder for every Axum row of every run, under
  target/e2e-cache/ (kept between runs, like the Mermaid tools), so the ~300 dependency
  crates compile once per machine, not once per row; a later row rebuilds only its own
  crate and the dependencies whose features differ.
- `row`: around a whole Axum row. Axum rows run one at a time: cargo locks the build
  folder only while it builds, and every project's binary is `target/debug/server`, so a
  second row could replace the first's binary between its build and its run (`make dev`,
  `make migrate`). Other rows (FastAPI, frontend) still run beside it. It also proves the
  lockfile held: backend/Cargo.lock is byte-identical after the row (`make setup` builds
  with --locked, which refuses a lockfile that needs changes; this catches a target that
  resolves without it).
- `typecheck_cache`: the mypy cache `run` shares between Python rows is nothing to Rust.
- `parse_cargo_test`: `cargo test` prints one `test result:` line per test binary; the
  row's count is their sum (pytest's parser would keep the last binary's only).

Standard library only.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import threading
import time
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
CARGO_TARGET_DIR = REPO / "target" / "e2e-cache" / "cargo-target"
_ONE_AT_A_TIME = threading.Lock()


def is_axum(project: Path) -> bool:
    """Whether the generated project's answers chose the Axum backend."""
    answers = tomllib.loads((project / ".saasgen.toml").read_text(encoding="utf-8"))["answers"]
    return answers.get("backend") == "axum"


def _stamp_sources_newer(project: Path) -> None:
    """Every Axum row's package is `backend` with the same relative paths and they share one
    target folder, so cargo tells their builds apart only by file times. A project generated
    while another row was building looks older than that build, and cargo would run the other
    row's binaries (tests "did not run"). Stamp this row's files as newer before it builds."""
    now = time.time()
    for path in (project / "backend").rglob("*"):
        if path.is_file():
            os.utime(path, (now, now))


def lockfile_digest(project: Path) -> str:
    return hashlib.sha256((project / "backend" / "Cargo.lock").read_bytes()).hexdigest()


@contextlib.contextmanager
def row(project: Path, step: Callable[[str, Callable[[], Any]], Any],
        failure: type[Exception]) -> Iterator[None]:
    """Around an Axum row's steps (see the module doc); nothing for other backends."""
    if not is_axum(project):
        yield
        return
    def shipped() -> str:
        if not (project / "backend" / "Cargo.lock").is_file():
            raise failure("backend/Cargo.lock is missing: the project must ship its lockfile")
        return lockfile_digest(project)
    before = step("Cargo.lock", shipped)
    with _ONE_AT_A_TIME:
        _stamp_sources_newer(project)
        yield

    def unchanged() -> None:
        if lockfile_digest(project) != before:
            raise failure("backend/Cargo.lock changed during the row: a target resolved "
                          "dependencies without --locked, or the lockfile is stale")
    step("Cargo.lock unchanged", unchanged)


def typecheck_cache(caches: Any, project: Path) -> contextlib.AbstractContextManager[None]:
    """The shared mypy cache for a Python backend; nothing for Axum."""
    return contextlib.nullcontext() if is_axum(project) else caches.mypy(project / "backend")


def parse_cargo_test(output: str) -> tuple[int, str]:
    """(tests passed, coverage) from `cargo test`'s output: every binary's passes summed.
    Coverage is `-`: the Axum backend's `make test` does not measure it."""
    passed = re.findall(r"^test result: \w+\. (\d+) passed;", output, re.M)
    return sum(int(n) for n in passed), "-"
