"""The contract suite's fixtures: one generated project's backend, started once per run
against a fresh database, with the auth provider's keys and the payment provider's API
played locally.

    pytest -c tests/contract/pytest.ini tests/contract --project DIR --pg-url postgresql://postgres@HOST:PORT/postgres

The project's `.saasgen.toml` says which backend, tier, auth and billing provider it has;
tests that do not apply to those answers are not collected (deselected, never skipped):
`@pytest.mark.pro` needs Pro or Agency, `@pytest.mark.starter` Starter,
`@pytest.mark.billing` a payment provider, `@pytest.mark.no_billing` billing `none`,
`@pytest.mark.supabase` Supabase auth.
`@pytest.mark.known_bug` marks a check the backend fails today (reported, run with
--known-bugs).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kit import auth, billing
from kit.client import Api
from kit.fake_provider import FakeProviderApi
from kit.jwks import IdentityServer, KeySet
from kit.server import BackendServer, clean_env, fresh_database

SUPERUSER_EMAIL = "contract-superuser@example.com"
# High enough that the suite never meets them; the rate-limit test uses its own backend.
GENEROUS_LIMIT = "100000/minute"
# The floor between two JWKS fetches: the rotation test waits it out once.
JWKS_MIN_REFETCH_SECONDS = 5


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("contract")
    group.addoption("--project", help="the generated project to test (its root folder)")
    group.addoption("--pg-url", help="a PostgreSQL URL allowed to create databases (its /postgres)")
    group.addoption("--db-name", default="contract", help="name of the fresh database (default contract)")
    group.addoption("--known-bugs", action="store_true", help="also run the checks marked known_bug")


def pytest_configure(config: pytest.Config) -> None:
    for marker in ("pro", "starter", "billing", "no_billing", "supabase", "known_bug"):
        config.addinivalue_line("markers", f"{marker}: see conftest.py")


@dataclass(frozen=True)
class Answers:
    backend: str
    tier: str
    auth: str
    billing: str

    @property
    def is_pro(self) -> bool:
        return self.tier in ("pro", "agency")

    @property
    def owner_key(self) -> str:
        """The checkout metadata key naming the subscription's owner."""
        return "organization_id" if self.is_pro else "user_id"

    @classmethod
    def of(cls, project: Path) -> Answers:
        answers = tomllib.loads((project / ".saasgen.toml").read_text())["answers"]
        return cls(answers["backend"], answers["tier"], answers["auth"], answers["billing"])


def _applies(item: pytest.Item, answers: Answers, known_bugs: bool) -> bool:
    rules = {"pro": answers.is_pro, "starter": not answers.is_pro,
             "billing": answers.billing != "none", "no_billing": answers.billing == "none",
             "supabase": answers.auth == "supabase",
             "known_bug": known_bugs}
    return all(ok for name, ok in rules.items() if item.get_closest_marker(name))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    project = config.getoption("--project")
    if not project:
        return
    answers = Answers.of(Path(project))
    keep = [i for i in items if _applies(i, answers, config.getoption("--known-bugs"))]
    deselected = [i for i in items if i not in keep]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = keep


@dataclass
class Contract:
    """Everything a test needs: the answers, the API, the providers' local stand-ins."""

    project: Path
    answers: Answers
    api: Api
    keys: KeySet
    auth: auth.AuthProvider
    billing: billing.BillingProvider | None
    fake_api: FakeProviderApi
    superuser: auth.Person
    base_env: dict[str, str]
    work: Path

    def start_backend(self, label: str, **settings: str) -> BackendServer:
        """Another backend of the same project, with some settings changed (not migrated)."""
        env = {**self.base_env, **settings}
        return BackendServer(self.project, self.answers.backend, env, self.work / f"{label}.log").start()


def backend_env(c_auth: auth.AuthProvider, c_billing: billing.BillingProvider | None, ca_file: Path,
                database_url: str, superuser: auth.Person) -> dict[str, str]:
    return {
        **clean_env(),
        "ENVIRONMENT": "development",
        "DATABASE_URL": database_url,
        "ALLOWED_ORIGINS": auth.FRONTEND_ORIGIN,
        "FRONTEND_URL": auth.FRONTEND_ORIGIN,
        "SUPERUSER_SUBJECTS": superuser.sub,
        "SUPERUSER_EMAILS": SUPERUSER_EMAIL,
        "LOG_LEVEL": "WARNING",
        "RATE_LIMIT": GENEROUS_LIMIT,
        "RATE_LIMIT_PER_IP": GENEROUS_LIMIT,
        "RATE_LIMIT_ENABLED": "true",
        "RATE_LIMIT_STORAGE_URL": "memory://",
        "TRUSTED_PROXIES": "",
        "JWKS_CACHE_TTL_SECONDS": "3600",
        "JWKS_MIN_REFETCH_SECONDS": str(JWKS_MIN_REFETCH_SECONDS),
        "METRICS_TOKEN": "",
        "SENTRY_DSN": "",
        "INVITATION_TTL_DAYS": "7",
        # The local JWKS server's self-signed certificate is the only one trusted.
        "SSL_CERT_FILE": str(ca_file),
        **c_auth.env,
        **(c_billing.env if c_billing else {}),
    }


@pytest.fixture(scope="session")
def contract(pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Contract]:
    project_opt, pg_url = pytestconfig.getoption("--project"), pytestconfig.getoption("--pg-url")
    if not project_opt or not pg_url:
        pytest.fail("the contract tests need --project DIR and --pg-url URL")
    project = Path(project_opt).resolve()
    answers = Answers.of(project)
    work = tmp_path_factory.mktemp("contract")
    keys = KeySet()
    identity = IdentityServer(keys, work)
    fake = FakeProviderApi(answers.billing)
    c_auth = auth.provider(answers.auth, identity)
    c_billing = billing.provider(answers.billing, fake.url)
    superuser = c_auth.new_person("superuser")
    database = fresh_database(pg_url, pytestconfig.getoption("--db-name"))
    env = backend_env(c_auth, c_billing, identity.ca_file, database, superuser)
    server = BackendServer(project, answers.backend, env, work / "backend.log")
    server.migrate()
    server.start()
    api = Api(server.url, c_auth, keys)
    try:
        yield Contract(project, answers, api, keys, c_auth, c_billing, fake, superuser, env, work)
    finally:
        api.close()
        server.stop()
        fake.close()
        identity.close()
        print(f"\nbackend log: {server.log}")


@pytest.fixture(scope="session")
def api(contract: Contract) -> Api:
    return contract.api


@pytest.fixture(scope="session")
def answers(contract: Contract) -> Answers:
    return contract.answers


@pytest.fixture(scope="session")
def pay(contract: Contract) -> billing.BillingProvider:
    assert contract.billing is not None
    return contract.billing


@pytest.fixture
def fake_api(contract: Contract) -> Iterator[FakeProviderApi]:
    """The provider API stand-in, reset to answering after the test."""
    yield contract.fake_api
    contract.fake_api.calls.failing = False
