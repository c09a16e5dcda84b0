package app.highway.store;

import app.highway.config.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * transaction. Both reconnect after a loss, with backoff. Nothing here blocks the caller of {@link #send}.
 *
 * <p>A notification lost while the listening connection was down is not replayed (PostgreSQL does not
 * keep them): consoles of the bridge catch up from the store at their next snapshot.
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

    private PgNotifications(DatabaseSettings settings, Set<String> channels, BiConsumer<String, String> handler,
            String scope) {
        this.scope = scope;
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
        PgNotifications n = new PgNotifications(settings, channels, handler, scope);
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
        long backoff = 100;
        while (running) {
            try (Connection c = connect()) {
                try (Statement s = c.createStatement()) {
                    for (String channel : channels) {
                        s.execute("LISTEN " + channel + scope);
                    }
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                if (backoff > 100) {
                    log.info("Listening to the fleet's notifications again");
                }
                listening = true;
                backoff = 100;
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
                    return;
                }
                log.warn("Lost the fleet's notification connection to {} (reconnecting in {} ms): {}",
                        settings.maskedUrl(), backoff, e.getMessage());
                sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
        listening = false;
    }

    private void sendLoop() {
        long backoff = 100;
        List<Outgoing> batch = new ArrayList<>();
        while (running) {
            try (Connection c = connect();
                    PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                try (Statement s = c.createStatement()) {
                    // a notification is gone once delivered anyway: its transaction need not wait for the disk
                    s.execute("SET synchronous_commit TO OFF");
                }
                c.setAutoCommit(false);
                backoff = 100;
                while (running) {
                    if (batch.isEmpty()) {
                        Outgoing first = outbox.poll(POLL_MS, TimeUnit.MILLISECONDS);
                        if (first == null) {
                            continue;
                        }
                        batch.add(first);
                        outbox.drainTo(batch, 999);
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
                log.warn("Could not send the fleet's notifications to {} (retrying in {} ms): {}",
                        settings.maskedUrl(), backoff, e.getMessage());
                sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            } catch (InterruptedException e) {
                return;
            }
        }
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
        try {
            listener.join(2 * POLL_MS + 1000L);
            sender.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
