package app.highway.support;

import app.highway.audiolink.AudioFrame;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal client of the call-audio link for the bridge-side tests (the console's own client is
 * {@code app.highway.audiolink}'s, tested on its own): opens
 * {@code /calls/{id}/listen} or {@code /takeover} with a bearer token, records every frame and text
 * message and how the bridge closed it, and sends frames.
 */
public final class AudioLinkProbe implements WebSocket.Listener, AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<AudioFrame> frames = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    /** When each frame arrived (wall-clock micros, {@link app.highway.audio.WallMicros}), by arrival. */
    public final List<Long> arrivedMicros = java.util.Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final StringBuilder partialText = new StringBuilder();
    private volatile int closeCode = -1;
    private volatile String closeReason;
    private WebSocket socket;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
    private long seq;

    private AudioLinkProbe() {
    }

    /** Opens {@code path} ({@code /calls/{id}/listen}); throws {@link Refused} with the status if the upgrade is refused. */
    public static AudioLinkProbe open(String baseUrl, String path, String token) {
        AudioLinkProbe c = new AudioLinkProbe();
        try {
            c.socket = HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create(baseUrl.replace("http://", "ws://") + path), c)
                    .orTimeout(5, TimeUnit.SECONDS).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                throw new Refused(refused.getResponse().statusCode(), String.valueOf(refused.getResponse().body()));
            }
            throw e;
        }
        return c;
    }

    /** The status (and body) of a refused upgrade. */
    public static final class Refused extends RuntimeException {
        public final int status;

        Refused(int status, String body) {
            super(status + " " + body);
            this.status = status;
        }
    }

    /** The status an upgrade of {@code path} with {@code token} gets: 101, or the refusal's. */
    public static int upgradeStatus(String baseUrl, String path, String token) {
        try (AudioLinkProbe c = open(baseUrl, path, token)) {
            return 101;
        } catch (Refused r) {
            return r.status;
        }
    }

    /** The next frame from the bridge, or an error after {@code timeout}. */
    public AudioFrame awaitFrame(Duration timeout) throws InterruptedException {
        AudioFrame f = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (f == null) {
            throw new AssertionError("No audio frame from the bridge within " + timeout);
        }
        return f;
    }

    /** The next frame within {@code millis}, or null. */
    public AudioFrame pollFrame(long millis) throws InterruptedException {
        return frames.poll(millis, TimeUnit.MILLISECONDS);
    }

    public String awaitText(Duration timeout) throws InterruptedException {
        String t = texts.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (t == null) {
            throw new AssertionError("No text message from the bridge within " + timeout);
        }
        return t;
    }

    /** Sends 20 ms of audio as the next frame, stamped now; returns the frame. */
    public synchronized AudioFrame send(byte[] audio) {
        AudioFrame f = new AudioFrame(seq++, app.highway.audio.WallMicros.now(), audio);
        sendRaw(f.toWire());
        return f;
    }

    /** Sends 20 ms of audio as the next frame, stamped {@code micros}. */
    public synchronized AudioFrame sendStamped(byte[] audio, long micros) {
        AudioFrame f = new AudioFrame(seq++, micros, audio);
        sendRaw(f.toWire());
        return f;
    }

    /** Sends any binary message. */
    public synchronized void sendRaw(byte[] message) {
        sending = sending.thenCompose(x -> socket.sendBinary(ByteBuffer.wrap(message), true));
        sending.join();
    }

    /** Waits until the bridge closed the socket; returns its close code. */
    public int awaitClose(Duration timeout) throws InterruptedException {
        if (!closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("The bridge did not close the socket within " + timeout);
        }
        return closeCode;
    }

    public String closeReason() {
        return closeReason;
    }

    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        partial.writeBytes(chunk);
        if (last) {
            arrivedMicros.add(app.highway.audio.WallMicros.now());
            frames.add(AudioFrame.fromWire(partial.toByteArray()));
            partial.reset();
        }
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partialText.append(data);
        if (last) {
            texts.add(partialText.toString());
            partialText.setLength(0);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closeCode = statusCode;
        closeReason = reason;
        closed.countDown();
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.countDown();
    }

    /** Closes from the console's side (1000), as a console stopping would. */
    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null)
                    .join();
        }
    }
}
