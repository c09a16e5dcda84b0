package app.highway.call;

import app.highway.realtime.ModelConnection;

/**
 * The bridge's requests for model responses, on the relay loop only: whether one is under way
 * ({@code response.created} seen, {@code response.done} not yet: only then may it be cancelled), and a
 * request made meanwhile (the model refuses a second response while one is under way), sent when it is
 * done. Nothing is asked for while the assistant is muted.
 */
final class Responses {
    private boolean underWay;
    private boolean wanted;
    /** The instructions of the response wanted (a "say this"), or null for an ordinary one. */
    private String instructions;

    /** {@code response.created}. */
    void started() {
        underWay = true;
    }

    /** {@code response.done}; a response wanted meanwhile is the caller's to {@link #flush}. */
    void done() {
        underWay = false;
    }

    boolean underWay() {
        return underWay;
    }

    /** A new model socket: nothing is under way on it. */
    void reset() {
        underWay = false;
    }

    /** Muted: nothing asked for is sent any more. */
    void forget() {
        wanted = false;
        instructions = null;
    }

    /** Asks for a response ({@code instructions} may be null) now, or after the one under way; never while muted. */
    void request(ModelConnection model, boolean muted, String withInstructions) {
        if (muted || model == null) {
            forget();
            return;
        }
        if (underWay) {
            wanted = true;
            instructions = withInstructions != null ? withInstructions : instructions;
            return;
        }
        forget();
        if (withInstructions == null) {
            model.requestResponse();
        } else {
            model.requestResponse(withInstructions);
        }
    }

    /** After {@code response.done}: sends the response wanted meanwhile, or one anyway if {@code needed}. */
    void flush(ModelConnection model, boolean muted, boolean needed) {
        if (wanted || needed) {
            request(model, muted, instructions);
        }
    }
}
