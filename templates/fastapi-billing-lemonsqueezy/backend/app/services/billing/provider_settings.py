"""Lemon Squeezy's settings: the mixin of `BillingSettings` (app.services.billing.config).

Every provider's module has the same names: the variables (with their `LEMONSQUEEZY_` prefix),
`required_in_production()` and `price_ids()`; the shared settings class does the rest.
"""

from pydantic_settings import BaseSettings, SettingsConfigDict

from app.core.config import ENV_FILES
from app.core.plans import PaidPlanId


class ProviderSettings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="LEMONSQUEEZY_", env_file=ENV_FILES, extra="ignore"
    )

    # LEMONSQUEEZY_API_KEY: an API key from Settings > API.
    api_key: str = ""
    # LEMONSQUEEZY_STORE_ID: the numeric id of the store that sells the plans.
    store_id: str = ""
    # LEMONSQUEEZY_WEBHOOK_SECRET: the signing secret typed in when creating the webhook.
    webhook_secret: str = ""
    # LEMONSQUEEZY_VARIANT_PRO / LEMONSQUEEZY_VARIANT_BUSINESS: subscription variant ids.
    variant_pro: str = ""
    variant_business: str = ""
    api_base_url: str = "https://api.lemonsqueezy.com/v1"

    def required_in_production(self) -> dict[str, str]:
        """The API key and the webhook secret, by variable: production refuses placeholders."""
        return {
            "LEMONSQUEEZY_API_KEY": self.api_key,
            "LEMONSQUEEZY_WEBHOOK_SECRET": self.webhook_secret,
        }

    def price_ids(self) -> dict[PaidPlanId, str]:
        """The provider's id of each paid plan's price (variant id)."""
        return {"pro": self.variant_pro, "business": self.variant_business}
