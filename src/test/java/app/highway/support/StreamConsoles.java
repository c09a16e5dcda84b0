package app.highway.support;

import app.highway.config.Secret;
import app.highway.stream.EventStreamClient;
import app.highway.stream.StreamListener;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** Event-stream clients as consoles would run them, with quick retries for tests; all closed at the end. */
public final class StreamConsoles implements AutoCloseable {
    /** Retries within tenths of a second, so that a test waits for a reconnect briefly. */
    public static final EventStreamClient.Options QUICK = new EventStreamClient.Options(Duration.ofMillis(50),
            Duration.ofMillis(500), Duration.ofSeconds(45), Duration.ofSeconds(5));

    private final List<EventStreamClient> clients = new CopyOnWriteArrayList<>();

    /** A started client of the bridge at {@code baseUrl} with {@code token}, reporting to a new recorder. */
    public StreamRecorder connect(String baseUrl, String token) {
        StreamRecorder recorder = new StreamRecorder();
        connect(baseUrl, token, recorder);
        return recorder;
    }

    /** A started client reporting to {@code listener}. */
    public EventStreamClient connect(String baseUrl, String token, StreamListener listener) {
        return connect(baseUrl, token, listener, QUICK);
    }

    public EventStreamClient connect(String baseUrl, String token, StreamListener listener,
            EventStreamClient.Options options) {
        EventStreamClient client = new EventStreamClient(URI.create(baseUrl), Secret.of(token), listener, options);
        clients.add(client);
        client.start();
        return client;
    }

    /** Polls {@code condition} until it holds (for what no listener reports, such as the bridge's own counts). */
    public static void await(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + timeout + ": " + what);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        clients.forEach(EventStreamClient::close);
    }
}
