"""The checks `make security-check` runs on this machine besides the tests."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts.local_checks import (
    env_not_tracked,
    environment_name,
    guard_refusal,
    no_placeholder_secrets,
    placeholder_secrets,
    production_guard,
    read_env_file,
)

BACKEND = Path(__file__).resolve().parents[2]


def _git(root: Path, *args: str) -> None:
    git = shutil.which("git")
    assert git is not None, "these tests need git"
    subprocess.run([git, *args], cwd=root, check=True, capture_output=True)  # noqa: S603


def test_a_tracked_env_fails_and_names_the_fix(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    (tmp_path / ".env").write_text("SECRET=x\n", encoding="utf-8")
    assert env_not_tracked(tmp_path).verdict == "PASSED"

    _git(tmp_path, "add", ".env")

    check = env_not_tracked(tmp_path)
    assert check.verdict == "FAILED"
    assert "git rm --cached .env" in check.detail


def test_outside_a_git_repository_the_check_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    check = env_not_tracked(tmp_path)
    assert (check.verdict, check.detail) == ("SKIPPED", "not a git repository")


def test_env_files_are_read_like_dotenv(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("# comment\n\nA=1\nexport B='two'\nC=\"three\"\nnot a setting\n", "utf-8")
    assert read_env_file(env) == {"A": "1", "B": "two", "C": "three"}


def test_placeholders_and_example_values_of_credentials_are_found() -> None:
    example = {
        "DATABASE_URL": "postgresql://postgres:postgres@localhost/app",
        "STRIPE_SECRET_KEY": "sk_test_x",
    }
    env = {
        "DATABASE_URL": "postgresql://postgres:postgres@localhost/app",
        "STRIPE_SECRET_KEY": "sk_live_real",
        "AUTH0_CLIENT_SECRET": "replace-with-your-auth0-client-secret",
        "METRICS_TOKEN": "your-token",
        "LOG_LEVEL": "your-level",
        "SENTRY_DSN": "",
    }
    assert placeholder_secrets(env, example) == [
        "AUTH0_CLIENT_SECRET",
        "DATABASE_URL",
        "METRICS_TOKEN",
    ]


def test_environment_comes_from_the_process_then_the_env_file(tmp_path: Path) -> None:
    assert environment_name(tmp_path, {}) == "development"
    (tmp_path / ".env").write_text("ENVIRONMENT=staging\n", encoding="utf-8")
    assert environment_name(tmp_path, {}) == "staging"
    assert environment_name(tmp_path, {"ENVIRONMENT": "production"}) == "production"


def test_placeholder_secrets_fail_only_in_production(tmp_path: Path) -> None:
    (tmp_path / ".env.example").write_text("API_KEY=example-key\n", encoding="utf-8")
    (tmp_path / ".env").write_text("API_KEY=example-key\nOTHER_TOKEN=abc\n", encoding="utf-8")

    assert no_placeholder_secrets(tmp_path, "development").verdict == "SKIPPED"
    check = no_placeholder_secrets(tmp_path, "production")
    assert (check.verdict, check.detail) == ("FAILED", "replace API_KEY")

    (tmp_path / ".env").write_text("API_KEY=real-key\n", encoding="utf-8")
    assert no_placeholder_secrets(tmp_path, "production").verdict == "PASSED"
    (tmp_path / ".env").unlink()
    assert no_placeholder_secrets(tmp_path, "production").verdict == "SKIPPED"


def test_the_apps_guard_refuses_a_laptop_frontend_url_in_production() -> None:
    refusal = guard_refusal(BACKEND, {**os.environ, "FRONTEND_URL": "http://localhost:3000"})
    assert refusal is not None
    assert "FRONTEND_URL" in refusal


def _fake_app(tmp_path: Path, config: str) -> Path:
    package = tmp_path / "app" / "core"
    package.mkdir(parents=True)
    (tmp_path / "app" / "__init__.py").write_text("", encoding="utf-8")
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "config.py").write_text(config, encoding="utf-8")
    return tmp_path


def test_the_guards_verdict_is_enforced_only_in_production(tmp_path: Path) -> None:
    backend = _fake_app(
        tmp_path,
        "from pydantic import BaseModel\n\n\n"
        "class Settings(BaseModel):\n    port: int\n\n\n"
        "Settings(port='no')\n",
    )
    refused = production_guard(backend, {}, "production")
    assert refused.verdict == "FAILED"
    assert refused.detail == "Input should be a valid integer, unable to parse string as an integer"
    shown = production_guard(backend, {}, "development")
    assert shown.verdict == "INFO"
    assert "would refuse: Input should be a valid integer" in shown.detail


def test_settings_that_load_pass_the_guard(tmp_path: Path) -> None:
    backend = _fake_app(tmp_path, "import os\n\nassert os.environ['ENVIRONMENT'] == 'production'\n")
    assert production_guard(backend, {}, "production").verdict == "PASSED"
    assert production_guard(backend, {}, "test").detail == (
        "with ENVIRONMENT=production the API would start"
    )


def test_a_crash_other_than_validation_is_named(tmp_path: Path) -> None:
    backend = _fake_app(tmp_path, "raise RuntimeError('boom')\n")
    assert guard_refusal(backend, {}) == "RuntimeError: boom"
