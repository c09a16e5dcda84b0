-- The caller's transcription is billed by its own model at its own price (per token, or per minute for
-- whisper-1): its usage and cost, kept apart from the voice model's. cost_usd stays the whole call's cost
-- (voice + transcription); calls recorded before this migration had no transcription cost recorded.
-- Portable SQL (SQLite, PostgreSQL): one column per ALTER TABLE, NOT NULL with a default.
ALTER TABLE calls ADD COLUMN transcription_input_tokens BIGINT NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN transcription_input_text_tokens BIGINT NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN transcription_input_audio_tokens BIGINT NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN transcription_output_tokens BIGINT NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN transcription_total_tokens BIGINT NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN transcription_seconds DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN transcription_cost_usd DOUBLE PRECISION NOT NULL DEFAULT 0;
