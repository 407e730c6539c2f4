"""Flag evaluation: precedence and a stable percentage rollout."""

import hashlib
import uuid

from app.models import FeatureFlag, FlagOverride
from app.services.flags import bucket, evaluate

USER = uuid.UUID("12345678-1234-5678-1234-567812345678")
ORG = uuid.UUID("87654321-4321-8765-4321-876543218765")


def flag(enabled: bool = True, rollout: int = 100, *overrides: FlagOverride) -> FeatureFlag:
    return FeatureFlag(
        key="beta", enabled=enabled, rollout_percentage=rollout, overrides=list(overrides)
    )


def test_bucket_is_sha256_of_key_and_user_id() -> None:
    # The documented formula: both backends must place a user in the same bucket.
    digest = hashlib.sha256(b"beta:12345678-1234-5678-1234-567812345678").digest()
    assert bucket("beta", USER) == int.from_bytes(digest[:4], "big") % 100
    assert bucket("beta", USER) == bucket("beta", USER)


def test_rollout_covers_about_its_percentage_of_users() -> None:
    users = [uuid.UUID(int=n) for n in range(2000)]
    share = sum(evaluate(flag(True, 30), u, None) for u in users) / len(users)
    assert 0.25 < share < 0.35


def test_rollout_0_is_nobody_and_100_is_everybody() -> None:
    users = [uuid.uuid4() for _ in range(200)]
    assert not any(evaluate(flag(True, 0), u, None) for u in users)
    assert all(evaluate(flag(True, 100), u, None) for u in users)


def test_disabled_flag_is_off_whatever_the_rollout() -> None:
    assert evaluate(flag(False, 100), USER, None) is False


def test_user_override_wins_then_org_override() -> None:
    by_user = FlagOverride(user_id=USER, enabled=False)
    by_org = FlagOverride(organization_id=ORG, enabled=True)
    assert evaluate(flag(False, 0, by_org), USER, ORG) is True
    assert evaluate(flag(False, 0, by_org), USER, None) is False
    assert evaluate(flag(True, 100, by_org, by_user), USER, ORG) is False
