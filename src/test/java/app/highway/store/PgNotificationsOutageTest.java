package app.highway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.config.DatabaseSettings;
import app.highway.config.Secret;
import app.highway.support.CuttableProxy;
import app.highway.support.StreamConsoles;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A bridge's LISTEN connection behind a network that goes down for a while (a proxy refusing connections):
 * it reconnects with backoff once the network is back, logs the loss once and the recovery once however
 * many attempts failed in between, counts the outage, and tells its owner that notifications may have
 * been missed; it hears notifications again after.
 */
@Tag("e2e")
class PgNotificationsOutageTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void aLostListeningConnectionIsRetriedQuietlyAndReportedOnceWhenBack() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(PgNotifications.class);
        Level level = logger.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        logger.setLevel(Level.DEBUG);
        try (PostgresTestDatabase db = new PostgresTestDatabase()) {
            Matcher at = Pattern.compile("jdbc:postgresql://(localhost|127\\.0\\.0\\.1)(?::(\\d+))?/").matcher(db.url());
            Assumptions.assumeTrue(at.find(), "the proxy can only stand in front of a local server: " + db.url());
            int port = at.group(2) == null ? 5432 : Integer.parseInt(at.group(2));
            db.connect().close(); // migrated, as a bridge leaves it
            try (CuttableProxy network = new CuttableProxy(port)) {
                DatabaseSettings throughProxy = new DatabaseSettings(at.replaceFirst("jdbc:postgresql://127.0.0.1:"
                        + network.port() + "/"), db.user(), Secret.of(db.password()));
                List<String> heard = new CopyOnWriteArrayList<>();
                AtomicInteger caughtUp = new AtomicInteger();
                try (PgNotifications listener = PgNotifications.start(throughProxy, Set.of("t_events"),
                        (channel, payload) -> heard.add(payload), "highway-listen test", caughtUp::incrementAndGet);
                        PgNotifications sender = PgNotifications.start(db.settings(), Set.of("t_other"),
                                (channel, payload) -> { })) {
                    StreamConsoles.await("listening", listener::listening, WAIT);
                    sender.send(List.of(new PgNotifications.Outgoing("t_events", "before")));
                    StreamConsoles.await("heard before the cut", () -> heard.contains("before"), WAIT);

                    network.cutAndStayDown();
                    StreamConsoles.await("the loss noticed", () -> !listener.listening(), WAIT);
                    StreamConsoles.await("several reconnection attempts fail", () -> count(logs, Level.DEBUG,
                            "reconnecting") >= 3, WAIT);
                    sender.send(List.of(new PgNotifications.Outgoing("t_events", "while cut off")));
                    network.restore();
                    StreamConsoles.await("listening again", listener::listening, WAIT);
                    StreamConsoles.await("the owner told to catch up", () -> caughtUp.get() == 1, WAIT);

                    assertEquals(1, listener.outages());
                    assertEquals(1, count(logs, Level.WARN, "Lost the fleet's notification connection"), dump(logs));
                    assertEquals(1, count(logs, Level.INFO, "Listening to the fleet's notifications again"),
                            dump(logs));
                    assertEquals(0, logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)
                            && !e.getFormattedMessage().contains("Lost the fleet's")).count(), dump(logs));
                    sender.send(List.of(new PgNotifications.Outgoing("t_events", "after")));
                    StreamConsoles.await("heard after the outage", () -> heard.contains("after"), WAIT);
                    assertFalse(heard.contains("while cut off"), "PostgreSQL keeps no notification for a listener "
                            + "that was gone: hence the resync");
                    assertTrue(heard.indexOf("before") < heard.indexOf("after"));
                }
            }
        } finally {
            logger.detachAppender(logs);
            logger.setLevel(level);
        }
    }

    private static long count(ListAppender<ILoggingEvent> logs, Level level, String text) {
        return List.copyOf(logs.list).stream().filter(e -> e.getLevel() == level
                && e.getFormattedMessage().contains(text)).count();
    }

    private static String dump(ListAppender<ILoggingEvent> logs) {
        StringBuilder b = new StringBuilder();
        for (ILoggingEvent e : List.copyOf(logs.list)) {
            b.append(e.getLevel()).append(' ').append(e.getFormattedMessage()).append('\n');
        }
        return b.toString();
    }
}
