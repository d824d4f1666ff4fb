-- Accounts, access keys, keys and aliases. Every KMS row is scoped by account and region.

CREATE TABLE account (
    id          VARCHAR(32)  NOT NULL PRIMARY KEY,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

-- One row per account and region that has KMS data. CreateAlias locks it to keep the alias quota.
CREATE TABLE region_scope (
    account_id  VARCHAR(32) NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    region_id   VARCHAR(64) NOT NULL,
    PRIMARY KEY (account_id, region_id)
);

CREATE TABLE ram_user (
    id            VARCHAR(32)  NOT NULL PRIMARY KEY,
    account_id    VARCHAR(32)  NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    user_name     VARCHAR(64)  NOT NULL,
    display_name  VARCHAR(128),
    mobile_phone  VARCHAR(64),
    email         VARCHAR(256),
    comments      VARCHAR(128),
    created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_ram_user_name UNIQUE (account_id, user_name)
);

-- user_name is null for an account's root access key.
CREATE TABLE access_key (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    secret      VARCHAR(128) NOT NULL,
    account_id  VARCHAR(32)  NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    user_id     VARCHAR(32)  REFERENCES ram_user (id) ON DELETE CASCADE,
    status      VARCHAR(16)  NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_access_key_user ON access_key (user_id);

CREATE TABLE ram_policy (
    id               VARCHAR(36)   NOT NULL PRIMARY KEY,
    account_id       VARCHAR(32)   NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    policy_name      VARCHAR(128)  NOT NULL,
    description      VARCHAR(1024),
    policy_document  VARCHAR(8192) NOT NULL,
    default_version  VARCHAR(16)   NOT NULL,
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_ram_policy_name UNIQUE (account_id, policy_name)
);

-- policy_type is Custom (policy_name names a ram_policy row of the account) or System.
CREATE TABLE user_policy (
    user_id      VARCHAR(32)  NOT NULL REFERENCES ram_user (id) ON DELETE CASCADE,
    policy_type  VARCHAR(16)  NOT NULL,
    policy_name  VARCHAR(128) NOT NULL,
    attached_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, policy_type, policy_name)
);

CREATE TABLE kms_key (
    id                  VARCHAR(64)   NOT NULL PRIMARY KEY,
    account_id          VARCHAR(32)   NOT NULL,
    region_id           VARCHAR(64)   NOT NULL,
    key_state           VARCHAR(32)   NOT NULL,
    key_spec            VARCHAR(32)   NOT NULL,
    key_usage           VARCHAR(32)   NOT NULL,
    origin              VARCHAR(32)   NOT NULL,
    protection_level    VARCHAR(16)   NOT NULL,
    description         VARCHAR(8192) NOT NULL,
    primary_version_id  VARCHAR(36)   NOT NULL,
    created_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    delete_date         TIMESTAMP(6) WITH TIME ZONE,
    FOREIGN KEY (account_id, region_id) REFERENCES region_scope (account_id, region_id) ON DELETE CASCADE
);

CREATE INDEX ix_kms_key_scope ON kms_key (account_id, region_id, created_at);
CREATE INDEX ix_kms_key_delete_date ON kms_key (delete_date);

-- wrapped_material is the key material encrypted under the service's master key, base64.
CREATE TABLE key_version (
    id                VARCHAR(36)  NOT NULL PRIMARY KEY,
    key_id            VARCHAR(64)  NOT NULL REFERENCES kms_key (id) ON DELETE CASCADE,
    wrapped_material  VARCHAR(512) NOT NULL,
    created_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_key_version_key ON key_version (key_id);

CREATE TABLE kms_alias (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    account_id  VARCHAR(32)  NOT NULL,
    region_id   VARCHAR(64)  NOT NULL,
    alias_name  VARCHAR(300) NOT NULL,
    key_id      VARCHAR(64)  NOT NULL REFERENCES kms_key (id) ON DELETE CASCADE,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_kms_alias_name UNIQUE (account_id, region_id, alias_name),
    FOREIGN KEY (account_id, region_id) REFERENCES region_scope (account_id, region_id) ON DELETE CASCADE
);

CREATE INDEX ix_kms_alias_key ON kms_alias (key_id, created_at);

-- Nonces of signed requests, shared by every instance on the same database.
CREATE TABLE signature_nonce (
    access_key_id  VARCHAR(64)  NOT NULL,
    nonce          VARCHAR(128) NOT NULL,
    expires_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (access_key_id, nonce)
);

CREATE INDEX ix_signature_nonce_expiry ON signature_nonce (expires_at);

-- The master key that wraps key material, when it is generated rather than configured.
CREATE TABLE master_key (
    id          VARCHAR(32)  NOT NULL PRIMARY KEY,
    key_base64  VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
