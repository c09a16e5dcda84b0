package app.highway.stream;

import app.highway.transport.TextFrames;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One console's event stream on the bridge: its socket, who holds it, and how many bytes of live
 * events have been handed to the socket but not yet written out to the network. That count is the
 * back-pressure: {@link EventStreams} drops a stream that lets it grow past its limit instead of
 * buffering without end or waiting (it never waits). Written from the stream's thread; the byte count
 * falls on the socket's event loop as writes complete.
 */
final class StreamConnection {
    /** Frames no bigger than what WebSocket clients accept by default (Vert.x, Netty: 64 KiB). */
    static final int MAX_FRAME_BYTES = 64 * 1024;

    private final ServerWebSocket socket;
    private final Viewer viewer;
    private final String remote;
    private final AtomicLong pending = new AtomicLong();

    StreamConnection(ServerWebSocket socket, Viewer viewer) {
        this.socket = socket;
        this.viewer = viewer;
        this.remote = socket.remoteAddress() == null ? "?" : socket.remoteAddress().host();
    }

    Viewer viewer() {
        return viewer;
    }

    /** Bytes of live events not yet written to the network. */
    long pendingBytes() {
        return pending.get();
    }

    /**
     * Hands a whole message to the socket; never blocks. {@code counted} messages (live events) count
     * towards {@link #pendingBytes()} until written; the hello, a snapshot or a replay do not, since a
     * console cannot have fallen behind on them.
     */
    void send(byte[] message, boolean counted) {
        if (socket.isClosed()) {
            return;
        }
        try {
            List<WebSocketFrame> frames = TextFrames.message(message, MAX_FRAME_BYTES);
            long n = message.length;
            if (counted) {
                pending.addAndGet(n);
            }
            for (int i = 0; i < frames.size(); i++) {
                Future<Void> written = socket.writeFrame(frames.get(i));
                if (counted && i == frames.size() - 1) {
                    written.onComplete(ar -> pending.addAndGet(-n)); // frames go out in order: the last is the whole
                }
            }
        } catch (IllegalStateException closing) {
            // closed meanwhile: its close handler detaches it
        }
    }

    void close(short code, String reason) {
        if (!socket.isClosed()) {
            socket.close(code, reason);
        }
    }

    boolean isClosed() {
        return socket.isClosed();
    }

    /** For the log: who, with which role, from where (never the token). */
    @Override
    public String toString() {
        return viewer.actor().user() + " (" + viewer.actor().role().wireName() + ") from " + remote;
    }
}
