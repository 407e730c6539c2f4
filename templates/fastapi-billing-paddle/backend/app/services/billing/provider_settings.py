"""Paddle's settings: the mixin of `BillingSettings` (app.services.billing.config).

Every provider's module has the same names: the variables (with their `PADDLE_` prefix),
`required_in_production()` and `price_ids()`; the shared settings class does the rest.
"""

from pydantic_settings import BaseSettings, SettingsConfigDict

from app.core.config import ENV_FILES
from app.core.plans import PaidPlanId


class ProviderSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PADDLE_", env_file=ENV_FILES, extra="ignore")

    # PADDLE_API_KEY: a server-side API key (pdl_sdbx_apikey_... in the sandbox).
    api_key: str = ""
    # PADDLE_WEBHOOK_SECRET: the notification destination's secret key (pdl_ntfset_...).
    webhook_secret: str = ""
    # PADDLE_ENVIRONMENT: `sandbox` or `production`; picks the API host.
    environment: str = "sandbox"
    # PADDLE_PRICE_PRO / PADDLE_PRICE_BUSINESS: recurring price ids (pri_...).
    price_pro: str = ""
    price_business: str = ""
    # *_WEBHOOK_TOLERANCE_SECONDS: how far a signed webhook's timestamp may be from now,
    # in the past or in the future, before it is refused (replay protection).
    webhook_tolerance_seconds: int = 300
    # PADDLE_API_BASE: empty picks the API host from PADDLE_ENVIRONMENT; set only to point
    # the API calls at a local fake (end-to-end tests).
    api_base: str = ""

    @property
    def api_base_url(self) -> str:
        if self.api_base:
            return self.api_base.rstrip("/")
        if self.environment == "production":
            return "https://api.paddle.com"
        return "https://sandbox-api.paddle.com"

    def required_in_production(self) -> dict[str, str]:
        """The API key and the webhook secret, by variable: production refuses placeholders."""
        return {
            "PADDLE_API_KEY": self.api_key,
            "PADDLE_WEBHOOK_SECRET": self.webhook_secret,
        }

    def price_ids(self) -> dict[PaidPlanId, str]:
        """The provider's id of each paid plan's price (price id)."""
        return {"pro": self.price_pro, "business": self.price_business}
