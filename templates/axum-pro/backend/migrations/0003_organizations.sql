-- Pro and Agency: organizations, memberships, invitations, feature flags and the audit log.
-- The same tables, columns and constraint names as the FastAPI backend's schema, so one
-- contract holds on both. A separate migration (not an edit of 0001): sqlx checks every
-- applied migration's checksum, so a Starter project updated to Pro only adds this one.

CREATE TABLE organizations (
    id UUID NOT NULL,
    name VARCHAR(100) NOT NULL,
    slug VARCHAR(120) NOT NULL,
    -- On Pro and Agency the organization, not the user, holds the subscription.
    plan VARCHAR(32) NOT NULL DEFAULT 'free',
    subscription_status VARCHAR(32) NOT NULL DEFAULT 'none',
    -- Not unique: Lemon Squeezy and Paddle keep one customer per e-mail address.
    billing_customer_id VARCHAR(255),
    billing_subscription_id VARCHAR(255),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT pk_organizations PRIMARY KEY (id),
    CONSTRAINT uq_organizations_slug UNIQUE (slug)
);

CREATE INDEX ix_organizations_billing_customer_id ON organizations (billing_customer_id);
CREATE INDEX ix_organizations_billing_subscription_id ON organizations (billing_subscription_id);

CREATE TABLE memberships (
    id UUID NOT NULL,
    organization_id UUID NOT NULL,
    user_id UUID NOT NULL,
    -- owner | admin | member
    role VARCHAR(16) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT pk_memberships PRIMARY KEY (id),
    CONSTRAINT fk_memberships_organization_id_organizations
        FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT fk_memberships_user_id_users
        FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    -- One membership per person and organization, even under concurrent accepts.
    CONSTRAINT uq_memberships_organization_id_user_id UNIQUE (organization_id, user_id)
);

CREATE INDEX ix_memberships_organization_id ON memberships (organization_id);
CREATE INDEX ix_memberships_user_id ON memberships (user_id);

CREATE TABLE invitations (
    id UUID NOT NULL,
    organization_id UUID NOT NULL,
    email VARCHAR(320) NOT NULL,
    role VARCHAR(16) NOT NULL,
    -- SHA-256 of the token (hex): the token itself is shown once and never stored.
    token_hash VARCHAR(64) NOT NULL,
    -- pending | accepted | revoked
    status VARCHAR(16) NOT NULL DEFAULT 'pending',
    invited_by_id UUID,
    expires_at TIMESTAMPTZ NOT NULL,
    accepted_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT pk_invitations PRIMARY KEY (id),
    CONSTRAINT fk_invitations_invited_by_id_users
        FOREIGN KEY (invited_by_id) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT fk_invitations_organization_id_organizations
        FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT uq_invitations_token_hash UNIQUE (token_hash)
);

CREATE INDEX ix_invitations_organization_id ON invitations (organization_id);

CREATE TABLE feature_flags (
    id UUID NOT NULL,
    key VARCHAR(100) NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    enabled BOOLEAN NOT NULL DEFAULT false,
    rollout_percentage INTEGER NOT NULL DEFAULT 100,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT pk_feature_flags PRIMARY KEY (id),
    CONSTRAINT uq_feature_flags_key UNIQUE (key),
    CONSTRAINT ck_feature_flags_rollout_range
        CHECK (rollout_percentage >= 0 AND rollout_percentage <= 100)
);

-- Forces a flag on or off for one user or one organization (exactly one is set).
CREATE TABLE feature_flag_overrides (
    id UUID NOT NULL,
    flag_id UUID NOT NULL,
    user_id UUID,
    organization_id UUID,
    enabled BOOLEAN NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT pk_feature_flag_overrides PRIMARY KEY (id),
    CONSTRAINT fk_feature_flag_overrides_flag_id_feature_flags
        FOREIGN KEY (flag_id) REFERENCES feature_flags (id) ON DELETE CASCADE,
    CONSTRAINT fk_feature_flag_overrides_organization_id_organizations
        FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT fk_feature_flag_overrides_user_id_users
        FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT uq_feature_flag_overrides_flag_id_organization_id UNIQUE (flag_id, organization_id),
    CONSTRAINT uq_feature_flag_overrides_flag_id_user_id UNIQUE (flag_id, user_id),
    CONSTRAINT ck_feature_flag_overrides_one_subject
        CHECK ((user_id IS NULL) <> (organization_id IS NULL))
);

CREATE INDEX ix_feature_flag_overrides_flag_id ON feature_flag_overrides (flag_id);

CREATE TABLE audit_log_entries (
    id UUID NOT NULL,
    action VARCHAR(64) NOT NULL,
    actor_id UUID,
    -- NULL for user-level entries (sign-ins), shown to the orgs the user belongs to.
    organization_id UUID,
    target VARCHAR(255),
    metadata JSONB NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT pk_audit_log_entries PRIMARY KEY (id),
    CONSTRAINT fk_audit_log_entries_actor_id_users
        FOREIGN KEY (actor_id) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT fk_audit_log_entries_organization_id_organizations
        FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
);

CREATE INDEX ix_audit_log_entries_actor_id ON audit_log_entries (actor_id);
CREATE INDEX ix_audit_log_entries_org_created ON audit_log_entries (organization_id, created_at);
