#!/usr/bin/env python3
"""OpenAPI parity on every Axum row of tests/e2e/run (issue 11).

The two backends must publish the same API for the same answers: the Axum row's
`make -s openapi` document is compared with the FastAPI document of a project generated
from the row's answers with `backend = fastapi`, by tests/contract/openapi_diff.py (paths,
methods, parameters and status codes; wording and schema names may differ), for every
tier.

The FastAPI side costs one `uv sync` (uv's cache is warm after the first FastAPI row) and an
import of the app; the Axum side reuses the binary the row built. By hand:

    tests/e2e/axrest_checks.py SAASGEN AXUM_PROJECT

Standard library only.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
DIFF = REPO / "tests" / "contract" / "openapi_diff.py"


def parity_applies(answers: dict[str, str]) -> bool:
    return answers.get("backend") == "axum"


def _fastapi_twin(binary: Path, project: Path, answers: dict[str, str], run: Callable[..., Any]) -> Path:
    """A FastAPI project (API only) generated from the row's answers, next to the row's."""
    twin = project.with_name(project.name + "-fastapi-twin")
    shutil.rmtree(twin, ignore_errors=True)
    args = [str(binary), "new", "e2e-app", "--output", str(twin), "--no-input", "--no-git", "-q"]
    for key, value in {**answers, "backend": "fastapi", "frontend": "none"}.items():
        args += ["--set", f"{key}={value}"]
    run(args)
    return twin


def openapi_parity(run: Callable[..., Any], binary: Path, project: Path, answers: dict[str, str],
                   env: dict[str, str] | None) -> str:
    """Writes both documents beside the project, diffs them (the driver's `run` raises with
    the differences on exit 1) and returns a one-line summary."""
    twin = _fastapi_twin(binary, project, answers, run)
    try:
        run(["uv", "sync", "-q"], cwd=twin / "backend", env=env)
        fastapi = run(["uv", "run", "--no-sync", "python", "-m", "app.openapi"], cwd=twin / "backend", env=env)
    finally:
        shutil.rmtree(twin, ignore_errors=True)
    axum = run(["make", "-s", "openapi"], cwd=project / "backend", env=env)
    documents = project / ".e2e-openapi"  # goes with the project (kept with --keep)
    documents.mkdir(exist_ok=True)
    (documents / "fastapi.json").write_text(fastapi.stdout, encoding="utf-8")
    (documents / "axum.json").write_text(axum.stdout, encoding="utf-8")
    run([sys.executable, str(DIFF), str(documents / "fastapi.json"), str(documents / "axum.json")])
    return "same paths, methods, parameters and status codes as FastAPI"


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)

    def _run(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Any:
        proc = subprocess.run(cmd, cwd=cwd, env=env, text=True, stdout=subprocess.PIPE, check=False)
        if proc.returncode != 0:
            sys.exit(f"`{' '.join(cmd)}` exited {proc.returncode}\n{proc.stdout}")
        return proc

    target = Path(sys.argv[2]).resolve()
    recorded = tomllib.loads((target / ".saasgen.toml").read_text(encoding="utf-8"))["answers"]
    row_answers = {key: recorded[key] for key in ("backend", "tier", "auth", "billing") if key in recorded}
    print(openapi_parity(_run, Path(sys.argv[1]).resolve(), target, row_answers, None))
