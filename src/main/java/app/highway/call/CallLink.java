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

    /** Listeners now (take-overs included). */
    public int listeners() {
        return session.mix.listening();
    }
}
