package app.highway.call;

import app.highway.config.Voicemail;
import app.highway.config.VoicemailPolicy;
import app.highway.twilio.AnsweredBy;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One call's answering-machine detection (Twilio's asynchronous AMD). With detection on, the call connects and
 * the media stream starts before Twilio has decided who answered, so the call is <b>held</b> from the start:
 * the verification message (the only thing that carries the code) is not sent to the model, and the caller's
 * audio is not passed to it either (so the model has nothing to answer and says nothing). The hold ends only
 * with Twilio's verdict:
 * <ul>
 * <li>{@code human}, or {@code unknown} (Twilio could not tell within its detection timeout): the call goes on as
 * it always did, the code is read.</li>
 * <li>a machine: the code is dropped for good (the model never had it), and by the policy the assistant leaves
 * the callback message after the beep and hangs up once Twilio has played it ({@code message}), or the call
 * hangs up at once ({@code hang_up}); the call ends {@code voicemail:<verdict>}.</li>
 * <li>{@code fax}: hung up at once, {@code fax}.</li>
 * </ul>
 * No verdict within Twilio's timeout and a grace ({@link Voicemail#verdictWait()}): the call <b>ends</b>
 * ({@link EndReason#NO_MACHINE_VERDICT}) rather than going on as with a person, since it cannot be told apart
 * from a machine and the code must never be spoken to one. Detection off: nothing is held, one volatile read
 * a frame, and the greeting goes out as fast as before.
 */
final class AnsweringMachine {
    private final Voicemail voicemail;
    /** Null until Twilio's verdict; set once (the first verdict wins). */
    private volatile AnsweredBy verdict;
    /** The code is held back: detection is on and no verdict let the call go on (yet). Read every frame. */
    private volatile boolean holding;
    private final AtomicBoolean messageAsked = new AtomicBoolean();
    private final AtomicBoolean messageDone = new AtomicBoolean();

    AnsweringMachine(Voicemail voicemail) {
        this.voicemail = voicemail;
        this.holding = voicemail.detects();
    }

    Voicemail voicemail() {
        return voicemail;
    }

    /** The call is held: no greeting, no caller audio to the model. Lock-free. */
    boolean holding() {
        return holding;
    }

    /** Detection is on and Twilio has not decided yet. */
    boolean awaitingVerdict() {
        return voicemail.detects() && verdict == null;
    }

    /** Twilio's verdict; false (nothing changes) if detection was not asked for or a verdict came already. */
    synchronized boolean decide(AnsweredBy by) {
        if (!voicemail.detects() || verdict != null) {
            return false;
        }
        verdict = by;
        if (by.goesOn()) {
            holding = false;
        }
        return true;
    }

    /** A machine answered and the policy is to leave the message: the message, the first time asked; else null. */
    String takeMessage() {
        AnsweredBy by = verdict;
        if (by == null || !by.isMachine() || voicemail.policy() != VoicemailPolicy.MESSAGE
                || !messageAsked.compareAndSet(false, true)) {
            return null;
        }
        return voicemail.message();
    }

    /** The response that left the message is done (true once): now hang up when Twilio has played it. */
    boolean messageLeft() {
        return messageAsked.get() && messageDone.compareAndSet(false, true);
    }
}
