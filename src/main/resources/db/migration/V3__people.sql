-- People, their API tokens, the audit log, and who placed each call (team mode).
-- Portable SQL (SQLite, PostgreSQL) like V1: times are epoch milliseconds. "Disabled" and "revoked"
-- are the times they happened (NULL while the person may act, the token is accepted): a time says
-- when as well as whether, for the audit and for bridges that poll for revocations made elsewhere.
-- "user" is a reserved word in PostgreSQL, hence user_name.
CREATE TABLE people (
    user_name    VARCHAR(40)  NOT NULL PRIMARY KEY,
    display_name VARCHAR(100) NOT NULL,
    role         VARCHAR(16)  NOT NULL,
    created_at   BIGINT       NOT NULL,
    disabled_at  BIGINT
);

-- Only the SHA-256 of a token is kept (64 hex digits), looked up by its unique index.
CREATE TABLE tokens (
    id           VARCHAR(40)  NOT NULL PRIMARY KEY,
    user_name    VARCHAR(40)  NOT NULL REFERENCES people (user_name),
    token_hash   VARCHAR(64)  NOT NULL UNIQUE,
    label        VARCHAR(100) NOT NULL,
    created_at   BIGINT       NOT NULL,
    last_used_at BIGINT,
    revoked_at   BIGINT
);
CREATE INDEX tokens_user_name ON tokens (user_name);
CREATE INDEX tokens_revoked_at ON tokens (revoked_at);

-- user_name is whoever acted: a person, or 'owner' for the bridge's own token (not a row of people).
CREATE TABLE audit_log (
    id        VARCHAR(40)   NOT NULL PRIMARY KEY,
    at        BIGINT        NOT NULL,
    user_name VARCHAR(40)   NOT NULL,
    action    VARCHAR(40)   NOT NULL,
    target    VARCHAR(100),
    detail    VARCHAR(1000)
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_user_at ON audit_log (user_name, at);

-- Calls recorded before team mode were all placed with the bridge's own token.
ALTER TABLE calls ADD COLUMN placed_by VARCHAR(40) NOT NULL DEFAULT 'owner';
CREATE INDEX calls_placed_by ON calls (placed_by, created_at);
