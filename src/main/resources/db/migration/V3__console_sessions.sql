-- Web console sessions. The cookie carries a random token and only its SHA-256 hash (hex) is stored,
-- so rows read from the database cannot be used as cookies. Deleting an access key ends its sessions.
CREATE TABLE console_session (
    token_hash     CHAR(64)     NOT NULL PRIMARY KEY,
    access_key_id  VARCHAR(64)  NOT NULL REFERENCES access_key (id) ON DELETE CASCADE,
    created_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_console_session_expires_at ON console_session (expires_at);
CREATE INDEX ix_console_session_access_key ON console_session (access_key_id);
