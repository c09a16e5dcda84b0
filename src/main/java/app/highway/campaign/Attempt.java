package app.highway.campaign;

import java.time.Instant;

/**
 * One dial of a row: {@code number} counts from 1 within the row; {@code callId} is the bridge's call (its
 * record in the call history), {@code callSid} Twilio's once known; {@code answered}: the callee picked up.
 */
public record Attempt(String campaignId, int line, int number, String callId, String callSid, AttemptState state,
        Instant startedAt, Instant endedAt, Outcome outcome, String endReason, String reflection, boolean answered) {

    static Attempt dialling(String campaignId, int line, int number, String callId, Instant at) {
        return new Attempt(campaignId, line, number, callId, null, AttemptState.DIALLING, at, null, null, null, null,
                false);
    }

    Attempt placed(String sid) {
        return new Attempt(campaignId, line, number, callId, sid, AttemptState.PLACED, startedAt, endedAt, outcome,
                endReason, reflection, answered);
    }

    Attempt answeredNow() {
        return new Attempt(campaignId, line, number, callId, callSid, state, startedAt, endedAt, outcome, endReason,
                reflection, true);
    }

    Attempt withReflection(String status) {
        return new Attempt(campaignId, line, number, callId, callSid, state, startedAt, endedAt, outcome, endReason,
                status, answered);
    }

    Attempt ended(Outcome how, String reason, Instant at) {
        return new Attempt(campaignId, line, number, callId, callSid, AttemptState.ENDED, startedAt, at, how, reason,
                reflection, answered);
    }
}
