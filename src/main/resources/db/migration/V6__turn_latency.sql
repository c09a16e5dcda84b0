-- How long the caller waited for each of the assistant's answers (the model's speech_stopped to the
-- answer's first audio written to the carrier), one row per turn, numbered by seq within the call as
-- transcript lines and timeline rows are. A child table, not summary columns: percentiles do not add up,
-- so per-call and per-day p50/p90 are worked out from the turns themselves, and one source of truth
-- cannot disagree with itself. Calls recorded before this migration have no turns.
-- Portable SQL (SQLite, PostgreSQL): times are epoch milliseconds.
CREATE TABLE call_turns (
    call_id    VARCHAR(40) NOT NULL,
    seq        INTEGER     NOT NULL,
    at         BIGINT      NOT NULL,
    latency_ms BIGINT      NOT NULL,
    PRIMARY KEY (call_id, seq)
);
