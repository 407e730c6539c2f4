-- Billing: the webhook_events table (idempotent webhook processing).
-- The unique (provider, event_id) is what makes processing idempotent: see
-- src/billing/service.rs.

CREATE TABLE webhook_events (
    id UUID NOT NULL,
    provider VARCHAR(32) NOT NULL,
    -- The provider's id of the event (for Lemon Squeezy, a key derived from the body).
    event_id VARCHAR(255) NOT NULL,
    event_type VARCHAR(128) NOT NULL,
    -- The subscription the event is about and when it happened at the provider: a late
    -- event older than one already processed for the same subscription is not applied.
    subscription_id VARCHAR(255),
    occurred_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT pk_webhook_events PRIMARY KEY (id),
    CONSTRAINT uq_webhook_events_provider_event_id UNIQUE (provider, event_id)
);

CREATE INDEX ix_webhook_events_subscription ON webhook_events (provider, subscription_id);
