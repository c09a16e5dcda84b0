package app.highway.audiolink;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One open audio link to a call: listening in, or a take-over (which also sends the microphone's frames).
 * {@link #close()} stops listening or hands the call back; {@link #outcome()} says how it ended, whoever ended
 * it. The listen-in delay and the level of what is heard are read here by the console (any thread).
 */
public final class AudioLinkSession implements AutoCloseable {
    /** Listening in, or speaking to the caller. */
    public enum Kind { LISTEN, TAKE_OVER }

    private static final int MAX_QUEUED_FRAMES = 100;
    private final String callId;
    private final Kind kind;
    private final WebSocket socket;
    private final AudioSink sink;
    private final AudioSource source;
    private final LinkDelay delay = new LinkDelay();
    private final CompletableFuture<LinkOutcome> outcome = new CompletableFuture<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();
    /** The received audio's level (0 to 1, RMS of the last frame), as float bits. */
    private volatile float level;
    private final java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile String endReason;
    private volatile boolean stopping;

    AudioLinkSession(String callId, Kind kind, WebSocket socket, AudioSink sink, AudioSource source) {
        this.callId = callId;
        this.kind = kind;
        this.socket = socket;
        this.sink = sink;
        this.source = source;
    }

    /** Wires the socket to the sink (and the source to the socket); on the socket's loop, before its first read. */
    void begin() {
        sink.open(frame -> delay.handed(frame.micros()));
        socket.binaryMessageHandler(this::received);
        socket.textMessageHandler(this::text);
        socket.closeHandler(v -> closed(socket.closeStatusCode(), socket.closeReason()));
        socket.exceptionHandler(e -> { }); // the close that follows says what happened
        if (source != null) {
            source.start(this::send);
        }
    }

    private void received(Buffer message) {
        AudioFrame frame;
        try {
            frame = AudioFrame.fromWire(message.getBytes());
        } catch (IllegalArgumentException e) {
            socket.close((short) 1007, "not an audio frame");
            return;
        }
        received.incrementAndGet();
        level = rms(frame.audio());
        sink.play(frame);
    }

    private void text(String text) {
        // {"type":"ended","reason":"..."}: the only text message of the protocol; read without a JSON tree
        if (text.contains("\"ended\"")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"reason\"\\s*:\\s*\"([^\"]*)\"")
                    .matcher(text);
            endReason = m.find() ? m.group(1) : "";
        }
    }

    /** A microphone frame: stamped and sent; dropped (never waited for) when the socket cannot take it now. */
    private void send(byte[] audio) {
        if (outcome.isDone()) {
            return;
        }
        // up to two seconds of frames may wait to go out (counted here: Vert.x's own write queue measures a
        // burst from another thread in messages, not bytes); beyond that they are dropped, never queued
        if (queued.get() >= MAX_QUEUED_FRAMES) {
            skipped.incrementAndGet();
            return;
        }
        AudioFrame frame = new AudioFrame(sent.getAndIncrement(), LinkDelay.nowMicros(), audio);
        queued.incrementAndGet();
        socket.writeBinaryMessage(Buffer.buffer(frame.toWire())).onComplete(r -> queued.decrementAndGet());
    }

    private void closed(Short code, String reason) {
        int c = code == null ? 1006 : code;
        LinkOutcome how;
        if (endReason != null) {
            how = new LinkOutcome.Ended(endReason);
        } else if (stopping && (c == 1000 || c == 1006)) {
            how = new LinkOutcome.Stopped();
        } else {
            how = switch (c) {
                case 1000 -> new LinkOutcome.Ended(reason == null ? "" : reason);
                case 4003 -> new LinkOutcome.Revoked();
                case 4009 -> new LinkOutcome.TakenOverElsewhere(reason);
                default -> new LinkOutcome.Lost(c, reason);
            };
        }
        finish(how);
    }

    private void finish(LinkOutcome how) {
        if (finished.compareAndSet(false, true)) { // the devices are let go before anyone hears the outcome
            if (source != null) {
                source.stop();
            }
            sink.close();
            outcome.complete(how);
        }
    }

    /** Stops listening (or hands the call back). Safe to repeat; {@link #outcome()} then says {@code Stopped}. */
    @Override
    public void close() {
        if (outcome.isDone()) {
            return;
        }
        stopping = true;
        if (source != null) {
            source.stop(); // no frame after the hand-back
        }
        socket.close((short) 1000, kind == Kind.TAKE_OVER ? "handed back" : "stopped listening");
    }

    public String callId() {
        return callId;
    }

    public Kind kind() {
        return kind;
    }

    /** Completes once the link is closed, whoever closed it. */
    public CompletableFuture<LinkOutcome> outcome() {
        return outcome;
    }

    /** The listen-in delay so far: the bridge's clock on each frame to its hand-over to the audio line. */
    public LinkDelay.Summary delay() {
        return delay.summary();
    }

    /** The level of what is heard now (0 to 1). */
    public double level() {
        return level;
    }

    /** Frames received from the bridge. */
    public long received() {
        return received.get();
    }

    /** Microphone frames sent to the bridge (take-over). */
    public long sent() {
        return sent.get();
    }

    /** Microphone frames dropped because the socket could not take them at once. */
    public long skipped() {
        return skipped.get();
    }

    private static float rms(byte[] ulaw) {
        double sum = 0;
        for (byte b : ulaw) {
            double s = app.highway.audio.MuLaw.decode(b) / 32768.0;
            sum += s * s;
        }
        return (float) Math.sqrt(sum / ulaw.length);
    }
}
