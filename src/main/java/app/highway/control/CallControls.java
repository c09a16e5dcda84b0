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
    public enum HangUp { HANGING_UP, ALREADY_ENDED, NO_SUCH_CALL, OWNER_UNREACHABLE }

    /**
     * The live calls of the other bridges of a fleet sharing this one's database: a call's sockets stay
     * on the bridge that placed it, so only that bridge can hang it up. {@link #NONE} for a bridge on its own.
     */
    public interface OtherBridges {
        OtherBridges NONE = new OtherBridges() {
            @Override
            public Optional<Held> find(String idOrSid) {
                return Optional.empty();
            }

            @Override
            public HangUp hangUp(Held call, Actor by) {
                return HangUp.NO_SUCH_CALL;
            }

            @Override
            public PowerAnswer power(Held call, Actor by, Power power) {
                return new PowerAnswer.Refused(Refusal.Kind.NOT_FOUND, "not_found", "No call " + call.id());
            }
        };

        /** A live call held by another bridge: its id, who placed it, the bridge's fleet id. */
        record Held(String id, String placedBy, String bridge) { }

        /** The call if another bridge holds it live. May block (reads the store). */
        Optional<Held> find(String idOrSid);

        /** Asks the bridge holding the call to hang it up and waits for its answer. Blocks. */
        HangUp hangUp(Held call, Actor by);

        /**
         * Asks the bridge holding the call to use {@code power} on it for {@code by} (already allowed here) and
         * waits for its answer ({@link PowerAnswer.Unreachable} when none comes in time). Blocks.
         */
        PowerAnswer power(Held call, Actor by, Power power);
    }

    private final CallService calls;
    private final CallHistory history;
    private final Audit audit;

    private volatile OtherBridges otherBridges = OtherBridges.NONE;

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
            return hangUpElsewhere(by, idOrSid);
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

    /** The other bridges of the fleet this one is part of ({@link OtherBridges#NONE} on its own). */
    public OtherBridges otherBridges() {
        return otherBridges;
    }

    /** Makes this bridge one of a fleet: calls it does not hold are looked for on {@code others}. */
    public void joinFleet(OtherBridges others) {
        this.otherBridges = others;
    }

    /** The same rules and the same audit as for this bridge's own calls; the owning bridge does the hang-up. */
    private HangUp hangUpElsewhere(Actor by, String idOrSid) {
        Optional<OtherBridges.Held> held = otherBridges.find(idOrSid);
        if (held.isEmpty()) {
            return HangUp.NO_SUCH_CALL;
        }
        OtherBridges.Held call = held.get();
        if (!by.mayHangUp(call.placedBy())) {
            throw Refusal.forbidden("Call " + call.id() + " was placed by " + call.placedBy() + ": " + by.describe()
                    + " hangs up only the calls they placed");
        }
        HangUp result = otherBridges.hangUp(call, by);
        if (result == HangUp.HANGING_UP) {
            audit.record(by, AuditAction.CALL_HANG_UP, call.id(), "placed by " + call.placedBy() + ", on bridge "
                    + call.bridge());
        }
        return result;
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
