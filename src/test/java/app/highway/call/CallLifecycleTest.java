package app.highway.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.config.CallSettings;
import app.highway.event.EventBus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The call's states, its one-winner ending, and events published without holding the call's lock. */
@Tag("unit")
class CallLifecycleTest {

    private static Call newCall(EventBus<CallEvent> bus) {
        return new Call("hw-1", "+15559876543", null, CallSettings.defaults("gpt-realtime"), false, bus,
                Clock.systemUTC());
    }

    @Test
    void theTransitionTableIsExactlyTheLifecycle() {
        Set<CallState> finals = EnumSet.of(CallState.COMPLETED, CallState.BUSY, CallState.NO_ANSWER,
                CallState.FAILED, CallState.CANCELED);
        Set<CallState> fromQueued = EnumSet.of(CallState.RINGING, CallState.IN_PROGRESS, CallState.ENDING);
        fromQueued.addAll(finals);
        Set<CallState> fromRinging = EnumSet.of(CallState.IN_PROGRESS, CallState.ENDING);
        fromRinging.addAll(finals);
        Set<CallState> fromLive = EnumSet.of(CallState.ENDING);
        fromLive.addAll(finals);
        assertEquals(fromQueued, CallState.QUEUED.next());
        assertEquals(fromRinging, CallState.RINGING.next());
        assertEquals(fromLive, CallState.IN_PROGRESS.next());
        assertEquals(finals, CallState.ENDING.next(), "ending only ever ends: never back to in-progress");
        for (CallState f : finals) {
            assertTrue(f.isFinal() && f.isOver());
            assertEquals(Set.of(), f.next(), f + " is final");
        }
        for (CallState from : CallState.values()) {
            for (CallState to : CallState.values()) {
                assertEquals(from.next().contains(to), from.canMoveTo(to), from + " -> " + to);
            }
            assertFalse(from.canMoveTo(from), "no repeated move " + from);
        }
        assertTrue(CallState.ENDING.isOver() && !CallState.ENDING.isFinal());
        assertEquals(Optional.of(CallState.ENDING), CallState.fromTwilio("ending"), "the stored word reads back");
    }

    @Test
    void exactlyOneCallerEndsACallWhenManyTryAtOnce() throws Exception {
        Call call = newCall(new EventBus<>());
        call.placed("CA1");
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Optional<Call.Ending>>> tickets = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String reason = "reason-" + i;
            tickets.add(pool.submit(() -> {
                start.await();
                return call.beginEnding(reason);
            }));
        }
        int winners = 0;
        for (Future<Optional<Call.Ending>> t : tickets) {
            Optional<Call.Ending> ticket = t.get(5, TimeUnit.SECONDS);
            if (ticket.isPresent()) {
                winners++;
                assertEquals(Optional.of("CA1"), ticket.get().callSid());
            }
        }
        pool.shutdown();
        assertEquals(1, winners);
        assertEquals(CallState.ENDING, call.state());
        assertTrue(call.isOver() && !call.isEnded());
        assertFalse(call.moveTo(CallState.IN_PROGRESS), "a stream cannot bring an ending call back");
        assertTrue(call.moveTo(CallState.CANCELED));
        assertTrue(call.beginEnding("late").isEmpty(), "an ended call is not ended again");
    }

    @Test
    void aCallEndedBeforeTwilioAnsweredTellsThePlacerToCancelIt() {
        Call call = newCall(new EventBus<>());
        Call.Ending ticket = call.beginEnding(EndReason.OPERATOR_HUNG_UP).orElseThrow();
        assertTrue(ticket.callSid().isEmpty(), "nobody knows the CallSid yet");
        assertFalse(call.placed("CA9"), "the placer learns it must cancel");
        assertEquals(Optional.of("CA9"), call.callSid(), "the CallSid is still recorded");
        assertEquals(Optional.of(EndReason.OPERATOR_HUNG_UP), call.endReason());
    }

    /**
     * A subscriber that takes another lock, while a thread holding that lock reads the call: with
     * events published under the call's monitor this deadlocks (each holds what the other waits for).
     */
    @Test
    void aSubscriberTakingAnotherLockCannotDeadlockTheCall() throws Exception {
        EventBus<CallEvent> bus = new EventBus<>();
        ReentrantLock panelLock = new ReentrantLock();
        CountDownLatch inSubscriber = new CountDownLatch(1);
        CountDownLatch readerHasLock = new CountDownLatch(1);
        List<Boolean> subscriberGotLock = new ArrayList<>();
        bus.subscribe(e -> {
            if (e instanceof CallEvent.CallProblem) {
                inSubscriber.countDown();
                try {
                    readerHasLock.await(5, TimeUnit.SECONDS);
                    boolean got = panelLock.tryLock(3, TimeUnit.SECONDS);
                    subscriberGotLock.add(got);
                    if (got) {
                        panelLock.unlock();
                    }
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        Call call = newCall(bus);

        CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> call.problem("the model hiccuped"));
        assertTrue(inSubscriber.await(5, TimeUnit.SECONDS));
        CompletableFuture<CallSnapshot> reader = CompletableFuture.supplyAsync(() -> {
            panelLock.lock();
            try {
                readerHasLock.countDown();
                return call.snapshot(); // needs the call's monitor while holding the panel's lock
            } finally {
                panelLock.unlock();
            }
        });
        CallSnapshot seen = reader.get(2, TimeUnit.SECONDS); // times out if the publisher holds the monitor
        publisher.get(5, TimeUnit.SECONDS);
        assertTrue(seen.timeline().stream().anyMatch(t -> t.detail().contains("hiccuped")));
        assertEquals(List.of(true), subscriberGotLock);
    }

    @Test
    void eventsOfOneCallArriveInTheOrderTheyHappenedAcrossThreads() throws Exception {
        EventBus<CallEvent> bus = new EventBus<>();
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        bus.subscribe(e -> {
            if (e instanceof CallEvent.CallProblem p) {
                seen.add(p.message());
            }
        });
        Call call = newCall(bus);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CyclicBarrier start = new CyclicBarrier(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 200; i++) {
                    call.problem(thread + ":" + i);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();
        List<String> order = call.snapshot().timeline().stream().filter(t -> t.kind().equals("problem"))
                .map(TimelineEntry::detail).toList(); // the order the changes were made in
        assertEquals(800, order.size());
        assertEquals(order, seen);
    }
}
