package app.highway.support;

import app.highway.call.CallEvent;
import app.highway.call.CallSnapshot;
import app.highway.stream.ConnectionState;
import app.highway.stream.StreamListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Everything an event-stream client handed its console, in order, with waits that fail with what was seen. */
public final class StreamRecorder implements StreamListener {
    public record Received(long seq, CallEvent event) { }

    public record Snapshot(long seq, List<CallSnapshot> calls) { }

    private final List<Received> events = new ArrayList<>();
    private final List<Snapshot> snapshots = new ArrayList<>();
    private final List<ConnectionState> states = new ArrayList<>();
    private final List<List<String>> settingsChanges = new ArrayList<>();
    private int concurrentCalls;
    private boolean overlapped;

    @Override
    public void onSnapshot(long seq, List<CallSnapshot> calls) {
        enter();
        synchronized (this) {
            snapshots.add(new Snapshot(seq, calls));
            notifyAll();
        }
        leave();
    }

    @Override
    public void onEvent(long seq, CallEvent event) {
        enter();
        synchronized (this) {
            events.add(new Received(seq, event));
            notifyAll();
        }
        leave();
    }

    @Override
    public void onState(ConnectionState state) {
        enter();
        synchronized (this) {
            states.add(state);
            notifyAll();
        }
        leave();
    }

    @Override
    public void onSettingsChanged(List<String> what) {
        enter();
        synchronized (this) {
            settingsChanges.add(List.copyOf(what));
            notifyAll();
        }
        leave();
    }

    /** Every {@code settings_changed} the bridge sent, in order: what changed. */
    public synchronized List<List<String>> settingsChanges() {
        return List.copyOf(settingsChanges);
    }

    private synchronized void enter() {
        if (++concurrentCalls > 1) {
            overlapped = true;
        }
    }

    private synchronized void leave() {
        concurrentCalls--;
    }

    /** True if the client ever called this listener from two threads at once (it must not). */
    public synchronized boolean overlapped() {
        return overlapped;
    }

    public synchronized List<Received> events() {
        return List.copyOf(events);
    }

    public synchronized List<Received> eventsOf(String callId) {
        return events.stream().filter(r -> callId.equals(r.event().callId())).toList();
    }

    public synchronized List<Snapshot> snapshots() {
        return List.copyOf(snapshots);
    }

    public synchronized List<ConnectionState> states() {
        return List.copyOf(states);
    }

    public synchronized ConnectionState state() {
        return states.isEmpty() ? null : states.get(states.size() - 1);
    }

    /** Waits for the first event (from the start) that is a {@code kind} and passes {@code test}. */
    public <T extends CallEvent> T awaitEvent(Class<T> kind, Predicate<T> test, Duration timeout)
            throws InterruptedException {
        return kind.cast(await(() -> events.stream().map(Received::event)
                .filter(e -> kind.isInstance(e) && test.test(kind.cast(e))).findFirst().orElse(null),
                timeout, "a " + kind.getSimpleName()));
    }

    /** Waits until at least {@code n} events passing {@code test} have arrived. */
    public List<Received> awaitEvents(Predicate<CallEvent> test, int n, Duration timeout) throws InterruptedException {
        return await(() -> {
            List<Received> found = events.stream().filter(r -> test.test(r.event())).toList();
            return found.size() >= n ? found : null;
        }, timeout, n + " matching events");
    }

    public Snapshot awaitSnapshot(int count, Duration timeout) throws InterruptedException {
        return await(() -> snapshots.size() >= count ? snapshots.get(count - 1) : null, timeout,
                count + " snapshot(s)");
    }

    /** Waits for a state of this kind reported after the first {@code after} states. */
    public <T extends ConnectionState> T awaitState(Class<T> kind, int after, Duration timeout)
            throws InterruptedException {
        return kind.cast(await(() -> states.stream().skip(after).filter(kind::isInstance).findFirst().orElse(null),
                timeout, "state " + kind.getSimpleName()));
    }

    public <T extends ConnectionState> T awaitState(Class<T> kind, Duration timeout) throws InterruptedException {
        return awaitState(kind, 0, timeout);
    }

    private synchronized <T> T await(java.util.function.Supplier<T> found, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T result;
        while ((result = found.get()) == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("No " + what + " within " + timeout + "; states " + new ArrayList<>(states)
                        + ", " + events.size() + " events, " + snapshots.size() + " snapshots");
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return result;
    }
}
