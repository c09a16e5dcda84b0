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
 * mute and unmute it, transfer the call to a person, on this bridge's calls or, through the fleet, on a
 * call another bridge holds (the rules are applied and the audit written here, the holding bridge acts). Supervisors and admins may use them on any call, an agent on the calls they placed
 * (taking over and transferring are supervisors' only). Each use is audited (the verification code
 * hidden) and on the call's timeline with who. Refused with a {@link Refusal}: 403 not allowed, 404 no
 * such call, 409 not live, muted or taken over, 400 a bad text; {@link BridgeUnreachable} when the bridge holding
 * the call does not answer.
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
        return useWithoutTwilio(by, idOrSid, new Power.Whisper(t, respond), "whisper to the assistant on").call();
    }

    /** The assistant says {@code text} next, word for word; refused while it is muted or taken over. Returns the call's id. */
    public String say(Actor by, String idOrSid, String text) {
        String t = text(text, MAX_SAY_CHARS, "say");
        return useWithoutTwilio(by, idOrSid, new Power.Say(t), "have the assistant speak on").call();
    }

    /** Mutes the assistant; returns true (it is muted), whether or not it already was. */
    public boolean mute(Actor by, String idOrSid) {
        return useWithoutTwilio(by, idOrSid, new Power.Mute(), "mute the assistant on").muted();
    }

    /** Unmutes the assistant; returns false (it is not muted). Refused while a supervisor has taken the call over (hand it back instead). */
    public boolean unmute(Actor by, String idOrSid) {
        return useWithoutTwilio(by, idOrSid, new Power.Unmute(), "unmute the assistant on").muted();
    }

    /**
     * Transfers the call to a person (supervisors and admins only): {@code to}, or the team's transfer number
     * when null or blank; {@code warm}: the person hears a short summary first. The number must pass the
     * bridge's number policy (400 otherwise). Blocks on Twilio, whose refusal is rethrown (the call then goes on
     * with the assistant). Returns the call's id.
     */
    public String transfer(Actor by, String idOrSid, String to, boolean warm) throws TwilioApiException {
        return use(by, idOrSid, new Power.Transfer(to == null || to.isBlank() ? null : to, warm), "transfer", true)
                .call();
    }

    /**
     * Uses {@code power} for another bridge of the fleet, which allowed it and audits it: on a live call of this
     * bridge, with {@code by} (the person's name) on the call's timeline; every refusal is part of the answer.
     */
    public PowerAnswer forFleet(String callId, String by, Power power) {
        try {
            Optional<Call> found = calls.find(callId);
            if (found.isEmpty()) {
                return new PowerAnswer.Refused(Refusal.Kind.NOT_FOUND, "not_found", "No call " + callId);
            }
            return apply(steering(found.get()), by, power);
        } catch (Refusal r) {
            return new PowerAnswer.Refused(r.kind(), r.error(), r.getMessage());
        } catch (TwilioApiException e) {
            return new PowerAnswer.TwilioRefused(e.code(), e.httpStatus(), e.getMessage(), e.moreInfo());
        }
    }

    private PowerAnswer.Done useWithoutTwilio(Actor by, String idOrSid, Power power, String what) {
        try {
            return use(by, idOrSid, power, what, false);
        } catch (TwilioApiException e) {
            throw new IllegalStateException("only a transfer calls Twilio", e);
        }
    }

    /**
     * Uses {@code power} as {@code by} on the live call, on this bridge or, through the fleet, on the bridge
     * that holds it (the same rules, decided here, and one audit entry, written here).
     */
    private PowerAnswer.Done use(Actor by, String idOrSid, Power power, String what, boolean supervisorsOnly)
            throws TwilioApiException {
        Optional<Call> found = calls.find(idOrSid);
        if (found.isEmpty()) {
            Optional<CallControls.OtherBridges.Held> held = controls.otherBridges().find(idOrSid);
            if (held.isEmpty()) {
                throw new Refusal(Refusal.Kind.NOT_FOUND, "not_found", "No call " + idOrSid);
            }
            allowed(by, held.get().id(), held.get().placedBy(), what, supervisorsOnly);
            return elsewhere(by, held.get(), power);
        }
        Call call = found.get();
        allowed(by, call.id(), call.placedBy(), what, supervisorsOnly);
        PowerAnswer.Done done = apply(steering(call), by.user(), power);
        if (done.audit() != null) {
            audit.record(by, action(power), done.call(), done.audit());
        }
        return done;
    }

    private PowerAnswer.Done elsewhere(Actor by, CallControls.OtherBridges.Held held, Power power)
            throws TwilioApiException {
        Power asked = power;
        if (power instanceof Power.Transfer t && t.to() != null) {
            asked = new Power.Transfer(parse(t.to()), t.warm()); // a bounded message; the holding bridge's policy still applies
        }
        PowerAnswer answer = controls.otherBridges().power(held, by, asked);
        if (answer instanceof PowerAnswer.Done done) {
            if (done.audit() != null) {
                audit.record(by, action(power), done.call(), done.audit() + ", on bridge " + held.bridge());
            }
            return done;
        } else if (answer instanceof PowerAnswer.Refused refused) {
            throw refused.refusal();
        } else if (answer instanceof PowerAnswer.TwilioRefused t) {
            throw new TwilioApiException(t.code(), t.httpStatus(), t.message(), t.moreInfo());
        }
        throw new BridgeUnreachable(held.id(), held.bridge());
    }

    /** Uses {@code power} on a live call of this bridge, for {@code by}; returns what to audit. */
    private PowerAnswer.Done apply(Steering call, String by, Power power) throws TwilioApiException {
        Call c = call.call();
        if (power instanceof Power.Whisper w) {
            call.whisper(by, w.text(), w.respond());
            return new PowerAnswer.Done(c.id(), c.muted(), quoted(c, w.text()) + (w.respond() ? ", respond now" : ""));
        } else if (power instanceof Power.Say s) {
            Optional<String> takenOver = c.takenOverBy();
            if (takenOver.isPresent()) {
                throw new Refusal(Refusal.Kind.CONFLICT, "taken_over", "Call " + c.id() + " is taken over by "
                        + takenOver.get() + ": the assistant says nothing until it is handed back");
            }
            if (c.muted()) {
                throw new Refusal(Refusal.Kind.CONFLICT, "muted", "The assistant is muted on call " + c.id()
                        + ": unmute it first");
            }
            call.say(by, s.text());
            return new PowerAnswer.Done(c.id(), false, quoted(c, s.text()));
        } else if (power instanceof Power.Mute) {
            return new PowerAnswer.Done(c.id(), true, call.mute(by, "") ? "assistant muted" : null);
        } else if (power instanceof Power.Unmute) {
            Optional<String> takenOver = c.takenOverBy();
            if (takenOver.isPresent()) {
                throw new Refusal(Refusal.Kind.CONFLICT, "taken_over", "Call " + c.id() + " is taken over by "
                        + takenOver.get() + ": hand it back to unmute the assistant");
            }
            return new PowerAnswer.Done(c.id(), false, call.unmute(by, "") ? "assistant unmuted" : null);
        }
        Power.Transfer t = (Power.Transfer) power;
        String number = t.to() == null ? transferNumber.get() : t.to();
        if (number == null || number.isBlank()) {
            throw new Refusal(Refusal.Kind.INVALID, "no_transfer_number", "No number to transfer to: give 'to', or "
                    + "set the transfer number in the call settings");
        }
        String e164 = parse(number);
        Optional<NumberPolicy.Refusal> refused = numbers.check(e164);
        if (refused.isPresent()) {
            throw new Refusal(Refusal.Kind.INVALID, refused.get().error(), refused.get().message());
        }
        try {
            call.transfer(by, e164, t.warm());
        } catch (IllegalStateException underWay) {
            throw new Refusal(Refusal.Kind.CONFLICT, "transferring", underWay.getMessage());
        }
        return new PowerAnswer.Done(c.id(), c.muted(), (t.warm() ? "warm" : "cold") + " transfer to "
                + PhoneMask.mask(e164));
    }

    private static String parse(String number) {
        return PhoneNumbers.parseE164(number).orElseThrow(() -> new Refusal(
                Refusal.Kind.INVALID, "invalid_phone_number", "'to' is not a phone number in E.164 form (a + followed "
                        + "by the country code and number, like +12025550123)")).e164();
    }

    private static AuditAction action(Power power) {
        if (power instanceof Power.Whisper) {
            return AuditAction.WHISPER;
        } else if (power instanceof Power.Say) {
            return AuditAction.SAY;
        } else if (power instanceof Power.Mute) {
            return AuditAction.MUTE;
        } else if (power instanceof Power.Unmute) {
            return AuditAction.UNMUTE;
        }
        return AuditAction.TRANSFER;
    }

    /** The call's steering: 409 unless it is in progress. */
    private Steering steering(Call call) {
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
