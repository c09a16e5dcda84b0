package app.highway.call;

import app.highway.realtime.ModelConnection;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the assistant is told before it speaks: the verification message, once the caller's stream
 * and the model's session are both up (whichever comes last sends it, exactly once); after a
 * reconnect, where the conversation had got to, so that it goes on instead of starting over.
 * With answering-machine detection on ({@link AnsweringMachine}), the verification message also waits for
 * Twilio's verdict: only a person (or "unknown") gets it; for a machine the code is dropped unsent and the
 * callback message is asked for instead (policy {@code message}).
 */
final class Greeting {
    private final Call call;
    /** The verification code until the message that carries it is sent; never kept after. */
    private final AtomicReference<String> verificationCode;
    private volatile boolean greeted;
    private volatile boolean reconnecting;
    /** {@link System#nanoTime()} when the caller's stream started (0 until then): the greeting says how long it took. */
    private volatile long streamStartedNanos;

    private final AnsweringMachine machine;

    Greeting(Call call, String verificationCode, AnsweringMachine machine) {
        this.call = call;
        this.verificationCode = new AtomicReference<>(verificationCode);
        this.machine = machine;
    }

    /** The verification message was sent: the caller has been read the code. */
    boolean greeted() {
        return greeted;
    }

    /** A machine answered: the code is dropped, never to be sent. */
    void forgetCode() {
        verificationCode.set(null);
    }

    /** The caller's stream started now (on the media socket's reader). */
    void streamStarted() {
        streamStartedNanos = System.nanoTime();
    }

    /** The model socket dropped and a new one is being opened. */
    void reconnecting() {
        reconnecting = true;
    }

    /** The session is configured (first time or after a reconnect); {@code streamUp}: the caller is on the line. */
    void sessionReady(ModelConnection model, boolean streamUp) {
        if (reconnecting && greeted) {
            reconnecting = false;
            tell(model, ReconnectSummary.of(call.snapshot().transcript()), "reconnected; conversation summary sent");
        } else {
            reconnecting = false;
            maybeGreet(model, true, streamUp); // dropped while ringing: nothing was said yet, greet as usual
        }
    }

    /** Sends the verification message once the session.update is out and the caller is on the line, exactly once. */
    void maybeGreet(ModelConnection model, boolean configured, boolean streamUp) {
        if (machine.holding()) { // detection on and no verdict for a person: the code stays here
            String message = configured && streamUp ? machine.takeMessage() : null;
            if (message != null) {
                model.requestResponse(Supervision.SAY_INSTRUCTIONS + message);
                call.note("voicemail", "leaving the callback message (no code): " + message);
            }
            return;
        }
        String code = configured && streamUp ? verificationCode.getAndSet(null) : null;
        if (code != null) {
            greeted = true;
            model.sendUserText(call.settings().verificationMessage(code));
            if (!call.muted()) {
                model.requestResponse();
            }
            long started = streamStartedNanos; // measured once both are handed to the socket
            call.note("model", "verification message sent, assistant speaks first" + (started == 0 ? ""
                    : String.format(Locale.ROOT, " (%.2f ms after the caller's stream started)",
                            (System.nanoTime() - started) / 1e6)));
        }
    }

    /** Tells the model something the caller does not hear, and lets it respond. */
    private void tell(ModelConnection model, String instruction, String note) {
        model.sendUserText(instruction);
        if (!call.muted()) { // muted: no response.create; the caller's next turn is answered after unmuting
            model.requestResponse();
        }
        call.note("model", note);
    }
}
