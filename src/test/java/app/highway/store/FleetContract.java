package app.highway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.call.Call;
import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.call.Speaker;
import app.highway.call.TimelineEntry;
import app.highway.config.CallSettings;
import app.highway.event.EventBus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several bridges sharing one database, each a store with its own bridge id and lease on the same
 * database: a restart touches only the restarted bridge's calls; a bridge that stops renewing its
 * lease (what {@code kill -9} leaves) has its live calls ended by exactly one survivor once the lease
 * has run out, with an end reason naming it; and what two bridges write at once is stored exactly
 * once. Time is a clock the test moves; leases are renewed by hand.
 */
abstract class FleetContract {
    /** Longer than any test: the tests renew by hand. */
    private static final Duration HEARTBEAT = Duration.ofHours(1);
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
    private final TestClock clock = new TestClock(T0);
    private final CarrierStatus twilio = new CarrierStatus();
    private final List<Member> members = new ArrayList<>();
    private TestDatabase db;

    abstract TestDatabase newDatabase();

    /** One bridge of the fleet: its store, its lease, and its two recoveries. */
    private final class Member {
        final SqlCallStore store;
        final BridgeLease lease;
        final CrashRecovery restart;
        final LostBridgeRecovery lostBridges;
        boolean gone;

        Member(String id, String host) {
            store = db.open(id);
            try {
                lease = BridgeLease.start(store.leases(), new BridgeLease.Holder(id, host, "https://" + host), HEARTBEAT,
                        LEASE, clock);
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
            restart = new CrashRecovery(store, twilio, clock);
            lostBridges = new LostBridgeRecovery(store, store.leases(), twilio, id, LEASE, clock);
            members.add(this);
        }

        /** {@code kill -9}: no more renewals, no release, nothing more written. */
        void kill() {
            lease.abandon();
            store.close();
            gone = true;
        }

        void stop() {
            if (!gone) {
                lease.close();
                store.close();
                gone = true;
            }
        }
    }

    @BeforeEach
    void open() {
        db = newDatabase();
    }

    @AfterEach
    void close() {
        members.forEach(Member::stop);
        if (db != null) {
            db.close();
        }
    }

    private Call liveCall(String id) {
        Call c = new Call(id, "+15550001234", null, CallSettings.defaults("gpt-realtime"), false, new EventBus<>(),
                Clock.fixed(clock.instant(), ZoneOffset.UTC));
        c.protectCode("4821");
        c.placed("CA" + id);
        c.moveTo(CallState.RINGING);
        c.moveTo(CallState.IN_PROGRESS);
        c.transcriptFinal("a1", Speaker.ASSISTANT, "Hello, your code is 4 8 2 1.");
        return c;
    }

    private CallSnapshot stored(Member reader, String id) {
        return reader.store.find(id).orElseThrow();
    }

    @Test
    void aRestartingBridgeLeavesAnotherBridgesLiveCallAlone() {
        Member a = new Member("bridge-a", "host-a");
        Member b = new Member("bridge-b", "host-b");
        a.store.save(List.of(liveCall("hw-a001").redactedSnapshot()));
        b.store.save(List.of(liveCall("hw-b001").redactedSnapshot()));

        b.kill();
        Member restarted = new Member("bridge-b", "host-b");
        assertEquals(1, restarted.restart.run(), "the restarted bridge recovers its own call");

        assertEquals(CallState.IN_PROGRESS, stored(restarted, "hw-a001").state(), "bridge A's call is still live");
        assertNull(stored(restarted, "hw-a001").endReason());
        assertEquals(List.of("CAhw-b001"), twilio.asked, "Twilio was asked about bridge B's call only");
        assertEquals("bridge_restarted", stored(restarted, "hw-b001").endReason());
        assertEquals(List.of("hw-a001"), a.store.ownUnfinished().stream().map(CallSnapshot::id).toList());
    }

    @Test
    void aBridgeThatStopsRenewingHasItsLiveCallEndedByAnotherAfterItsLease() {
        Member a = new Member("bridge-a", "host-a");
        Member b = new Member("bridge-b", "host-b");
        Call call = liveCall("hw-a001");
        call.transcriptFinal("c1", Speaker.CALLER, "Thanks, got it.");
        a.store.save(List.of(call.redactedSnapshot()));

        clock.advance(Duration.ofSeconds(20));
        a.lease.renew();
        b.lease.renew();
        clock.advance(Duration.ofSeconds(20));
        assertEquals(0, b.lostBridges.run(), "bridge A renewed its lease: its call is left alone");
        assertEquals(CallState.IN_PROGRESS, stored(b, "hw-a001").state());

        a.kill(); // last renewal at T0+20 s: its lease runs until T0+50 s
        clock.advance(Duration.ofSeconds(9));
        assertEquals(0, b.lostBridges.run(), "not before the lease has run out");
        assertTrue(twilio.asked.isEmpty());

        clock.advance(Duration.ofSeconds(2));
        assertEquals(1, b.lostBridges.run());
        CallSnapshot lost = stored(b, "hw-a001");
        assertEquals(CallState.COMPLETED, lost.state(), "ended through Twilio, which still had it up");
        assertEquals("bridge_lost:bridge-a", lost.endReason());
        assertEquals(List.of("CAhw-a001"), twilio.ended);
        TimelineEntry last = lost.timeline().get(lost.timeline().size() - 1);
        assertEquals("recovered", last.kind());
        assertTrue(last.detail().startsWith("bridge bridge-a on host-a stopped renewing its lease (last heartbeat "
                + T0.plusSeconds(20)), last.detail());
        assertTrue(last.detail().endsWith("); bridge bridge-b took over its calls; the call was in-progress, so it was "
                + "ended through Twilio"), last.detail());
        assertEquals(List.of("assistant: Hello, your code is [code].", "caller: Thanks, got it."),
                lost.transcript().stream().map(l -> l.speaker().wire() + ": " + l.text()).toList(),
                "what was recorded before is kept");
        assertEquals(0, b.lostBridges.run(), "nothing is left to end");
    }

    @Test
    void ofTwoSurvivorsExactlyOneEndsALostBridgesCall() {
        Member a = new Member("bridge-a", "host-a");
        Member b = new Member("bridge-b", "host-b");
        Member c = new Member("bridge-c", "host-c");
        a.store.save(List.of(liveCall("hw-a001").redactedSnapshot()));
        a.kill();
        clock.advance(LEASE.plusSeconds(1));

        assertEquals(1, b.lostBridges.run() + c.lostBridges.run());
        assertEquals(List.of("CAhw-a001"), twilio.ended, "Twilio was asked to end it once");
        List<String> kinds = stored(c, "hw-a001").timeline().stream().map(TimelineEntry::kind).toList();
        assertEquals(1, kinds.stream().filter("recovered"::equals).count(), kinds.toString());
        assertEquals("bridge-b", b.store.leases().find("bridge-a").orElseThrow().takenOverBy());
    }

    @Test
    void aTakeOverWhoseBridgeDiesRunsOutAndAnotherSurvivorEndsTheCall() {
        Member a = new Member("bridge-a", "host-a");
        Member b = new Member("bridge-b", "host-b");
        Member c = new Member("bridge-c", "host-c");
        a.store.save(List.of(liveCall("hw-a001").redactedSnapshot()));
        a.kill();
        clock.advance(LEASE.plusSeconds(1));
        BridgeRecord expired = b.store.leases().expiredWithLiveCalls(clock.instant(), "bridge-b").get(0);
        assertTrue(b.store.leases().takeOver(expired, "bridge-b", clock.instant(), LEASE));
        b.kill(); // died right after taking bridge A's lease over, before ending its call

        assertEquals(0, c.lostBridges.run(), "bridge B's take-over holds for a lease");
        clock.advance(LEASE.plusSeconds(1));
        assertEquals(1, c.lostBridges.run());
        assertEquals("bridge_lost:bridge-a", stored(c, "hw-a001").endReason());
    }

    @Test
    void aBridgeCutOffPastItsLeaseDoesNotReviveTheCallsEndedForIt() {
        Member a = new Member("bridge-a", "host-a");
        Member b = new Member("bridge-b", "host-b");
        Call call = liveCall("hw-a001");
        a.store.save(List.of(call.redactedSnapshot()));
        clock.advance(LEASE.plusSeconds(1)); // bridge A is paused (or cut off from the database), not dead
        assertEquals(1, b.lostBridges.run());
        CallSnapshot ended = stored(b, "hw-a001");

        call.transcriptFinal("c1", Speaker.CALLER, "Hello?");
        a.store.save(List.of(call.redactedSnapshot())); // bridge A comes back and writes its live call
        assertEquals(ended, stored(b, "hw-a001"), "the call stays as bridge B recorded it");

        a.lease.renew(); // finds its lease taken over, and registers again
        BridgeRecord row = b.store.leases().find("bridge-a").orElseThrow();
        assertNull(row.takenOverBy());
        assertEquals(clock.instant().plus(LEASE), row.leaseExpiresAt());
        assertEquals(0, b.lostBridges.run(), "bridge A holds a lease again");
    }

    @Test
    void theSameIdOnAnotherHostIsRefusedWhileItsLeaseRuns() {
        Member a = new Member("bridge-a", "host-a");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new Member("bridge-a", "host-x"));
        assertTrue(refused.getMessage().contains("in use by a running bridge on host-a")
                && refused.getMessage().contains("HIGHWAY_BRIDGE_ID"), refused.getMessage());

        a.kill();
        clock.advance(LEASE.plusSeconds(1));
        Member moved = new Member("bridge-a", "host-x"); // the same bridge, restarted elsewhere
        assertEquals("host-x", moved.store.leases().find("bridge-a").orElseThrow().host());
    }

    @Test
    void aCleanStopReleasesTheLeaseSoACallItLeftLiveIsEndedAtOnce() {
        Member a = new Member("bridge-a", "host-a");
        Member b = new Member("bridge-b", "host-b");
        a.store.save(List.of(liveCall("hw-a001").redactedSnapshot())); // its end was never written
        a.stop();
        clock.advance(Duration.ofMillis(1));
        assertEquals(1, b.lostBridges.run());
        assertEquals("bridge_lost:bridge-a", stored(b, "hw-a001").endReason());
    }

    @Test
    void twoBridgesWritingAtOnceStoreEveryTranscriptLineAndTimelineRowOnce() throws Exception {
        Member a = new Member("bridge-a", "host-a");
        Member b = new Member("bridge-b", "host-b");
        List<Call> callsA = new ArrayList<>();
        List<Call> callsB = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            callsA.add(liveCall(String.format("hw-a%03d", i)));
            callsB.add(liveCall(String.format("hw-b%03d", i)));
        }
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<?> writingA = two.submit(() -> write(a, callsA));
            Future<?> writingB = two.submit(() -> write(b, callsB));
            writingA.get();
            writingB.get();
        } finally {
            two.shutdownNow();
        }
        for (Call c : concat(callsA, callsB)) {
            CallSnapshot expected = c.redactedSnapshot();
            CallSnapshot stored = stored(a, c.id());
            assertEquals(expected.transcript().stream().map(l -> l.speaker() + ": " + l.text()).toList(),
                    stored.transcript().stream().map(l -> l.speaker() + ": " + l.text()).toList(), c.id());
            assertEquals(expected.timeline(), stored.timeline(), c.id());
        }
        assertEquals(callsA.stream().map(Call::id).toList(),
                a.store.ownUnfinished().stream().map(CallSnapshot::id).sorted().toList(), "each call is its bridge's");
        assertEquals(callsB.stream().map(Call::id).toList(),
                b.store.ownUnfinished().stream().map(CallSnapshot::id).sorted().toList());
    }

    /** Twelve rounds of one more transcript line and timeline row per call, each round one batch. */
    private static void write(Member bridge, List<Call> calls) {
        for (int round = 0; round < 12; round++) {
            for (Call c : calls) {
                c.transcriptFinal("c" + round, Speaker.CALLER, "line " + round);
                c.note("problem", "round " + round);
            }
            bridge.store.save(calls.stream().map(Call::redactedSnapshot).toList());
        }
    }

    private static List<Call> concat(List<Call> first, List<Call> second) {
        List<Call> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
