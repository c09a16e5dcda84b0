package app.highway.campaign;

import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.twilio.TwilioApiException;
import app.highway.twilio.TwilioGateway;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the bridge stopped (even killed) during a campaign, finishes every attempt it left unfinished before the
 * campaign goes on, so that nobody is dialled twice and nobody is skipped. The rule, per attempt:
 * <ul>
 * <li>Its CallSid is known (written when Twilio answered, or in the call's record): the call's record, once crash
 * recovery has ended it, or else Twilio's own status, gives the outcome (a call still up at Twilio is ended there
 * and is {@code interrupted}). An interrupted call is not dialled again unless the retry policy names
 * {@code interrupted}.</li>
 * <li>No CallSid anywhere: the bridge stopped between writing the attempt and hearing Twilio's answer, so the
 * phone may or may not have rung. The row is not redialled blindly: it ends {@code needs_review} with outcome
 * {@code unknown}, and the operator decides (Twilio's call log shows whether a call went out).</li>
 * <li>Twilio cannot be asked (unreachable): the same, {@code needs_review}, never a blind redial.</li>
 * </ul>
 * Runs after the bridge's own crash recovery ({@code CrashRecovery}) has ended the calls left live.
 */
final class Recovery {
    private static final Logger log = LoggerFactory.getLogger(Recovery.class);

    private final CampaignStore store;
    private final CallLookup calls;
    private final TwilioGateway twilio;
    private final Clock clock;

    Recovery(CampaignStore store, CallLookup calls, TwilioGateway twilio, Clock clock) {
        this.store = store;
        this.calls = calls;
        this.twilio = twilio;
        this.clock = clock;
    }

    /** Finishes the campaign's unfinished attempts; returns how many there were. */
    int reconcile(CampaignRecord campaign) {
        List<Attempt> open = store.attempts(campaign.id()).stream().filter(a -> a.state() != AttemptState.ENDED)
                .toList();
        if (open.isEmpty()) {
            return 0;
        }
        Map<Integer, RowProgress> rows = new HashMap<>();
        for (StoredRow r : store.rows(campaign.id())) {
            rows.put(r.row().line(), r.progress());
        }
        log.warn("Campaign {}: reconciling {} attempt(s) left unfinished when the bridge stopped", campaign.id(),
                open.size());
        for (Attempt a : open) {
            Instant now = clock.instant();
            RowProgress row = rows.get(a.line());
            RowProgress counted = new RowProgress(a.line(), row.state(), Math.max(row.attempts(), a.number()),
                    row.nextAt(), row.outcome(), row.reflection(), row.detail());
            Optional<CallSnapshot> record = calls.find(a.callId());
            String sid = a.callSid() != null ? a.callSid() : record.map(CallSnapshot::callSid).orElse(null);
            if (sid == null) {
                store.finishAttempt(a.ended(Outcome.UNKNOWN, "bridge_restarted", now), needsReview(counted,
                        "The bridge stopped while Twilio was being asked to ring this number: it may or may not "
                                + "have rung, so it is not dialled again by itself (see Twilio's call log)"));
                continue;
            }
            Attempt placed = a.callSid() == null ? a.placed(sid) : a;
            if (record.isPresent() && record.get().state().isFinal()) {
                CallSnapshot call = record.get();
                boolean answered = call.answeredAt() != null;
                Outcome outcome = Outcome.of(call.state(), call.endReason(), answered);
                Attempt done = (answered ? placed.answeredNow() : placed).withReflection(call.reflection())
                        .ended(outcome, call.endReason(), now);
                store.finishAttempt(done, standing(withReflection(counted, call.reflection()), outcome,
                        campaign.plan().retries(), now));
                continue;
            }
            try {
                CallState state = CallState.fromTwilio(twilio.fetchStatus(sid)).orElse(CallState.FAILED);
                boolean answered = state == CallState.IN_PROGRESS || state == CallState.COMPLETED;
                Outcome outcome;
                if (state.isFinal()) {
                    outcome = Outcome.of(state, null, answered);
                } else {
                    twilio.endCall(sid, answered);
                    outcome = Outcome.INTERRUPTED;
                }
                Attempt done = (answered ? placed.answeredNow() : placed).ended(outcome, "bridge_restarted", now);
                store.finishAttempt(done, standing(counted, outcome, campaign.plan().retries(), now));
            } catch (TwilioApiException | RuntimeException e) {
                store.finishAttempt(placed.ended(Outcome.UNKNOWN, "bridge_restarted", now), needsReview(counted,
                        "Twilio could not be asked what became of call " + sid + " after the bridge restarted ("
                                + e.getMessage() + "): it is not dialled again by itself"));
            }
        }
        return open.size();
    }

    /**
     * Where a row stands once an attempt ended with {@code outcome}: waiting for its retry if {@code retries}
     * (null: none, a test call or a canceled campaign) says so, else done.
     */
    static RowProgress standing(RowProgress row, Outcome outcome, RetryPolicy retries, Instant now) {
        if (retries != null && retries.retries(outcome, row.attempts())) {
            Instant next = now.plus(retries.delay());
            return new RowProgress(row.line(), RowState.WAITING, row.attempts(), next, outcome, row.reflection(),
                    outcome.wire() + ": attempt " + (row.attempts() + 1) + " of " + retries.maxAttempts()
                            + " is due at " + next);
        }
        return new RowProgress(row.line(), RowState.DONE, row.attempts(), null, outcome, row.reflection(), null);
    }

    private static RowProgress needsReview(RowProgress row, String why) {
        return new RowProgress(row.line(), RowState.NEEDS_REVIEW, row.attempts(), null, Outcome.UNKNOWN,
                row.reflection(), why);
    }

    private static RowProgress withReflection(RowProgress row, String reflection) {
        return reflection == null ? row : new RowProgress(row.line(), row.state(), row.attempts(), row.nextAt(),
                row.outcome(), reflection, row.detail());
    }
}
