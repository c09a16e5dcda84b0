package app.highway.call;

import app.highway.realtime.ModelConnection;
import java.time.Duration;

/**
 * The caller's keypad (Twilio's {@code dtmf} messages on the media stream), on the relay loop. Once the code has
 * been read: {@value #REPEAT} = hear the code again (the assistant is told, and reads it again);
 * {@value #NOT_ME} = "it was not me" (the call's outcome becomes {@code not_me}, the assistant is told to
 * apologise, not to repeat the code and to end the call; if it has not within {@link #NOT_ME_GRACE}, the bridge
 * ends it). Every key is on the call's timeline; other keys do nothing else, and keys pressed before the code
 * was read (or on a call held for the answering-machine verdict) are only noted.
 */
final class Keypad {
    static final String REPEAT = "1";
    static final String NOT_ME = "9";
    /** How long the assistant has to say goodbye after "not me" before the bridge hangs up itself. */
    static final Duration NOT_ME_GRACE = Duration.ofSeconds(20);
    static final String REPEAT_MESSAGE = "The caller pressed 1 on their keypad: they want to hear the verification "
            + "code again. Read it again, digit by digit, then ask whether they have it.";
    static final String NOT_ME_MESSAGE = "The caller pressed 9 on their keypad: they say this call is not for them "
            + "and they did not ask for a verification code. Do not read or repeat the code. Apologise briefly, "
            + "report the outcome with call_reflection_data, say goodbye and call hang_up_call.";

    private final CallSession session;
    private final CallService service;

    Keypad(CallSession session, CallService service) {
        this.session = session;
        this.service = service;
    }

    /** One key, as Twilio sent it ({@code 0}-{@code 9}, {@code *}, {@code #}). */
    void pressed(String digit) {
        Call call = session.call();
        if (digit == null || !digit.matches("[0-9*#]")) {
            session.onMalformed("dtmf without a valid digit");
            return;
        }
        if (!session.greeting.greeted()) {
            call.note("keypad", "caller pressed " + digit + " before the code was read: no action");
            return;
        }
        switch (digit) {
            case REPEAT -> {
                call.note("keypad", "caller pressed 1: hear the code again (the assistant is told)");
                tell(REPEAT_MESSAGE);
            }
            case NOT_ME -> {
                boolean first = call.endBecause(EndReason.NOT_ME);
                call.note("keypad", "caller pressed 9: it was not them (the assistant is told to end the call)");
                if (first) {
                    tell(NOT_ME_MESSAGE);
                    service.endAfter(call, NOT_ME_GRACE, EndReason.NOT_ME);
                }
            }
            default -> call.note("keypad", "caller pressed " + digit + ": no action");
        }
    }

    /** A system message to the model, which answers now (after the response under way, if any; not while muted). */
    private void tell(String text) {
        ModelConnection m = session.modelConnection();
        if (m == null) {
            return;
        }
        m.sendSystemMessage(text);
        session.responses.request(m, session.call().muted(), null);
    }
}
