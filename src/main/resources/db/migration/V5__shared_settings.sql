-- What every bridge of a fleet must agree on, kept in the database instead of each bridge's data dir:
-- the call settings and the price table as versioned JSON documents (the JSON the console and the API
-- already speak), and every saved version of the system message as a row.
-- Portable SQL (SQLite, PostgreSQL) like V1: times are epoch milliseconds, JSON is TEXT.

-- One row per document ('settings', 'prices'). A save replaces the body only if the version is still the
-- one the saving bridge read (UPDATE … WHERE version = ?): two bridges saving at once cannot lose a save
-- unnoticed, the second is told that the document changed meanwhile.
CREATE TABLE shared_documents (
    name     VARCHAR(40) NOT NULL PRIMARY KEY,
    version  BIGINT      NOT NULL,
    body     TEXT        NOT NULL,
    saved_at BIGINT      NOT NULL
);

-- The version number is the key: a bridge inserts the next number and, if another bridge took it
-- first, reads again and tries the next one, so a number means one text across the fleet.
CREATE TABLE prompt_versions (
    version               INTEGER     NOT NULL PRIMARY KEY,
    saved_at              BIGINT      NOT NULL,
    instructions          TEXT        NOT NULL,
    verification_template TEXT        NOT NULL,
    saved_by              VARCHAR(40)
);
