package app.highway.control;

import app.highway.call.Call;
import app.highway.call.CallService;
import app.highway.call.CallState;
import app.highway.call.NumberPolicy;
import app.highway.call.PhoneMask;
import app.highway.call.PhoneNumbers;
import app.highway.call.Steering;
import app.highway.team.Actor;
import app.highway.team.Audit;
import app.highway.team.AuditAction;
import app.highway.team.Refusal;
import app.highway.twilio.TwilioApiException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A supervisor's powers on a live call, as a person: whisper to the assistant, have it say a sentence,
 * mute and unmute it, transfer the call to a person. Supervisors and admins may use them on any call, an agent on the calls they placed
 * (taking over and transferring are supervisors' only). Each use is audited (the verification code
 * hidden) and on the call's timeline with who. Refused with a {@link Refusal}: 403 not allowed, 404 no
 * such call, 409 not live, held by another bridge of the fleet, muted or taken over, 400 a bad text.
 */
public final class CallPowers {
    public static final int MAX_WHISPER_CHARS = 1000;
    public static final int MAX_SAY_CHARS = 500;
    /** How much of a text the audit log keeps. */
    private static final int AUDIT_TEXT_CHARS = 200;

    private final CallService calls;
    private final CallControls controls;
    private final Audit audit;
    private final NumberPolicy numbers;
    private final Supplier<String> transferNumber;

    /**
     * {@code numbers}: which numbers a transfer may dial (the bridge's policy for calls);
     * {@code transferNumber}: the team's transfer number (the call settings'), or null, read at each transfer.
     */
    public CallPowers(CallService calls, CallControls controls, Audit audit, NumberPolicy numbers,
            Supplier<String> transferNumber) {
        this.calls = calls;
        this.controls = controls;
        this.audit = audit;
        this.numbers = numbers;
        this.transferNumber = transferNumber;
    }

    /**
     * Adds {@code text} to the conversation as a system message; with {@code respond}, the assistant answers
     * now (not while muted). Returns the call's id.
     */
    public String whisper(Actor by, String idOrSid, String text, boolean respond) {
        String t = text(text, MAX_WHISPER_CHARS, "whisper");
        Steering call = live(by, idOrSid, "whisper to the assistant on", false);
        call.whisper(by.user(), t, respond);
        audit.record(by, AuditAction.WHISPER, call.call().id(), quoted(call.call(), t) + (respond ? ", respond now" : ""));
        return call.call().id();
    }

    /** The assistant says {@code text} next, word for word; refused while it is muted or taken over. Returns the call's id. */
    public String say(Actor by, String idOrSid, String text) {
        String t = text(text, MAX_SAY_CHARS, "say");
        Steering call = live(by, idOrSid, "have the assistant speak on", false);
        Optional<String> takenOver = call.call().takenOverBy();
        if (takenOver.isPresent()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "taken_over", "Call " + call.call().id() + " is taken over by "
                    + takenOver.get() + ": the assistant says nothing until it is handed back");
        }
        if (call.call().muted()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "muted", "The assistant is muted on call " + call.call().id()
                    + ": unmute it first");
        }
        call.say(by.user(), t);
        audit.record(by, AuditAction.SAY, call.call().id(), quoted(call.call(), t));
        return call.call().id();
    }

    /** Mutes the assistant; returns true (it is muted), whether or not it already was. */
    public boolean mute(Actor by, String idOrSid) {
        Steering call = live(by, idOrSid, "mute the assistant on", false);
        if (call.mute(by.user(), "")) {
            audit.record(by, AuditAction.MUTE, call.call().id(), "assistant muted");
        }
        return true;
    }

    /** Unmutes the assistant; returns false (it is not muted). Refused while a supervisor has taken the call over (hand it back instead). */
    public boolean unmute(Actor by, String idOrSid) {
        Steering call = live(by, idOrSid, "unmute the assistant on", false);
        Optional<String> takenOver = call.call().takenOverBy();
        if (takenOver.isPresent()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "taken_over", "Call " + call.call().id() + " is taken over by "
                    + takenOver.get() + ": hand it back to unmute the assistant");
        }
        if (call.unmute(by.user(), "")) {
            audit.record(by, AuditAction.UNMUTE, call.call().id(), "assistant unmuted");
        }
        return false;
    }

    /**
     * Transfers the call to a person (supervisors and admins only): {@code to}, or the team's transfer number
     * when null or blank; {@code warm}: the person hears a short summary first. The number must pass the
     * bridge's number policy (400 otherwise). Blocks on Twilio, whose refusal is rethrown (the call then goes on
     * with the assistant). Returns the call's id.
     */
    public String transfer(Actor by, String idOrSid, String to, boolean warm) throws TwilioApiException {
        Steering call = live(by, idOrSid, "transfer", true);
        String number = to == null || to.isBlank() ? transferNumber.get() : to;
        if (number == null || number.isBlank()) {
            throw new Refusal(Refusal.Kind.INVALID, "no_transfer_number", "No number to transfer to: give 'to', or "
                    + "set the transfer number in the call settings");
        }
        PhoneNumbers.Parsed parsed = PhoneNumbers.parseE164(number).orElseThrow(() -> new Refusal(
                Refusal.Kind.INVALID, "invalid_phone_number", "'to' is not a phone number in E.164 form (a + followed "
                        + "by the country code and number, like +12025550123)"));
        Optional<NumberPolicy.Refusal> refused = numbers.check(parsed.e164());
        if (refused.isPresent()) {
            throw new Refusal(Refusal.Kind.INVALID, refused.get().error(), refused.get().message());
        }
        try {
            call.transfer(by.user(), parsed.e164(), warm);
        } catch (IllegalStateException underWay) {
            throw new Refusal(Refusal.Kind.CONFLICT, "transferring", underWay.getMessage());
        }
        audit.record(by, AuditAction.TRANSFER, call.call().id(), (warm ? "warm" : "cold") + " transfer to "
                + PhoneMask.mask(parsed.e164()));
        return call.call().id();
    }

    /**
     * The live call {@code by} may act on: 404 if nobody holds it, 403 if an agent's own calls only and it is
     * another's (or {@code supervisorsOnly}), 409 if another bridge holds it or it is not in progress.
     */
    Steering live(Actor by, String idOrSid, String what, boolean supervisorsOnly) {
        Optional<Call> found = calls.find(idOrSid);
        if (found.isEmpty()) {
            Optional<CallControls.OtherBridges.Held> held = controls.otherBridges().find(idOrSid);
            if (held.isEmpty()) {
                throw new Refusal(Refusal.Kind.NOT_FOUND, "not_found", "No call " + idOrSid);
            }
            allowed(by, held.get().id(), held.get().placedBy(), what, supervisorsOnly);
            throw new Refusal(Refusal.Kind.CONFLICT, "held_elsewhere", "Call " + held.get().id() + " is held by bridge "
                    + held.get().bridge() + " of the fleet: open a console on that bridge to " + what + " it");
        }
        Call call = found.get();
        allowed(by, call.id(), call.placedBy(), what, supervisorsOnly);
        Optional<Steering> steering = calls.steering(call.id());
        if (steering.isEmpty() || call.state() != CallState.IN_PROGRESS) {
            throw new Refusal(Refusal.Kind.CONFLICT, "not_live", "Call " + call.id() + " is " + call.state().wire()
                    + ": only a call in progress can be steered");
        }
        return steering.get();
    }

    private static void allowed(Actor by, String id, String placedBy, String what, boolean supervisorsOnly) {
        if (supervisorsOnly ? !by.maySupervise() : !by.maySee(placedBy)) {
            throw Refusal.forbidden(supervisorsOnly
                    ? "Only supervisors and admins may " + what + " a call; " + by.describe() + " may not"
                    : "Call " + id + " was placed by " + placedBy + ": " + by.describe() + " may " + what
                            + " only the calls they placed");
        }
    }

    private static String text(String text, int max, String what) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.length() > max) {
            throw new Refusal(Refusal.Kind.INVALID, "invalid_text", "'text' to " + what + " must be 1 to " + max
                    + " characters (got " + t.length() + ")");
        }
        return t;
    }

    /** The text for the audit log: the code hidden, shortened. */
    private static String quoted(Call call, String text) {
        String r = call.redact(text);
        return "\"" + (r.length() > AUDIT_TEXT_CHARS ? r.substring(0, AUDIT_TEXT_CHARS) + "…" : r) + "\"";
    }
}
