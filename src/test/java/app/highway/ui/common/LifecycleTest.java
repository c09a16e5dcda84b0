package app.highway.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The console's hold on its bridge, with a slow start function standing in for the bridge. */
@Tag("unit")
class LifecycleTest {
    /** A service that counts how often it is closed. */
    private static final class Service implements AutoCloseable {
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    private final Lifecycle<Service> lifecycle = new Lifecycle<>("test service");
    private final CountDownLatch mayFinishStarting = new CountDownLatch(1);
    private final Service service = new Service();

    private Service slowStart() {
        try {
            assertTrue(mayFinishStarting.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return service;
    }

    @Test
    void aServiceThatFinishesStartingAfterStopWasAskedIsClosedWhenItArrives() throws Exception {
        CompletableFuture<Service> started = lifecycle.start(this::slowStart);
        CompletableFuture<Void> stopped = lifecycle.stop();
        assertEquals(Lifecycle.State.STOPPING, lifecycle.state());
        assertFalse(stopped.isDone(), "not stopped while the service is still on its way");

        mayFinishStarting.countDown();
        stopped.get(10, TimeUnit.SECONDS);
        assertEquals(1, service.closes.get(), "the late service is closed");
        assertEquals(Lifecycle.State.STOPPED, lifecycle.state());
        assertTrue(started.isCompletedExceptionally(), "nobody is handed a service that was already closed");
    }

    @Test
    void aRunningServiceIsClosedOnceHoweverOftenStopIsAsked() throws Exception {
        mayFinishStarting.countDown();
        assertEquals(service, lifecycle.start(this::slowStart).get(10, TimeUnit.SECONDS));
        assertEquals(Lifecycle.State.RUNNING, lifecycle.state());
        lifecycle.stop().get(10, TimeUnit.SECONDS);
        lifecycle.stop().get(10, TimeUnit.SECONDS);
        assertEquals(1, service.closes.get());
    }

    @Test
    void closingRunsOffTheCallersThread() throws Exception {
        Thread caller = Thread.currentThread();
        AtomicInteger closedOnCaller = new AtomicInteger();
        Lifecycle<AutoCloseable> l = new Lifecycle<>("probe");
        l.start(() -> () -> {
            if (Thread.currentThread() == caller) {
                closedOnCaller.incrementAndGet();
            }
        }).get(10, TimeUnit.SECONDS);
        l.stop().get(10, TimeUnit.SECONDS);
        assertEquals(0, closedOnCaller.get());
    }

    @Test
    void aStartThatFailsLeavesNothingToStop() throws Exception {
        CompletableFuture<Service> started = lifecycle.start(() -> {
            throw new IllegalStateException("port in use");
        });
        assertThrows(ExecutionException.class, () -> started.get(10, TimeUnit.SECONDS));
        assertEquals(Lifecycle.State.FAILED, lifecycle.state());
        lifecycle.stop().get(10, TimeUnit.SECONDS);
        assertEquals(Lifecycle.State.STOPPED, lifecycle.state());
    }

    @Test
    void stopBeforeStartIsImmediate() throws Exception {
        lifecycle.stop().get(1, TimeUnit.SECONDS);
        assertEquals(Lifecycle.State.STOPPED, lifecycle.state());
    }
}
