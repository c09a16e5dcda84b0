package app.highway.call;

import app.highway.realtime.Tools;

/**
 * The model's tool calls during one call: records them on the call, answers them, and says what
 * the end of the response that made them asks for (another response after a reflection, the
 * hang-up once). Used on the model socket's reader only, one event at a time; the fields are
 * volatile because a reconnect moves the call to another socket's reader.
 */
final class ToolCalls {
    /** What to do when the current response is done. */
    enum Next { NOTHING, FOLLOW_UP, HANG_UP }

    private final Call call;
    private volatile boolean hangUpRequested;
    private volatile boolean hangUpDone;
    private volatile boolean followUpNeeded;

    ToolCalls(Call call) {
        this.call = call;
    }

    /** Records the call of {@code name} and returns the output to give the model. */
    String called(String name, String argumentsJson) {
        call.toolCalled(name, argumentsJson);
        Tools.Request request = Tools.read(name, argumentsJson);
        if (request instanceof Tools.Reflection reflection) {
            if (reflection.known()) {
                call.reflection(reflection.status());
            } else {
                call.problem("The model reported an unknown reflection status: " + reflection.status());
            }
            followUpNeeded = true; // the model stops after a tool call: let it go on speaking
            return reflection.output();
        }
        if (request instanceof Tools.HangUp hangUp) {
            hangUpRequested |= hangUp.hangUp();
            return hangUp.output();
        }
        call.problem("The model called an unknown tool: " + name);
        return ((Tools.Unknown) request).output();
    }

    /** A response is done: hang up (once) if asked to, else respond again after a reflection. */
    Next responseDone() {
        boolean followUp = followUpNeeded && !hangUpRequested;
        followUpNeeded = false;
        if (hangUpRequested && !hangUpDone) {
            hangUpDone = true;
            return Next.HANG_UP;
        }
        return followUp ? Next.FOLLOW_UP : Next.NOTHING;
    }
}
