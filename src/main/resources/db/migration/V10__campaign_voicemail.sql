-- A campaign's answering-machine policy: 'off', 'message' (leave the callback message after the beep) or 'hang_up';
-- NULL: the bridge's default for campaigns (HIGHWAY_CAMPAIGN_VOICEMAIL). Portable SQL (SQLite, PostgreSQL).
ALTER TABLE campaigns ADD COLUMN voicemail VARCHAR(16);
