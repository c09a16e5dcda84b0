-- Campaigns: verification calls in bulk from a list. A campaign's plan is kept in columns (pace, concurrency,
-- calling hours, retry policy); each row of its list is a row here (bad rows too, skipped, with their reason);
-- each dial of a row is an attempt, written as 'dialling' BEFORE Twilio is asked to ring, 'placed' with its
-- CallSid once Twilio answered, 'ended' with its outcome: a bridge that restarts (even killed) reconciles what
-- it left unfinished instead of dialling anyone twice. A row's verification code is cleared once the row is
-- final. Portable SQL (SQLite, PostgreSQL): times are epoch milliseconds; booleans are 0/1 integers.
CREATE TABLE campaigns (
    id              VARCHAR(40)      NOT NULL PRIMARY KEY,
    name            VARCHAR(200)     NOT NULL,
    owner           VARCHAR(40)      NOT NULL,
    state           VARCHAR(16)      NOT NULL,
    created_at      BIGINT           NOT NULL,
    started_at      BIGINT,
    ended_at        BIGINT,
    calls_per_second DOUBLE PRECISION NOT NULL,
    max_concurrent  INTEGER          NOT NULL,
    hours_start     VARCHAR(8)       NOT NULL,
    hours_end       VARCHAR(18)      NOT NULL,
    hours_days      VARCHAR(40)      NOT NULL,
    time_zone       VARCHAR(64)      NOT NULL,
    max_attempts    INTEGER          NOT NULL,
    retry_delay_s   BIGINT           NOT NULL,
    retry_on        VARCHAR(200)     NOT NULL,
    total_rows      INTEGER          NOT NULL,
    skipped_rows    INTEGER          NOT NULL
);
CREATE INDEX campaigns_created_at ON campaigns (created_at);

CREATE TABLE campaign_rows (
    campaign_id VARCHAR(40)  NOT NULL,
    line        INTEGER      NOT NULL,
    to_number   VARCHAR(64)  NOT NULL,
    code        VARCHAR(10),
    note        TEXT,
    variables   TEXT         NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    attempts    INTEGER      NOT NULL,
    next_at     BIGINT,
    outcome     VARCHAR(16),
    reflection  VARCHAR(40),
    detail      TEXT,
    PRIMARY KEY (campaign_id, line)
);

CREATE TABLE campaign_attempts (
    campaign_id VARCHAR(40)  NOT NULL,
    line        INTEGER      NOT NULL,
    attempt     INTEGER      NOT NULL,
    call_id     VARCHAR(40)  NOT NULL,
    call_sid    VARCHAR(64),
    state       VARCHAR(16)  NOT NULL,
    started_at  BIGINT       NOT NULL,
    ended_at    BIGINT,
    outcome     VARCHAR(16),
    end_reason  VARCHAR(100),
    reflection  VARCHAR(40),
    answered    INTEGER      NOT NULL,
    PRIMARY KEY (campaign_id, line, attempt)
);
CREATE INDEX campaign_attempts_call_id ON campaign_attempts (call_id);
