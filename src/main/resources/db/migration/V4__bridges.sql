-- A fleet of bridges sharing one database: each bridge holds a lease that it renews every few seconds
-- (HIGHWAY_BRIDGE_HEARTBEAT_SECONDS). A bridge whose lease has expired (it was killed, or lost the
-- database) is taken for dead: a surviving bridge takes its lease over (taken_over_by) and marks its
-- live calls lost. Each call records the bridge that placed it; calls recorded before this migration
-- have none and belong to whichever bridge starts on the database first.
-- Portable SQL (SQLite, PostgreSQL): times are epoch milliseconds of the bridges' clocks (keep them
-- synchronised; a skew well under the lease does no harm); one column per ALTER TABLE.
CREATE TABLE bridges (
    id               VARCHAR(64)  NOT NULL PRIMARY KEY,
    host             VARCHAR(255) NOT NULL,
    base_url         VARCHAR(500) NOT NULL,
    started_at       BIGINT       NOT NULL,
    last_heartbeat   BIGINT       NOT NULL,
    lease_expires_at BIGINT       NOT NULL,
    taken_over_by    VARCHAR(64)
);

ALTER TABLE calls ADD COLUMN bridge_id VARCHAR(64);
CREATE INDEX calls_bridge_id ON calls (bridge_id);
