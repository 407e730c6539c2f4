"""What `make security-check` can verify on this machine besides the tests.

- `.env` must not be tracked by git: it holds the real secrets.
- With ENVIRONMENT=production, `.env` must hold no secret still copied from `.env.example`.
- The production guard (the app's settings validators) is asked for its verdict on the
  current settings with ENVIRONMENT=production, in a fresh interpreter because the app
  builds its settings when imported. Outside production the verdict is shown, not enforced:
  a laptop's `.env` is expected to fail it.
"""

import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Verdict = Literal["PASSED", "FAILED", "SKIPPED", "INFO"]

# The markers of `.env.example` placeholders (the app's guard uses the same list).
PLACEHOLDER_MARKERS = ("your-", "replace-with", "change-me", "changeme", "placeholder")
# Settings whose value is a credential.
_SECRET_NAME = re.compile(r"(SECRET|_KEY|TOKEN|PASSWORD|DSN)$|^DATABASE_URL$")


@dataclass(frozen=True)
class Check:
    name: str
    verdict: Verdict
    detail: str


def read_env_file(path: Path) -> dict[str, str]:
    """`KEY=value` lines of a dotenv file (comments, blanks and `export ` ignored)."""
    values: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip().removeprefix("export ")
        if not stripped or stripped.startswith("#") or "=" not in stripped:
            continue
        name, _, value = stripped.partition("=")
        values[name.strip()] = value.strip().strip("'\"")
    return values


def placeholder_secrets(env: Mapping[str, str], example: Mapping[str, str]) -> list[str]:
    """Credentials holding a placeholder or the very value `.env.example` ships."""
    bad = []
    for name, value in env.items():
        if not _SECRET_NAME.search(name):
            continue
        lowered = value.lower()
        copied = bool(value) and example.get(name) == value
        if copied or any(marker in lowered for marker in PLACEHOLDER_MARKERS):
            bad.append(name)
    return sorted(bad)


def environment_name(root: Path, environ: Mapping[str, str]) -> str:
    """ENVIRONMENT as the app reads it: the process environment, then the root `.env`."""
    env_file = root / ".env"
    from_file = read_env_file(env_file) if env_file.is_file() else {}
    return environ.get("ENVIRONMENT") or from_file.get("ENVIRONMENT") or "development"


def env_not_tracked(root: Path) -> Check:
    name = ".env is not tracked by git"
    git = shutil.which("git")
    if git is None:
        return Check(name, "SKIPPED", "git is not installed")
    inside = _run([git, "rev-parse", "--is-inside-work-tree"], root)
    if inside.returncode != 0:
        return Check(name, "SKIPPED", "not a git repository")
    tracked = _run([git, "ls-files", "--", ".env"], root).stdout.strip()
    if tracked:
        return Check(name, "FAILED", "run `git rm --cached .env` and rotate every secret in it")
    return Check(name, "PASSED", "")


def no_placeholder_secrets(root: Path, environment: str) -> Check:
    name = ".env holds no placeholder secrets"
    env_file = root / ".env"
    if environment != "production":
        return Check(name, "SKIPPED", f"ENVIRONMENT={environment}: checked in production only")
    if not env_file.is_file():
        return Check(name, "SKIPPED", "no .env: settings come from the environment")
    example_file = root / ".env.example"
    example = read_env_file(example_file) if example_file.is_file() else {}
    bad = placeholder_secrets(read_env_file(env_file), example)
    if bad:
        return Check(name, "FAILED", "replace " + ", ".join(bad))
    return Check(name, "PASSED", "")


def production_guard(backend: Path, environ: Mapping[str, str], environment: str) -> Check:
    name = "production guard"
    refusal = guard_refusal(backend, environ)
    if environment != "production":
        detail = "would start" if refusal is None else f"would refuse: {refusal}"
        return Check(name, "INFO", f"with ENVIRONMENT=production the API {detail}")
    if refusal is not None:
        return Check(name, "FAILED", refusal)
    return Check(name, "PASSED", "the API starts with these settings")


def guard_refusal(backend: Path, environ: Mapping[str, str]) -> str | None:
    """None when the app's settings load with ENVIRONMENT=production, else the reason."""
    probe = "import app.core.config\n"
    if (backend / "app" / "services" / "billing" / "config.py").is_file():
        probe += "from app.services.billing.config import get_billing_settings\n"
        probe += "get_billing_settings()\n"
    result = _run(
        [sys.executable, "-c", probe], backend, env={**environ, "ENVIRONMENT": "production"}
    )
    if result.returncode == 0:
        return None
    return _reason(result.stderr)


def _reason(stderr: str) -> str:
    """The validators' messages out of a ValidationError traceback."""
    lines = stderr.strip().splitlines()
    start = next((i for i, line in enumerate(lines) if "ValidationError" in line), None)
    if start is None:
        return lines[-1] if lines else "the settings do not load"
    messages = [line.strip() for line in lines[start + 1 :] if line.startswith("  ")]
    kept = [_bare(message) for message in messages if not message.startswith("For further")]
    return "; ".join(kept) or lines[start]


def _bare(message: str) -> str:
    """A pydantic error line without its `Value error, ` prefix and `[type=...]` suffix."""
    return re.sub(r"\s*\[type=.*$", "", message).removeprefix("Value error, ")


def _run(
    command: list[str], cwd: Path, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    # Fixed commands (git found on PATH, this interpreter): nothing comes from user input.
    return subprocess.run(  # noqa: S603
        command,
        cwd=cwd,
        env=dict(env) if env is not None else None,
        capture_output=True,
        text=True,
        check=False,
    )
