package app.highway.control;

import app.highway.call.Call;
import app.highway.call.CallRateExceeded;
import app.highway.call.CallService;
import app.highway.call.NumberNotAllowed;
import app.highway.call.PhoneMask;
import app.highway.store.CallHistory;
import app.highway.team.Actor;
import app.highway.team.Audit;
import app.highway.team.AuditAction;
import app.highway.team.Refusal;
import app.highway.twilio.TwilioApiException;
import java.util.Optional;

/**
 * Placing a call, hanging one up and deleting a call's record, as a person: agents hang up only the
 * calls they placed, supervisors any; deleting a record (a privacy request) is a supervisor's.
 * Each action that happened is audited (never with the verification code or the note, which may
 * hold anything). Every method may block.
 */
public final class CallControls {
    /** What asking to hang up came to. */
    public enum HangUp { HANGING_UP, ALREADY_ENDED, NO_SUCH_CALL }

    private final CallService calls;
    private final CallHistory history;
    private final Audit audit;

    public CallControls(CallService calls, CallHistory history, Audit audit) {
        this.calls = calls;
        this.history = history;
        this.audit = audit;
    }

    /** Places a call as {@code by} (any role); see {@link CallService#placeCall}. */
    public Call place(Actor by, String to, String verificationCode, String note)
            throws TwilioApiException, CallRateExceeded, NumberNotAllowed, InterruptedException {
        Call call = calls.placeCall(by.user(), to, verificationCode, note);
        audit.record(by, AuditAction.CALL_PLACE, call.id(), "to " + PhoneMask.mask(to)
                + call.callSid().map(sid -> " (" + sid + ")").orElse(""));
        return call;
    }

    /**
     * Hangs up a live call; refused ({@link Refusal}, forbidden) when {@code by} may not hang up a call
     * placed by whoever placed it.
     */
    public HangUp hangUp(Actor by, String idOrSid) {
        Optional<Call> found = calls.find(idOrSid);
        if (found.isEmpty()) {
            return HangUp.NO_SUCH_CALL;
        }
        Call call = found.get();
        if (!by.mayHangUp(call.placedBy())) {
            throw Refusal.forbidden("Call " + call.id() + " was placed by " + call.placedBy() + ": " + by.describe()
                    + " hangs up only the calls they placed");
        }
        if (!calls.hangUp(call.id())) {
            return HangUp.ALREADY_ENDED;
        }
        audit.record(by, AuditAction.CALL_HANG_UP, call.id(), "placed by " + call.placedBy());
        return HangUp.HANGING_UP;
    }

    /** Deletes a finished call's record (a privacy request): supervisors and admins. */
    public CallHistory.Deletion delete(Actor by, String idOrSid) {
        if (!by.maySupervise()) {
            throw Refusal.forbidden("Deleting a call's record is for supervisors and admins; " + by.describe()
                    + " may not");
        }
        CallHistory.Deletion result = history.delete(idOrSid);
        if (result == CallHistory.Deletion.DELETED) {
            audit.record(by, AuditAction.CALL_DELETE, idOrSid, "record deleted");
        }
        return result;
    }
}
