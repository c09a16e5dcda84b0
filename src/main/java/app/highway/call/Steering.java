package app.highway.call;

/**
 * A supervisor's hold on one live call of this bridge ({@link CallService#steering}): mute and unmute the
 * assistant, whisper to it, have it say a sentence. Each use is on the call's timeline with who did it;
 * who may do what, and the audit log, are the control layer's. Every method returns at once, from any
 * thread: the call's sockets are acted on from the relay loop, in the order asked.
 */
public final class Steering {
    private final CallSession session;

    Steering(CallSession session) {
        this.session = session;
    }

    public Call call() {
        return session.call();
    }

    /**
     * The assistant stops speaking at once and answers nothing until unmuted (the caller is still heard
     * and transcribed). {@code by}: who (user name); {@code why}: shown on the timeline, may be empty.
     * False if it was muted already or the call is over.
     */
    public boolean mute(String by, String why) {
        return session.muteAssistant(by, why);
    }

    /** The assistant answers the caller's turns again; false if it was not muted. */
    public boolean unmute(String by, String why) {
        return session.unmuteAssistant(by, why);
    }

    /**
     * An instruction to the assistant as a system message (a supervisor note in the transcript, never heard
     * by the caller); with {@code respond}, it answers now unless muted.
     */
    public void whisper(String by, String text, boolean respond) {
        session.whisper(by, text, respond);
    }

    /** The assistant says {@code text} next, word for word. The caller checks it is neither muted nor taken over. */
    public void say(String by, String text) {
        session.say(by, text);
    }
}
