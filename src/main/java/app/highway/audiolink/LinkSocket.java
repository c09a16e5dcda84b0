package app.highway.audiolink;

import app.highway.call.CallAudio;
import app.highway.call.EndReason;
import app.highway.team.Authenticated;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One console's audio-link socket on the bridge, as a listener of its call: each 20 ms frame goes out
 * as an {@link AudioFrame} (its own sequence, the bridge's clock at mixing). Never waits: while the
 * socket's write queue is full, frames are dropped for this socket alone (and counted); full for a
 * second, it is closed with {@link LinkCloseCodes#TOO_SLOW}.
 */
class LinkSocket implements CallAudio.Listener {
    private static final Logger log = LoggerFactory.getLogger(LinkSocket.class);
    /** Frames (20 ms each) a socket may stay full before it is closed: one second. */
    static final int MAX_FULL_FRAMES = 50;
    /** Unwritten bytes that make the socket "full": a quarter of a second of frames. */
    static final int WRITE_QUEUE_BYTES = 12 * AudioFrame.WIRE_BYTES;

    final ServerWebSocket socket;
    final Authenticated who;
    final String callId;
    private final boolean callerOnly;
    private final long openedNanos = System.nanoTime();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private long seq;
    private int fullInARow;

    LinkSocket(ServerWebSocket socket, Authenticated who, String callId, boolean callerOnly) {
        this.socket = socket;
        this.who = who;
        this.callId = callId;
        this.callerOnly = callerOnly;
        socket.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
    }

    @Override
    public boolean callerOnly() {
        return callerOnly;
    }

    @Override
    public void frame(byte[] audio, long micros) {
        if (closed.get()) {
            return;
        }
        if (socket.writeQueueFull()) {
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 500 == 0) {
                log.info("Audio link of {} on call {}: the connection is full, {} frame(s) dropped so far", user(),
                        callId, n);
            }
            if (++fullInARow >= MAX_FULL_FRAMES) {
                close(LinkCloseCodes.TOO_SLOW, "too slow: the connection stayed full for a second");
            }
            return;
        }
        fullInARow = 0;
        Buffer b = Buffer.buffer(AudioFrame.WIRE_BYTES).appendLong(seq++).appendLong(micros)
                .appendBytes(audio, 0, AudioFrame.AUDIO_BYTES);
        socket.writeBinaryMessage(b);
    }

    @Override
    public void ended(String reason) {
        if (closed.get()) {
            return;
        }
        boolean stopping = EndReason.SHUTDOWN.equals(reason);
        socket.writeTextMessage("{\"type\":\"ended\",\"reason\":\""
                + new String(JsonStringEncoder.getInstance().quoteAsString(reason)) + "\"}");
        close(stopping ? LinkCloseCodes.GOING_AWAY : LinkCloseCodes.NORMAL, stopping ? "bridge stopping" : "call ended");
    }

    /** Closes the socket (once); its close handler then stops the listening. */
    void close(short code, String reason) {
        if (closed.compareAndSet(false, true) && !socket.isClosed()) {
            socket.close(code, reason);
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Frames dropped because the connection was full. */
    long dropped() {
        return dropped.get();
    }

    long openSeconds() {
        return (System.nanoTime() - openedNanos) / 1_000_000_000L;
    }

    String user() {
        return who.actor().user();
    }

    @Override
    public String toString() {
        return user() + " on call " + callId;
    }
}
