-- Call history. Portable SQL (SQLite today, PostgreSQL later): times are epoch milliseconds,
-- booleans are SMALLINT 0/1, JSON is TEXT.
CREATE TABLE calls (
    id                  VARCHAR(40)  NOT NULL PRIMARY KEY,
    call_sid            VARCHAR(64),
    to_number           VARCHAR(32)  NOT NULL,
    note                VARCHAR(500),
    state               VARCHAR(16)  NOT NULL,
    reflection          VARCHAR(32),
    end_reason          VARCHAR(200),
    created_at          BIGINT       NOT NULL,
    answered_at         BIGINT,
    ended_at            BIGINT,
    model               VARCHAR(64)  NOT NULL,
    voice               VARCHAR(32)  NOT NULL,
    prompt_version      INTEGER      NOT NULL,
    simulated           SMALLINT     NOT NULL,
    input_tokens        BIGINT       NOT NULL,
    output_tokens       BIGINT       NOT NULL,
    total_tokens        BIGINT       NOT NULL,
    input_text_tokens   BIGINT       NOT NULL,
    input_audio_tokens  BIGINT       NOT NULL,
    cached_tokens       BIGINT       NOT NULL,
    cached_text_tokens  BIGINT       NOT NULL,
    cached_audio_tokens BIGINT       NOT NULL,
    output_text_tokens  BIGINT       NOT NULL,
    output_audio_tokens BIGINT       NOT NULL,
    cost_usd            DOUBLE PRECISION NOT NULL,
    settings_json       TEXT         NOT NULL,
    updated_at          BIGINT       NOT NULL
);
CREATE INDEX calls_created_at ON calls (created_at);
CREATE INDEX calls_call_sid ON calls (call_sid);
CREATE INDEX calls_state ON calls (state);

CREATE TABLE transcript_lines (
    call_id  VARCHAR(40) NOT NULL,
    seq      INTEGER     NOT NULL,
    speaker  VARCHAR(16) NOT NULL,
    text     TEXT        NOT NULL,
    at       BIGINT      NOT NULL,
    PRIMARY KEY (call_id, seq)
);

CREATE TABLE call_events (
    call_id  VARCHAR(40) NOT NULL,
    seq      INTEGER     NOT NULL,
    at       BIGINT      NOT NULL,
    kind     VARCHAR(32) NOT NULL,
    detail   TEXT        NOT NULL,
    PRIMARY KEY (call_id, seq)
);
