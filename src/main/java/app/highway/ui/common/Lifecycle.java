package app.highway.ui.common;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns one service (the embedded bridge) through starting, running and stopping, whichever order the
 * window and the start come in. A service that finishes starting after {@link #stop()} was asked is
 * closed as soon as it arrives, so nothing it opened (a port, a database) outlives the console.
 * Starting and closing run on threads of their own, never the caller's (the FX thread): both touch
 * the disk and the network. Those threads are not daemons, so the process waits for them to finish
 * and then exits.
 */
public final class Lifecycle<T extends AutoCloseable> {
    private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);

    /** Where the service is; only the transitions below happen. */
    public enum State {
        /** Not started. */
        NEW,
        /** The start function is running. */
        STARTING,
        /** Started and not asked to stop. */
        RUNNING,
        /** Asked to stop: closing it, or waiting for it to arrive and then closing it. */
        STOPPING,
        /** Closed (or never started, or failed to start). */
        STOPPED,
        /** The start function failed and stop was not asked yet. */
        FAILED
    }

    private final String name;
    private final CompletableFuture<T> started = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private State state = State.NEW;
    private T service;

    public Lifecycle(String name) {
        this.name = name;
    }

    /**
     * Runs {@code starter} on a thread named {@code <name>-start}. The future completes with the
     * service once it runs, exceptionally if it failed, and is cancelled if stop came first.
     */
    public CompletableFuture<T> start(Supplier<T> starter) {
        synchronized (this) {
            if (state != State.NEW) {
                throw new IllegalStateException(name + " already " + state);
            }
            state = State.STARTING;
        }
        Thread thread = new Thread(() -> arrive(starter), name + "-start");
        thread.start();
        return started;
    }

    private void arrive(Supplier<T> starter) {
        T s;
        try {
            s = starter.get();
        } catch (RuntimeException | Error e) {
            boolean stopAsked;
            synchronized (this) {
                stopAsked = state == State.STOPPING;
                state = stopAsked ? State.STOPPED : State.FAILED;
            }
            started.completeExceptionally(e);
            if (stopAsked) {
                stopped.complete(null);
            }
            return;
        }
        boolean keep;
        synchronized (this) {
            keep = state == State.STARTING;
            if (keep) {
                service = s;
                state = State.RUNNING;
            }
        }
        if (keep) {
            started.complete(s);
            return;
        }
        log.info("The {} finished starting after the console closed: stopping it", name);
        started.completeExceptionally(new CancellationException(name + " stopped while starting"));
        close(s);
    }

    /**
     * Asks the service to stop: a running one is closed on a thread named {@code <name>-stop}, one
     * still starting is closed when it arrives. The future completes once nothing is left open;
     * calling this again returns the same future.
     */
    public CompletableFuture<Void> stop() {
        T toClose = null;
        synchronized (this) {
            switch (state) {
                case NEW, FAILED -> {
                    state = State.STOPPED;
                    stopped.complete(null);
                }
                case STARTING -> state = State.STOPPING;
                case RUNNING -> {
                    state = State.STOPPING;
                    toClose = service;
                    service = null;
                }
                default -> {
                    // already stopping or stopped
                }
            }
        }
        if (toClose != null) {
            T s = toClose;
            new Thread(() -> close(s), name + "-stop").start();
        }
        return stopped;
    }

    private void close(T s) {
        try {
            s.close();
        } catch (Exception e) {
            log.warn("Stopping the {}: {}", name, e.toString());
        } finally {
            synchronized (this) {
                state = State.STOPPED;
            }
            stopped.complete(null);
        }
    }

    public synchronized State state() {
        return state;
    }
}
