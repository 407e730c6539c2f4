"""Stripe's settings: the mixin of `BillingSettings` (app.services.billing.config).

Every provider's module has the same names: the variables (with their `STRIPE_` prefix),
`required_in_production()` and `price_ids()`; the shared settings class does the rest.
"""

from pydantic_settings import BaseSettings, SettingsConfigDict

from app.core.config import ENV_FILES
from app.core.plans import PaidPlanId


class ProviderSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="STRIPE_", env_file=ENV_FILES, extra="ignore")

    # STRIPE_SECRET_KEY: a secret (sk_...) or restricted (rk_...) API key.
    secret_key: str = ""
    # STRIPE_WEBHOOK_SECRET: the endpoint's signing secret (whsec_...).
    webhook_secret: str = ""
    # STRIPE_PRICE_PRO / STRIPE_PRICE_BUSINESS: recurring price ids (price_...).
    price_pro: str = ""
    price_business: str = ""
    # *_WEBHOOK_TOLERANCE_SECONDS: how far a signed webhook's timestamp may be from now,
    # in the past or in the future, before it is refused (replay protection).
    webhook_tolerance_seconds: int = 300
    # STRIPE_API_BASE: Stripe's API host; change it only to point the API calls at a local
    # fake (end-to-end tests, stripe-mock).
    api_base: str = "https://api.stripe.com"

    def required_in_production(self) -> dict[str, str]:
        """The API key and the webhook secret, by variable: production refuses placeholders."""
        return {
            "STRIPE_SECRET_KEY": self.secret_key,
            "STRIPE_WEBHOOK_SECRET": self.webhook_secret,
        }

    def price_ids(self) -> dict[PaidPlanId, str]:
        """The provider's id of each paid plan's price (price id)."""
        return {"pro": self.price_pro, "business": self.price_business}
