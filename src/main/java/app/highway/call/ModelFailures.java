package app.highway.call;

import app.highway.realtime.RealtimeError;
import app.highway.realtime.RealtimeFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What trouble with the model means for the call, decided in one place: an {@code error} event is
 * shown to the operator or ends the call (never swallowed); a dropped socket is reconnected once,
 * with the same settings, if the session was up; anything else ends the call with the reason.
 */
final class ModelFailures {
    private static final Logger log = LoggerFactory.getLogger(ModelFailures.class);

    private final Call call;
    private final CallService service;
    private volatile boolean reconnected;

    ModelFailures(Call call, CallService service) {
        this.call = call;
        this.service = service;
    }

    /** An {@code error} event from the model. */
    void error(RealtimeError error, boolean sessionReady) {
        String text = error.text();
        log.warn("Call {}: {}", call.id(), call.redact(text));
        if (error.kind() == RealtimeError.Kind.KEY_REJECTED) {
            service.endCall(call, EndReason.OPENAI_KEY_REJECTED, error.keyRejectedMessage());
        } else if (!sessionReady || error.kind() == RealtimeError.Kind.SETUP_REJECTED) {
            service.endCall(call, EndReason.MODEL_SETUP_FAILED, "The model session could not be set up: " + text);
        } else if (error.kind() == RealtimeError.Kind.SESSION_EXPIRED) {
            service.endCall(call, EndReason.MODEL_ERROR, text);
        } else {
            call.problem(text);
        }
    }

    /**
     * The model's socket closed. Returns true if the caller should reconnect (once per call, and
     * only a session that was up); otherwise the call has been ended, or was over already.
     */
    boolean closed(int code, String reason, RealtimeFailure failure, boolean sessionReady) {
        if (call.isOver()) {
            return false;
        }
        if (failure != null && failure.kind() == RealtimeFailure.Kind.KEY_REJECTED) {
            service.endCall(call, EndReason.OPENAI_KEY_REJECTED, failure.message());
            return false;
        }
        if (sessionReady && !reconnected) {
            reconnected = true;
            String why = failure != null ? failure.message() : "closed (" + code + ")";
            call.problem("The model connection dropped (" + why + "); reconnecting once with the same settings");
            return true;
        }
        String message = (reconnected ? "Reconnecting to the model failed: " : "")
                + (failure != null ? failure.message()
                : "The model connection closed (" + code + (reason.isEmpty() ? "" : " " + reason) + ")")
                + ". A goodbye cannot be spoken without the model; the call is ended.";
        service.endCall(call, EndReason.MODEL_DISCONNECTED, message);
        return false;
    }
}
