package app.highway.api;

import app.highway.call.CallService;
import app.highway.call.MediaStreamHandle;
import app.highway.twilio.MediaEvent;
import app.highway.twilio.MediaSink;
import app.highway.twilio.MediaStreamProtocol;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /media-stream}: Twilio's media WebSocket. The upgrade was signature-checked already; a
 * stream is admitted by its {@code start} message (single-use token bound to the CallSid).
 * Messages before {@code start} or after a refused one are dropped, a broken frame is logged and
 * skipped, and the call goes on. Every handler of a socket runs on the event loop that accepted it.
 */
final class MediaStreamEndpoint {
    private static final Logger log = LoggerFactory.getLogger(MediaStreamEndpoint.class);
    static final int POLICY_VIOLATION = 1008;

    private final CallService calls;
    private final MediaStreamProtocol protocol;

    MediaStreamEndpoint(CallService calls, MediaStreamProtocol protocol) {
        this.calls = calls;
        this.protocol = protocol;
    }

    /** Takes over a socket just upgraded. */
    void accept(ServerWebSocket socket) {
        Stream stream = new Stream(socket);
        socket.textMessageHandler(stream::onText);
        socket.binaryMessageHandler(data -> log.warn("Ignored a binary frame on the media stream ({})", stream.name()));
        socket.closeHandler(v -> stream.closed());
        socket.exceptionHandler(e -> log.warn("Media stream error ({}): {}", stream.name(),
                e == null ? "unknown" : e.getMessage()));
        log.debug("Media stream connected ({})", stream.name());
    }

    /** One socket: its handle once admitted. Touched only on the socket's event loop. */
    private final class Stream implements MediaSink {
        private final ServerWebSocket socket;
        private MediaStreamHandle handle;

        Stream(ServerWebSocket socket) {
            this.socket = socket;
        }

        String name() {
            return handle != null ? "call " + handle.callId() : String.valueOf(socket.remoteAddress());
        }

        void onText(String text) {
            MediaEvent event = protocol.parse(text);
            if (handle != null) {
                handle.accept(event);
                return;
            }
            if (event instanceof MediaEvent.Start start) {
                calls.streamStarted(start, this).ifPresentOrElse(
                        h -> handle = h,
                        () -> close(POLICY_VIOLATION, "stream not admitted"));
            } else if (event instanceof MediaEvent.Malformed malformed) {
                log.warn("Ignored a malformed message before the stream started: {}", malformed.reason());
            }
        }

        void closed() {
            MediaStreamHandle h = handle;
            handle = null;
            if (h != null) {
                h.closed();
            }
        }

        /** Never blocks: Vert.x queues the frame on the socket's loop (from any thread); on a closed socket it is dropped. */
        @Override
        public void sendText(String message) {
            socket.writeFinalTextFrame(message);
        }

        @Override
        public void close(int code, String reason) {
            if (!socket.isClosed()) {
                socket.close((short) code, reason);
            }
        }
    }
}
