package app.highway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.highway.call.Call;
import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.call.EndReason;
import app.highway.call.Speaker;
import app.highway.call.TimelineEntry;
import app.highway.config.CallSettings;
import app.highway.config.Json;
import app.highway.event.EventBus;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A write whose commit fails (disk full, a lock held too long) is retried by the writer with the
 * call's latest record. After the retry the history must hold every transcript line and every
 * timeline row exactly once: nothing rolled back may be taken as already stored. Each database runs
 * it in a subclass ({@link SqliteFailedCommitTest}, {@link PostgresFailedCommitTest}).
 */
abstract class FailedCommitContract {
    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");
    private TestDatabase db;
    private SqlCallStore store;
    /** How many of the writer's next commits fail. */
    private final AtomicInteger failingCommits = new AtomicInteger();

    abstract TestDatabase newDatabase();

    @BeforeEach
    void open() {
        db = newDatabase();
        StoreConnections connections = db.connect();
        store = new SqlCallStore(new StoreConnections(failingOnCommit(connections.writer()), connections.reader(),
                connections.closer()), "bridge-a", Json.mapper());
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
        if (db != null) {
            db.close();
        }
    }

    /** The writer pool, except that a commit fails (and changes nothing) while failures are armed. */
    private DataSource failingOnCommit(DataSource real) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(real, args);
                        return method.getName().equals("getConnection") ? failingOnCommit((Connection) result) : result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private Connection failingOnCommit(Connection real) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("commit") && failingCommits.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new SQLException("disk I/O error (injected)");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Call liveCall(String id) {
        Call c = new Call(id, "+15550001234", "note", CallSettings.defaults("gpt-realtime"), false, new EventBus<>(),
                Clock.fixed(T, ZoneOffset.UTC));
        c.placed("CA" + id);
        c.moveTo(CallState.RINGING);
        c.moveTo(CallState.IN_PROGRESS);
        c.transcriptFinal("a1", Speaker.ASSISTANT, "Hello, this is the bank.");
        return c;
    }

    private void assertStoredExactly(CallSnapshot expected) {
        CallSnapshot stored = store.find(expected.id()).orElseThrow();
        assertEquals(expected.transcript().stream().map(l -> l.speaker() + ": " + l.text()).toList(),
                stored.transcript().stream().map(l -> l.speaker() + ": " + l.text()).toList(),
                "every transcript line of " + expected.id() + " once, in order");
        assertEquals(expected.timeline(), stored.timeline(), "every timeline row of " + expected.id() + " once, in order");
        assertEquals(expected.turnLatency(), stored.turnLatency(), "every turn of " + expected.id() + " once, in order");
    }

    @Test
    void aBatchRetriedAfterAFailedCommitStoresEveryLineTimelineRowAndTurnOnce() {
        Call known = liveCall("hw-0001");
        store.save(List.of(known.redactedSnapshot())); // stored before: the store knows what it has of it
        known.transcriptFinal("c1", Speaker.CALLER, "Yes, speaking.");
        known.toolCalled("verify", "{}");
        known.turnMeasured(640);
        Call fresh = liveCall("hw-0002");
        fresh.turnMeasured(410);

        failingCommits.set(1);
        assertThrows(StoreException.class,
                () -> store.save(List.of(known.redactedSnapshot(), fresh.redactedSnapshot())));

        // the writer retries at its next interval with the calls' latest records
        known.transcriptFinal("a2", Speaker.ASSISTANT, "Thank you.");
        known.turnMeasured(720);
        fresh.note("problem", "the caller went quiet");
        store.save(List.of(known.redactedSnapshot(), fresh.redactedSnapshot()));

        assertStoredExactly(known.redactedSnapshot());
        assertStoredExactly(fresh.redactedSnapshot());
    }

    @Test
    void aFailedMarkEndedDoesNotHideTheNextTimelineRow() {
        Call call = liveCall("hw-0003");
        store.save(List.of(call.redactedSnapshot()));

        failingCommits.set(1);
        assertThrows(StoreException.class, () -> store.markEnded("hw-0003", CallState.COMPLETED,
                EndReason.BRIDGE_RESTARTED, T.plusSeconds(60), "recovered"));

        call.note("problem", "the model stopped answering");
        store.save(List.of(call.redactedSnapshot()));
        assertStoredExactly(call.redactedSnapshot());

        store.markEnded("hw-0003", CallState.COMPLETED, EndReason.BRIDGE_RESTARTED, T.plusSeconds(60), "recovered");
        List<TimelineEntry> timeline = store.find("hw-0003").orElseThrow().timeline();
        assertEquals(call.redactedSnapshot().timeline().size() + 1, timeline.size());
        assertEquals("recovered", timeline.get(timeline.size() - 1).kind());
    }

    @Test
    void aFailedDeleteKeepsTheRecordAndItsRowsAccountedFor() {
        Call call = liveCall("hw-0004");
        call.moveTo(CallState.COMPLETED);
        store.save(List.of(call.redactedSnapshot()));

        failingCommits.set(1);
        assertThrows(StoreException.class, () -> store.delete("hw-0004"));
        assertStoredExactly(call.redactedSnapshot());

        store.save(List.of(call.redactedSnapshot()));
        assertStoredExactly(call.redactedSnapshot());
        assertEquals(true, store.delete("hw-0004"));
        assertEquals(true, store.find("hw-0004").isEmpty());
    }
}
