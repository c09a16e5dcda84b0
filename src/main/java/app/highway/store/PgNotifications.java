package app.highway.store;

import app.highway.config.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's {@code LISTEN/NOTIFY} for a fleet of bridges sharing one database: the standard way the
 * server itself offers to tell every connected bridge about something, so the fleet needs no broker of
 * its own. Two connections of its own, outside the store's pool (a listening connection must stay open
 * and is never shared): one thread waits for notifications ({@code PGConnection.getNotifications} with a
 * timeout) and hands each to the handler; another sends what {@link #send} queued, a batch per
 * transaction. Both reconnect after a loss, with backoff (Failsafe for the listening one), and log the loss
 * once, not at every attempt. Nothing here blocks the caller of {@link #send}.
 *
 * <p>A notification sent while the listening connection was down is lost (PostgreSQL does not keep
 * them): each loss is counted ({@link #outages}), and once listening again the owner is told (the fleet
 * then makes its consoles resync from the store).
 */
public final class PgNotifications implements AutoCloseable {
    /** PostgreSQL refuses a payload of 8000 bytes or more. */
    public static final int MAX_PAYLOAD_BYTES = 7999;
    private static final Logger log = LoggerFactory.getLogger(PgNotifications.class);
    private static final int POLL_MS = 500;
    private static final long MAX_BACKOFF_MS = 5_000;

    /** One notification to send. */
    public record Outgoing(String channel, String payload) { }

    private final DatabaseSettings settings;
    /** Logical channel names; on the server each carries {@link #scope}. */
    private final Set<String> channels;
    /**
     * Channels are per database, not per schema: fleets on different schemas of one database (tests do
     * this) must not hear each other, so a schema other than {@code public} is added to every channel name.
     */
    private final String scope;
    private final BiConsumer<String, String> handler;
    private final BlockingQueue<Outgoing> outbox = new LinkedBlockingQueue<>(100_000);
    private final Thread listener;
    private final Thread sender;
    private volatile boolean running = true;
    private volatile boolean listening;
    private boolean sendFailing; // the sending thread only
    private volatile boolean everListened;
    private final AtomicLong outages = new AtomicLong();
    private final String applicationName;
    private final Runnable afterOutage;

    private PgNotifications(DatabaseSettings settings, Set<String> channels, BiConsumer<String, String> handler,
            String scope, String applicationName, Runnable afterOutage) {
        this.scope = scope;
        this.applicationName = applicationName;
        this.afterOutage = afterOutage;
        this.settings = settings;
        this.channels = Set.copyOf(channels);
        this.handler = handler;
        this.listener = new Thread(this::listen, "fleet-listen");
        this.sender = new Thread(this::sendLoop, "fleet-notify");
        listener.setDaemon(true);
        sender.setDaemon(true);
    }

    /**
     * Listens on {@code channels} of the PostgreSQL database of {@code settings}, calling {@code handler}
     * (channel, payload) on the listening thread for every notification, this bridge's own included.
     */
    public static PgNotifications start(DatabaseSettings settings, Set<String> channels,
            BiConsumer<String, String> handler) {
        return start(settings, channels, handler, "highway-fleet", () -> { });
    }

    /**
     * As {@link #start(DatabaseSettings, Set, BiConsumer)}; the listening connection shows as
     * {@code applicationName} in {@code pg_stat_activity}, and {@code afterOutage} runs on the listening
     * thread each time it listens again after losing its connection (notifications sent meanwhile are lost).
     */
    public static PgNotifications start(DatabaseSettings settings, Set<String> channels,
            BiConsumer<String, String> handler, String applicationName, Runnable afterOutage) {
        if (!settings.isPostgres()) {
            throw new IllegalArgumentException("LISTEN/NOTIFY needs PostgreSQL");
        }
        for (String channel : channels) {
            if (!channel.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("not a plain channel name: " + channel);
            }
        }
        String scope;
        try (Connection c = DriverManager.getConnection(settings.url(), settings.user(), settings.password().reveal());
                Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT current_schema()")) {
            String schema = rs.next() && rs.getString(1) != null ? rs.getString(1) : "public";
            scope = schema.equals("public") ? "" : "__" + schema.toLowerCase(java.util.Locale.ROOT).replaceAll(
                    "[^a-z0-9_]", "_");
        } catch (SQLException e) {
            throw new StoreException("Cannot reach " + settings.maskedUrl() + " for the fleet's notifications", e);
        }
        PgNotifications n = new PgNotifications(settings, channels, handler, scope,
                applicationName.length() > 63 ? applicationName.substring(0, 63) : applicationName, afterOutage);
        n.listener.start();
        n.sender.start();
        return n;
    }

    /** True while the listening connection is up (tests wait for it before the first event). */
    public boolean listening() {
        return listening;
    }

    /**
     * Queues notifications to be sent together, in this order, in one transaction (so they arrive
     * together and in order). Never blocks: when the queue is full (the database is unreachable for
     * long), they are dropped and false is returned. Each payload must be under {@link #MAX_PAYLOAD_BYTES}.
     */
    public boolean send(List<Outgoing> batch) {
        boolean all = true;
        for (Outgoing o : batch) {
            all &= outbox.offer(o);
        }
        return all;
    }

    private void listen() {
        RetryPolicy<Connection> reconnect = RetryPolicy.<Connection>builder()
                .handle(SQLException.class)
                .withBackoff(Duration.ofMillis(100), Duration.ofMillis(MAX_BACKOFF_MS))
                .withJitter(0.2)
                .withMaxRetries(-1)
                .abortIf((c, e) -> !running)
                .onRetry(e -> {
                    String why = e.getLastException() == null ? "" : e.getLastException().getMessage();
                    if (!everListened && e.getAttemptCount() == 1) { // a loss is logged once where it happens
                        log.warn("Cannot listen to the fleet's notifications at {} yet ({}): retrying with backoff",
                                settings.maskedUrl(), why);
                    } else {
                        log.debug("Fleet notifications: reconnecting to {} (attempt {}): {}", settings.maskedUrl(),
                                e.getAttemptCount(), why);
                    }
                })
                .build();
        long lostAt = 0; // nanoTime of the loss being ridden out, 0: none
        while (running) {
            Connection connection;
            try {
                connection = Failsafe.with(reconnect).get(this::connectAndListen);
            } catch (FailsafeException e) {
                if (!running) {
                    break;
                }
                log.error("Could not listen to the fleet's notifications", e);
                continue;
            }
            try (Connection c = connection) {
                PGConnection pg = c.unwrap(PGConnection.class);
                listening = true;
                everListened = true;
                if (lostAt != 0) {
                    log.info("Listening to the fleet's notifications again after {} ms; consoles attached here are "
                            + "told to resync", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lostAt));
                    lostAt = 0;
                    try {
                        afterOutage.run();
                    } catch (RuntimeException e) {
                        log.error("Could not catch up after the fleet's notifications were cut off", e);
                    }
                }
                while (running) {
                    PGNotification[] got = pg.getNotifications(POLL_MS);
                    if (got == null) {
                        continue;
                    }
                    for (PGNotification n : got) {
                        try {
                            handler.accept(n.getName().substring(0, n.getName().length() - scope.length()),
                                    n.getParameter());
                        } catch (RuntimeException e) {
                            log.error("Could not handle a fleet notification on {}", n.getName(), e);
                        }
                    }
                }
            } catch (SQLException e) {
                listening = false;
                if (!running) {
                    break;
                }
                outages.incrementAndGet();
                lostAt = System.nanoTime();
                // once per outage: the reconnection attempts that follow log at debug level only
                log.warn("Lost the fleet's notification connection to {} ({}): reconnecting with backoff; events of "
                        + "other bridges sent meanwhile are missed, so consoles attached here resync once it is back",
                        settings.maskedUrl(), e.getMessage());
            }
        }
        listening = false;
    }

    /** A new listening connection, listening to every channel. */
    private Connection connectAndListen() throws SQLException {
        Properties p = new Properties();
        if (settings.user() != null) {
            p.setProperty("user", settings.user());
        }
        if (settings.password().reveal() != null) {
            p.setProperty("password", settings.password().reveal());
        }
        p.setProperty("ApplicationName", applicationName);
        Connection c = DriverManager.getConnection(settings.url(), p);
        try (Statement s = c.createStatement()) {
            for (String channel : channels) {
                s.execute("LISTEN " + channel + scope);
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** How many times the listening connection was lost since start (each time, events may have been missed). */
    public long outages() {
        return outages.get();
    }

    private void sendLoop() {
        long backoff = 100;
        List<Outgoing> batch = new ArrayList<>();
        while (running) {
            try {
                if (batch.isEmpty() && !nextBatch(batch)) {
                    continue; // connects only once there is something to send: a listen-only side holds none
                }
            } catch (InterruptedException e) {
                return;
            }
            try (Connection c = connect();
                    PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                try (Statement s = c.createStatement()) {
                    // a notification is gone once delivered anyway: its transaction need not wait for the disk
                    s.execute("SET synchronous_commit TO OFF");
                }
                c.setAutoCommit(false);
                backoff = 100;
                if (sendFailing) {
                    log.info("Sending the fleet's notifications again");
                    sendFailing = false;
                }
                while (running) {
                    if (batch.isEmpty() && !nextBatch(batch)) {
                        continue;
                    }
                    for (Outgoing o : batch) {
                        notify.setString(1, o.channel() + scope);
                        notify.setString(2, o.payload());
                        notify.execute();
                    }
                    c.commit();
                    batch.clear();
                }
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                if (!sendFailing) {
                    log.warn("Could not send the fleet's notifications to {} (retrying with backoff): {}",
                            settings.maskedUrl(), e.getMessage());
                    sendFailing = true;
                } else {
                    log.debug("Fleet notifications: still cannot send ({})", e.getMessage());
                }
                sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Waits up to {@code POLL_MS} for outgoing notifications; true if {@code batch} now holds some. */
    private boolean nextBatch(List<Outgoing> batch) throws InterruptedException {
        Outgoing first = outbox.poll(POLL_MS, TimeUnit.MILLISECONDS);
        if (first == null) {
            return false;
        }
        batch.add(first);
        outbox.drainTo(batch, 999);
        return true;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.url(), settings.user(), settings.password().reveal());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!outbox.isEmpty() && System.nanoTime() < deadline) { // a stopping bridge's last events go out
            sleep(10);
        }
        running = false;
        sender.interrupt();
        listener.interrupt(); // a reconnection waiting out its backoff stops at once
        try {
            listener.join(2 * POLL_MS + 1000L);
            sender.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
