package app.highway.call;

/**
 * A live call as the call-audio link sees it (listening in, taking over): the call, and its audio
 * through {@link CallAudio.Listener}s. Valid while the call is live; once it ends, listeners get
 * {@link CallAudio.Listener#ended} and new ones are refused.
 */
public final class CallLink {
    private final CallSession session;

    CallLink(CallSession session) {
        this.session = session;
    }

    public Call call() {
        return session.call();
    }

    /** Starts handing {@code listener} the call's frames; false if the call has ended. Call on the relay loop. */
    public boolean listen(CallAudio.Listener listener) {
        return session.listen(listener);
    }

    /** Stops handing {@code listener} frames (idempotent); true if it was listening. */
    public boolean stopListening(CallAudio.Listener listener) {
        return session.mix.remove(listener);
    }

    /** The callee answered and the media stream runs: there is a caller to speak to. */
    public boolean answered() {
        return session.callerSender() != null;
    }

    /** Listeners now (take-overs included). */
    public int listeners() {
        return session.mix.listening();
    }

    /** What asking to take the call over came to. */
    public enum TakeOverResult { TAKEN_OVER, ALREADY_TAKEN_OVER, NOT_ANSWERED, ENDED }

    /**
     * {@code user} speaks to the caller in the assistant's place: the assistant is muted at once (see
     * {@link #speak}, {@link #handBack}). One at a time. Any thread.
     */
    public TakeOverResult takeOver(String user) {
        return TakeOverResult.valueOf(session.supervision.takeOver.begin(user).name());
    }

    /** Who has taken the call over, or null. */
    public String takenOverBy() {
        return session.supervision.takeOver.heldBy();
    }

    /** 20 ms of {@code user}'s voice (160 bytes of μ-law) to the caller; on the relay loop. False if not theirs. */
    public boolean speak(String user, byte[] mulaw) {
        return session.supervision.takeOver.speak(user, mulaw);
    }

    /**
     * {@code user} hands the call back: the assistant is told (system note) and unmuted. Returns how long the
     * take-over lasted, or null if {@code user} did not hold it. Any thread.
     */
    public java.time.Duration handBack(String user) {
        return session.supervision.takeOver.handBack(user);
    }
}
