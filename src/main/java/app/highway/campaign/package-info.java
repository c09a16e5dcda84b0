/**
 * Campaigns: verification calls in bulk from a list. A CSV (or JSON rows) is read with a column mapping
 * ({@link CampaignImport}), every row checked before anything is dialled ({@link Preview}), then a
 * {@link CampaignRunner} dials the good rows through the call core: at most the bridge's pace (the same
 * {@code TWILIO_CALLS_PER_SECOND} limiter as calls placed by hand), at most a number of calls at once,
 * only within calling hours in the callee's time zone, with retries by policy. Every attempt is written
 * to a {@link CampaignStore} before Twilio is asked, so a restart resumes without dialling anyone twice
 * ({@link Recovery}). No JavaFX, no SQL, no HTTP here.
 */
package app.highway.campaign;
