package app.highway.control;

import app.highway.team.Refusal;

/**
 * What the bridge holding a call answered to a {@link Power} asked by another bridge of the fleet: the
 * asking bridge gives its caller the same answer, status and words, as the holding bridge would have.
 */
public sealed interface PowerAnswer {
    /**
     * Done on call {@code call}; {@code muted}: the assistant's state after; {@code audit}: what the audit log
     * says of it (the code hidden by the holding bridge), or null when nothing changed (muting a muted call).
     */
    record Done(String call, boolean muted, String audit) implements PowerAnswer { }

    /** Refused by the holding bridge (409 muted, 400 a bad number, ...). */
    record Refused(Refusal.Kind kind, String error, String message) implements PowerAnswer {
        Refusal refusal() {
            return new Refusal(kind, error, message);
        }
    }

    /** Twilio refused the holding bridge's request (a transfer). */
    record TwilioRefused(int code, int httpStatus, String message, String moreInfo) implements PowerAnswer { }

    /** The holding bridge did not answer in time. */
    record Unreachable() implements PowerAnswer { }
}
