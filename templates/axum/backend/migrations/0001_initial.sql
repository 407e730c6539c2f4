-- The initial schema: users. Later migrations are `NNNN_name.sql` (0002_..., 0003_...),
-- applied in order by `server migrate` (embedded in the binary).

CREATE TABLE users (
    id UUID NOT NULL,
    -- The token's `sub`: the provider's stable id of this person.
    auth_subject VARCHAR(255) NOT NULL,
    email VARCHAR(320),
    -- True only when the auth provider vouches for `email`; authorization needs it.
    email_verified BOOLEAN NOT NULL DEFAULT false,
    name VARCHAR(100),
    avatar_url VARCHAR(2048),
    plan VARCHAR(32) NOT NULL DEFAULT 'free',
    subscription_status VARCHAR(32) NOT NULL DEFAULT 'none',
    -- Not unique: Lemon Squeezy and Paddle keep one customer per e-mail address.
    billing_customer_id VARCHAR(255),
    billing_subscription_id VARCHAR(255),
    last_seen_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT uq_users_auth_subject UNIQUE (auth_subject)
);

CREATE INDEX ix_users_billing_customer_id ON users (billing_customer_id);
CREATE INDEX ix_users_billing_subscription_id ON users (billing_subscription_id);
