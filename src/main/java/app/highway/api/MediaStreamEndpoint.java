package app.highway.api;

import app.highway.call.CallService;
import app.highway.call.MediaStreamHandle;
import app.highway.transport.TextFrames;
import app.highway.twilio.MediaEvent;
import app.highway.twilio.MediaSink;
import app.highway.twilio.MediaStreamProtocol;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /media-stream}: Twilio's media WebSocket. The upgrade was signature-checked already; a
 * stream is admitted by its {@code start} message (single-use token bound to the CallSid).
 * Messages before {@code start} or after a refused one are dropped, a broken frame is logged and
 * skipped, and the call goes on. Every handler of a socket runs on the event loop that accepted it.
 *
 * <p>Frames, not messages: a message (almost always one frame) is copied into the socket's reused
 * buffer and read as bytes; a media frame's payload goes on to the model from that buffer, as it is.
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
        socket.frameHandler(stream::onFrame);
        socket.closeHandler(v -> stream.closed());
        socket.exceptionHandler(e -> log.warn("Media stream error ({}): {}", stream.name(),
                e == null ? "unknown" : e.getMessage()));
        log.debug("Media stream connected ({})", stream.name());
    }

    /** One socket: its handle once admitted. Touched only on the socket's event loop. */
    private final class Stream implements MediaSink {
        private final ServerWebSocket socket;
        private final MediaStreamProtocol.Reader reader = protocol.reader();
        private MediaStreamHandle handle;
        // the message being read: reused for every message of the socket
        private byte[] buffer = new byte[1024];
        private int length;
        private boolean binaryMessage;
        private boolean oversized;

        Stream(ServerWebSocket socket) {
            this.socket = socket;
        }

        void onFrame(WebSocketFrame frame) {
            WebSocketFrameType type = frame.type();
            if (type == WebSocketFrameType.TEXT || type == WebSocketFrameType.BINARY) {
                binaryMessage = type == WebSocketFrameType.BINARY;
                length = 0;
                oversized = false;
            } else if (type != WebSocketFrameType.CONTINUATION) {
                return; // ping, pong and close are Vert.x's
            }
            if (binaryMessage) {
                if (frame.isFinal()) {
                    log.warn("Ignored a binary frame on the media stream ({})", name());
                }
                return;
            }
            Buffer data = frame.binaryData();
            int size = data == null ? 0 : data.length();
            if (length + size > MediaStreamProtocol.MAX_MESSAGE_CHARS) {
                oversized = true; // judged below, as the protocol does
            } else if (size > 0) {
                if (length + size > buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + size));
                }
                data.getBytes(0, size, buffer, length);
                length += size;
            }
            if (frame.isFinal()) {
                MediaEvent event = oversized
                        ? new MediaEvent.Malformed("message over " + MediaStreamProtocol.MAX_MESSAGE_CHARS + " bytes")
                        : reader.read(buffer, 0, length);
                length = 0;
                oversized = false;
                onEvent(event);
                if (buffer.length > 16 * 1024) {
                    buffer = new byte[1024]; // a rare big message does not pin its buffer for the call
                }
            }
        }

        String name() {
            return handle != null ? "call " + handle.callId() : String.valueOf(socket.remoteAddress());
        }

        private void onEvent(MediaEvent event) {
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

        /** The hot path: the frame is built from the bytes, no String (see {@link TextFrames}). */
        @Override
        public void sendText(byte[] head, byte[] body, int offset, int length, byte[] tail) {
            TextFrames.write(socket, head, body, offset, length, tail);
        }

        @Override
        public void close(int code, String reason) {
            if (!socket.isClosed()) {
                socket.close((short) code, reason);
            }
        }
    }
}
