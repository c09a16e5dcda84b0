package app.highway.api;

import app.highway.call.CallService;
import app.highway.call.MediaStreamHandle;
import app.highway.twilio.MediaEvent;
import app.highway.twilio.MediaSink;
import app.highway.twilio.MediaStreamProtocol;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.websocket.api.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /media-stream}: Twilio's media WebSocket. The upgrade was signature-checked already; a
 * stream is admitted by its {@code start} message (single-use token bound to the CallSid).
 * Messages before {@code start} or after a refused one are dropped, a broken frame is logged and
 * skipped, and the call goes on.
 */
final class MediaStreamEndpoint {
    private static final Logger log = LoggerFactory.getLogger(MediaStreamEndpoint.class);
    static final int POLICY_VIOLATION = 1008;

    private final CallService calls;
    private final MediaStreamProtocol protocol;
    private final Map<String, MediaStreamHandle> streams = new ConcurrentHashMap<>();

    MediaStreamEndpoint(CallService calls, MediaStreamProtocol protocol) {
        this.calls = calls;
        this.protocol = protocol;
    }

    void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            ctx.session.setIdleTimeout(java.time.Duration.ofMinutes(2));
            log.debug("Media stream connected ({})", ctx.sessionId());
        });
        ws.onMessage(ctx -> onText(ctx, ctx.message()));
        ws.onBinaryMessage(ctx -> log.warn("Ignored a binary frame on the media stream ({})", ctx.sessionId()));
        ws.onClose(ctx -> {
            MediaStreamHandle handle = streams.remove(ctx.sessionId());
            if (handle != null) {
                handle.closed();
            }
        });
        ws.onError(ctx -> log.warn("Media stream error ({}): {}", ctx.sessionId(),
                ctx.error() == null ? "unknown" : ctx.error().getMessage()));
    }

    private void onText(WsContext ctx, String text) {
        MediaEvent event = protocol.parse(text);
        MediaStreamHandle handle = streams.get(ctx.sessionId());
        if (handle != null) {
            handle.accept(event);
            return;
        }
        if (event instanceof MediaEvent.Start start) {
            calls.streamStarted(start, sink(ctx)).ifPresentOrElse(
                    h -> streams.put(ctx.sessionId(), h),
                    () -> ctx.closeSession(POLICY_VIOLATION, "stream not admitted"));
        } else if (event instanceof MediaEvent.Malformed malformed) {
            log.warn("Ignored a malformed message before the stream started: {}", malformed.reason());
        }
    }

    private static MediaSink sink(WsContext ctx) {
        return new MediaSink() {
            @Override
            public void sendText(String message) {
                // no isOpen() first: it takes the session's lock on every audio frame; on a closed
                // socket Jetty fails the send's callback instead, and nothing throws
                ctx.session.sendText(message, Callback.NOOP);
            }

            @Override
            public void close(int code, String reason) {
                if (ctx.session.isOpen()) {
                    ctx.closeSession(code, reason);
                }
            }
        };
    }
}
