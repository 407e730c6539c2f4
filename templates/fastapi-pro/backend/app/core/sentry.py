"""Optional error reporting: Sentry starts only when SENTRY_DSN is set."""

import sentry_sdk

from app.core.config import Settings
from app.version import VERSION


def init_sentry(config: Settings) -> bool:
    if not config.sentry_dsn:
        return False
    sentry_sdk.init(
        dsn=config.sentry_dsn,
        environment=config.environment,
        release=VERSION,
        traces_sample_rate=config.sentry_traces_sample_rate,
        # No e-mails, IPs or cookies leave the server.
        send_default_pii=False,
    )
    return True
