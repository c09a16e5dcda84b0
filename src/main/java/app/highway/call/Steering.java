package app.highway.call;

import app.highway.twilio.TwilioApiException;

/**
 * A supervisor's hold on one live call of this bridge ({@link CallService#steering}): mute and unmute the
 * assistant, whisper to it, have it say a sentence, transfer the call to a person. Each use is on the
 * call's timeline with who did it; who may do what, and the audit log, are the control layer's. Every
 * method but {@link #transfer} returns at once, from any thread: the call's sockets are acted on from the
 * relay loop, in the order asked.
 */
public final class Steering {
    private final Supervision supervision;
    private final CallTransfer transfer;

    Steering(Supervision supervision, CallTransfer transfer) {
        this.supervision = supervision;
        this.transfer = transfer;
    }

    public Call call() {
        return supervision.call();
    }

    /**
     * The assistant stops speaking at once and answers nothing until unmuted (the caller is still heard
     * and transcribed). {@code by}: who (user name); {@code why}: shown on the timeline, may be empty.
     * False if it was muted already or the call is over.
     */
    public boolean mute(String by, String why) {
        return supervision.mute(by, why);
    }

    /** The assistant answers the caller's turns again; false if it was not muted. */
    public boolean unmute(String by, String why) {
        return supervision.unmute(by, why);
    }

    /**
     * An instruction to the assistant as a system message (a supervisor note in the transcript, never heard
     * by the caller); with {@code respond}, it answers now unless muted.
     */
    public void whisper(String by, String text, boolean respond) {
        supervision.whisper(by, text, respond);
    }

    /**
     * A system message from the bridge itself (say, what a supervisor said during a take-over, on hand-back):
     * the caller never hears it; it is neither a transcript line nor on the timeline.
     */
    public void tellAssistant(String text) {
        supervision.tellAssistant(text);
    }

    /** The assistant says {@code text} next, word for word. The caller checks it is neither muted nor taken over. */
    public void say(String by, String text) {
        supervision.say(by, text);
    }

    /**
     * Sends the call to {@code e164} (checked by the caller against the number policy) with a {@code <Dial>};
     * {@code warm}: the person hears a short summary first. The call then ends here as {@code transferred}
     * and its model session stops. Blocks on Twilio; a refusal leaves the call with the assistant.
     *
     * @throws IllegalStateException if a transfer of this call is under way already
     */
    public void transfer(String by, String e164, boolean warm) throws TwilioApiException {
        transfer.transfer(supervision, by, e164, warm);
    }
}
