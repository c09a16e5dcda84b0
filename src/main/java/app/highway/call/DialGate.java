package app.highway.call;

/**
 * The last word before Twilio is asked to ring a number, once the call has its turn under the pace: a
 * campaign records the attempt as "dialling" under {@code callId} (so that a restart knows a request may have
 * gone out) and withdraws the dial if it was paused or canceled meanwhile. Runs on the placing thread; may
 * block briefly (a store write).
 */
@FunctionalInterface
public interface DialGate {
    /** Lets every call through: a call placed by hand. */
    DialGate OPEN = callId -> true;

    /** True to dial now as {@code callId}; false withdraws the dial (nothing is created, nothing rings). */
    boolean admit(String callId);
}
