package app.highway.stream;

import app.highway.config.Secret;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A console's end of {@code /events}: connects with a token, hands the bridge's snapshots and call
 * events to a {@link StreamListener} as {@code CallSnapshot}s and {@code CallEvent}s, and when the
 * connection drops, reconnects with backoff (Failsafe) and resumes from the last sequence number it
 * saw, so that no event is lost or repeated. It reports every change of its state at once.
 *
 * <p>On a Vert.x {@link WebSocketClient} with a small Vert.x of its own (one event loop), like every
 * other socket of the product. The JDK's {@code java.net.http} WebSocket was tried first and dropped:
 * when the peer's FIN is read between two messages (the transport's demand at 0) its
 * {@code acknowledgeReception} throws an {@code InternalError} that is swallowed, and neither
 * {@code onClose} nor {@code onError} ever comes (seen here with JDK 17.0.15, in about one cut in
 * ten; the same code is in JDK 25), so a dropped connection would go unnoticed. Netty reports every
 * closed connection. A refused upgrade comes back with its HTTP status (401 is told apart from a
 * network failure). The listener runs on the client's event loop: a console that cannot keep up stops
 * the loop reading, and the bridge drops it (it then resumes).
 *
 * <p>Threads: the client's event loop (messages, closes) and one timer thread (retries, the silence
 * check); the listener is called under this client's lock, one call at a time.
 */
public final class EventStreamClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventStreamClient.class);
    /** A snapshot of many calls with their transcripts is the biggest message: far below this. */
    static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
    /** A connection that lasted this long was a good one: the next drop is retried at once. */
    private static final Duration STABLE = Duration.ofSeconds(5);

    /**
     * @param firstRetry     the first delay between attempts (then doubling, with jitter)
     * @param maxRetry       the longest delay between attempts
     * @param silenceLimit   with no message (events or heartbeats) for this long, the connection is dead
     * @param connectTimeout how long an attempt may take to open
     */
    public record Options(Duration firstRetry, Duration maxRetry, Duration silenceLimit, Duration connectTimeout) {
        public static Options defaults() {
            return new Options(Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofSeconds(45),
                    Duration.ofSeconds(10));
        }
    }

    /** The bridge refused the token: not worth retrying. */
    private static final class Refusal extends Exception {
        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    /** A newer run of attempts (or closing) took over: this one stops. */
    private static final class Superseded extends Exception {
        Superseded() {
            super("superseded", null, false, false);
        }
    }

    private final URI events;
    private final Secret token;
    private final StreamListener listener;
    private final Options options;
    private final StreamCodec codec = new StreamCodec();
    private final Vertx vertx;
    private final WebSocketClient client;
    private final ScheduledExecutorService timer;

    // guarded by this
    private boolean started;
    private boolean closed;
    private int generation;
    private WebSocket socket;
    private CompletableFuture<?> attempts;
    private long lastSeq = -1;
    private String bridgeId;
    private long connectedAtNanos;
    private long lastMessageNanos;
    private int shortLived;
    private ConnectionState state;

    /**
     * @param bridge the bridge's address ({@code http://host:port} or {@code https://…}; {@code ws(s)://} too)
     * @param token  the person's token (sent only in the upgrade's {@code Authorization} header)
     */
    public EventStreamClient(URI bridge, Secret token, StreamListener listener, Options options) {
        this.events = eventsUri(bridge);
        this.token = token;
        this.listener = listener;
        this.options = options;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "event-stream-client");
            t.setDaemon(true);
            return t;
        });
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setName("event-stream")
                .setTryUsePerMessageCompression(false)
                .setTryUsePerFrameCompression(false)
                .setMaxFrameSize(MAX_MESSAGE_BYTES)
                .setMaxMessageSize(MAX_MESSAGE_BYTES)
                .setConnectTimeout((int) options.connectTimeout().toMillis())
                .setTcpNoDelay(true)
                .setVerifyHost(true));
    }

    static URI eventsUri(URI bridge) {
        String scheme = bridge.getScheme() == null ? "" : bridge.getScheme().toLowerCase(java.util.Locale.ROOT);
        String ws = switch (scheme) {
            case "https", "wss" -> "wss";
            case "http", "ws" -> "ws";
            default -> throw new IllegalArgumentException("a bridge's address starts with http://, https://, ws:// "
                    + "or wss://: " + bridge);
        };
        String path = bridge.getPath() == null || bridge.getPath().isEmpty() || bridge.getPath().equals("/") ? ""
                : bridge.getPath().replaceAll("/+$", "");
        return URI.create(ws + "://" + bridge.getRawAuthority() + path + "/events");
    }

    /** Connects (once; later calls do nothing). */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        long check = Math.max(100, options.silenceLimit().toMillis() / 3);
        timer.scheduleWithFixedDelay(this::checkSilence, check, check, TimeUnit.MILLISECONDS);
        report(new ConnectionState.Connecting(events.toString()));
        connect(Duration.ZERO);
    }

    /** The last event's sequence number seen (-1 before the first snapshot). */
    public synchronized long lastSeq() {
        return lastSeq;
    }

    public synchronized ConnectionState state() {
        return state;
    }

    /** A new run of attempts, the first after {@code delay}; each retry is reported with its time. */
    private void connect(Duration delay) {
        int gen = ++generation;
        if (attempts != null) {
            attempts.complete(null); // the previous run, if still trying, stops
        }
        RetryPolicy<WebSocket> policy = RetryPolicy.<WebSocket>builder()
                .handle(Exception.class)
                .abortOn(Refusal.class)
                .abortOn(Superseded.class)
                .withBackoff(options.firstRetry(), options.maxRetry())
                .withJitter(0.2)
                .withMaxRetries(-1)
                .onRetryScheduled(e -> reportIf(gen, new ConnectionState.Reconnecting(
                        Instant.now().plus(e.getDelay()), e.getAttemptCount() + 1, describe(e.getLastException()))))
                .build();
        CompletableFuture<Void> run = new CompletableFuture<>();
        attempts = run;
        timer.schedule(() -> {
            if (run.isDone()) {
                return;
            }
            CompletableFuture<WebSocket> tries = Failsafe.with(policy).with(timer).getStageAsync(() -> open(gen));
            run.whenComplete((v, e) -> tries.cancel(false)); // close() cancels the run
            tries.whenComplete((ws, e) -> opened(gen, ws, e));
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private CompletionStage<WebSocket> open(int gen) {
        URI uri;
        synchronized (this) {
            if (gen != generation || closed) {
                return CompletableFuture.failedFuture(new Superseded());
            }
            uri = withResume(events, lastSeq, bridgeId);
            connectedAtNanos = 0;
        }
        CompletableFuture<WebSocket> opened = new CompletableFuture<>();
        WebSocketConnectOptions request = new WebSocketConnectOptions()
                .setAbsoluteURI(uri.toString())
                .putHeader("Authorization", "Bearer " + token.reveal())
                .setTimeout(options.connectTimeout().toMillis());
        // on the client's loop: the handlers are in place before the socket's first message is read
        client.connect(request).onComplete(ws -> {
            if (!current(gen)) {
                ws.close(); // closed, or a newer run took over, while this one was opening
                opened.completeExceptionally(new Superseded());
                return;
            }
            ws.textMessageHandler(text -> handle(gen, ws, text));
            ws.exceptionHandler(e -> log.debug("Event stream: {}", describe(e)));
            ws.closeHandler(v -> {
                Short code = ws.closeStatusCode();
                String reason = ws.closeReason();
                dropped(gen, code == null ? 1006 : code, reason != null && !reason.isEmpty() ? reason
                        : code == null || code == 1006 ? "connection lost" : "closed by the bridge (" + code + ")");
            });
            opened.complete(ws);
        }, e -> opened.completeExceptionally(classify(e)));
        return opened;
    }

    static URI withResume(URI events, long lastSeq, String bridgeId) {
        if (lastSeq < 0) {
            return events;
        }
        String query = "after=" + lastSeq + (bridgeId == null ? ""
                : "&bridge=" + URLEncoder.encode(bridgeId, StandardCharsets.UTF_8));
        return URI.create(events + "?" + query);
    }

    private static Throwable classify(Throwable e) {
        if (e instanceof UpgradeRejectedException rejected) {
            int status = rejected.getStatus();
            if (status == 401 || status == 403) {
                return new Refusal("the bridge refused the token (HTTP " + status + ")");
            }
            return new IOException("the bridge answered the upgrade with HTTP " + status);
        }
        return e;
    }

    private synchronized void opened(int gen, WebSocket ws, Throwable failure) {
        if (failure == null) {
            if (gen != generation || closed) {
                ws.close(); // superseded while opening
                return;
            }
            socket = ws;
            lastMessageNanos = System.nanoTime();
            return;
        }
        Throwable cause = failure instanceof CompletionException || failure instanceof FailsafeException
                ? (failure.getCause() == null ? failure : failure.getCause()) : failure;
        if (gen != generation || closed) {
            return;
        }
        if (cause instanceof Refusal) {
            generation++;
            log.warn("Event stream to {}: {}; not retrying", events, cause.getMessage());
            report(new ConnectionState.Refused(cause.getMessage()));
        }
    }

    private synchronized boolean current(int gen) {
        return gen == generation && !closed;
    }

    private synchronized void handle(int gen, WebSocket ws, String text) {
        if (gen != generation || closed) {
            ws.close(); // a connection this client no longer follows
            return;
        }
        lastMessageNanos = System.nanoTime();
        StreamMessage m;
        try {
            m = codec.read(text);
        } catch (IOException e) {
            log.warn("Event stream: a message could not be read ({}); reconnecting", e.getMessage());
            ws.close((short) 1007, "unreadable message");
            dropped(gen, 1007, "unreadable message from the bridge");
            return;
        }
        if (m instanceof StreamMessage.Events batch) {
            for (StreamMessage.Sequenced e : batch.events()) {
                if (e.seq() <= lastSeq) {
                    continue; // already had it (a resume that overlapped): never twice
                }
                lastSeq = e.seq();
                if (e.event() == null) {
                    log.debug("Event stream: skipped an event of a kind this console does not know ({})", e.name());
                } else {
                    deliver(() -> listener.onEvent(e.seq(), e.event()));
                }
            }
        } else if (m instanceof StreamMessage.Hello hello) {
            bridgeId = hello.bridge();
            connectedAtNanos = System.nanoTime();
            if (hello.protocol() > StreamCodec.PROTOCOL) {
                log.info("Event stream: the bridge speaks protocol {}, this console {}", hello.protocol(),
                        StreamCodec.PROTOCOL);
            }
            report(new ConnectionState.Connected(hello.bridge(), hello.user(), hello.role()));
        } else if (m instanceof StreamMessage.Snapshot snapshot) {
            lastSeq = snapshot.seq();
            deliver(() -> listener.onSnapshot(snapshot.seq(), snapshot.calls()));
        } else if (m instanceof StreamMessage.Heartbeat beat) {
            lastSeq = Math.max(lastSeq, beat.seq()); // every event up to it that we may see has been sent
        } else if (m instanceof StreamMessage.Resync resync) {
            log.info("Event stream: resync ({}); taking a fresh snapshot", resync.reason());
        } else if (m instanceof StreamMessage.SettingsChanged changed) {
            deliver(() -> listener.onSettingsChanged(changed.what()));
        } else if (m instanceof StreamMessage.CampaignsChanged campaigns) {
            deliver(() -> listener.onCampaignsChanged(campaigns.campaigns()));
        } else if (m instanceof StreamMessage.Error error) {
            log.warn("Event stream: the bridge says {}: {}", error.code(), error.message());
        }
    }

    private synchronized void dropped(int gen, int code, String reason) {
        if (gen != generation || closed) {
            return;
        }
        socket = null;
        if (code == CloseCodes.REVOKED) {
            generation++;
            log.warn("Event stream to {}: access revoked; not reconnecting", events);
            report(new ConnectionState.Refused("access revoked: " + reason));
            return;
        }
        boolean stable = connectedAtNanos != 0 && System.nanoTime() - connectedAtNanos >= STABLE.toNanos();
        shortLived = stable ? 0 : shortLived + 1;
        Duration delay = shortLived == 0 ? Duration.ZERO : backoff(shortLived);
        log.info("Event stream to {} dropped ({}); reconnecting{} to resume after event {}", events, reason,
                delay.isZero() ? "" : " in " + delay.toMillis() + " ms", lastSeq);
        report(new ConnectionState.Reconnecting(Instant.now().plus(delay), 1, reason));
        connect(delay);
    }

    /** The delay after {@code n} connections in a row that dropped soon after opening. */
    private Duration backoff(int n) {
        long ms = options.firstRetry().toMillis() << Math.min(20, n - 1);
        return Duration.ofMillis(Math.min(ms, options.maxRetry().toMillis()));
    }

    private void checkSilence() {
        WebSocket dead = null;
        int gen;
        synchronized (this) {
            gen = generation;
            if (socket != null && !closed
                    && System.nanoTime() - lastMessageNanos > options.silenceLimit().toNanos()) {
                dead = socket;
            }
        }
        if (dead != null) {
            dead.close(); // the connection is dead: its closing handshake will time out, ignored
            long ms = options.silenceLimit().toMillis();
            dropped(gen, 1006, "nothing from the bridge for " + (ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms"));
        }
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "unknown";
        }
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    private synchronized void reportIf(int gen, ConnectionState s) {
        if (gen == generation && !closed) {
            report(s);
        }
    }

    private void report(ConnectionState s) {
        state = s;
        deliver(() -> listener.onState(s));
    }

    private void deliver(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.error("Event stream listener failed", e);
        }
    }

    private static void await(io.vertx.core.Future<?> step, String what) {
        try {
            step.await(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("Event stream client: {} took too long or failed: {}", what, e.toString());
        }
    }

    /**
     * Closes the connection and stops retrying; the listener hears {@link ConnectionState.Closed}. Off the
     * client's own threads, returns once its threads have stopped (or after 2 s).
     */
    @Override
    public void close() {
        WebSocket ws;
        synchronized (this) {
            if (closed) {
                return;
            }
            report(new ConnectionState.Closed());
            closed = true;
            generation++;
            if (attempts != null) {
                attempts.complete(null);
            }
            ws = socket;
            socket = null;
        }
        timer.shutdown();
        if (io.vertx.core.Context.isOnVertxThread()) { // cannot wait here: its own loop would wait for itself
            if (ws == null) {
                vertx.close();
            } else {
                ws.close((short) 1000, "console closing").onComplete(ar -> vertx.close());
            }
            return;
        }
        // elsewhere, its threads are gone when this returns (each step briefly waited for)
        if (ws != null) {
            await(ws.close((short) 1000, "console closing"), "closing the connection");
        }
        await(vertx.close(), "stopping its threads");
    }
}
