package app.highway.remote;

import app.highway.call.CallEvent;
import app.highway.call.CallSnapshot;
import app.highway.config.Secret;
import app.highway.stream.ConnectionState;
import app.highway.stream.EventStreamClient;
import app.highway.stream.StreamListener;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bridge's live calls as a console follows them: over the bridge's {@code /events} stream, with a token,
 * kept in memory from the stream's snapshot and events ({@link CallMirror}), so that reading a call's snapshot
 * never touches the network. The one code path by which every console sees live calls: a remote console
 * follows a bridge elsewhere, the embedded console its own bridge over loopback, with the same stream
 * client, the same mirror and the same rules (what the token's person may see, the verification code
 * hidden from everyone but the person who placed the call).
 *
 * <p>Threads: the stream client's (snapshots, events, connection states, one at a time; subscribers and
 * watchers run there and must not block) and one thread of its own for the reads of whole call records
 * ({@code records}: the API over the network, or the bridge's memory), which may block.
 */
public final class LiveCalls implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveCalls.class);

    private final URI bridge;
    private final Function<String, Optional<CallSnapshot>> records;
    private final Runnable reconnected;
    private final Map<String, CallSnapshot> live = new ConcurrentHashMap<>();
    private final List<Consumer<? super CallEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final List<Consumer<ConnectionState>> watchers = new CopyOnWriteArrayList<>();
    private final List<Runnable> settingsWatchers = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<String>>> campaignWatchers = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstSnapshot = new CountDownLatch(1);
    private final Secret token;
    private final EventStreamClient.Options options;
    private final ExecutorService fetches;
    /** Made by {@link #start}; guarded by this. */
    private EventStreamClient stream;
    private boolean closed;
    private volatile ConnectionState state;
    private volatile boolean everConnected;

    /**
     * Follows the bridge at {@code bridge} with {@code token} once {@link #start}ed. {@code records} reads a
     * call's whole record (its settings, model and note, which its creation event does not carry; a call that
     * ended while the console was away) and may block; {@code reconnected} runs (on this object's own thread)
     * after every reconnection but the first, and whenever the stream says the shared settings changed (what the
     * console holds besides live calls may then be stale).
     */
    public LiveCalls(URI bridge, Secret token, Function<String, Optional<CallSnapshot>> records,
            Runnable reconnected, EventStreamClient.Options options) {
        this.bridge = bridge;
        this.records = records;
        this.reconnected = reconnected;
        this.state = new ConnectionState.Connecting(bridge.toString());
        this.fetches = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "live-calls");
            t.setDaemon(true);
            return t;
        });
        this.token = token;
        this.options = options;
    }

    /** Connects (once). */
    public synchronized void start() {
        if (stream == null && !closed) {
            stream = new EventStreamClient(bridge, token, new Follower(), options);
            stream.start();
        }
    }

    /**
     * Waits until the first snapshot has arrived (at most {@code timeout}): from then on, every live call
     * is here and every later event reaches the subscribers. False if it has not come in time.
     */
    public boolean awaitFirstSnapshot(Duration timeout) throws InterruptedException {
        return firstSnapshot.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The bridge followed. */
    public URI bridge() {
        return bridge;
    }

    /** A live call (or one ended recently) as the console holds it now; reads memory only. */
    public Optional<CallSnapshot> snapshot(String id) {
        return Optional.ofNullable(live.get(id));
    }

    /**
     * Tells {@code subscriber} every call event from now on, once the console's copy of the call reflects it
     * (on the stream's thread: it must not block). Closing the answer stops it.
     */
    public AutoCloseable subscribe(Consumer<? super CallEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public ConnectionState state() {
        return state;
    }

    /**
     * Tells {@code watcher} the connection's state now and at every change (on the stream's thread: it must
     * not block). Closing the answer stops it.
     */
    public AutoCloseable watch(Consumer<ConnectionState> watcher) {
        watchers.add(watcher);
        watcher.accept(state);
        return () -> watchers.remove(watcher);
    }

    /**
     * Runs {@code watcher} (on this object's own thread, after {@code reconnected} read them again: it must not
     * block) whenever the shared settings, prices or system-message versions may have changed: the stream said so,
     * or it reconnected. Closing the answer stops it.
     */
    public AutoCloseable watchSettings(Runnable watcher) {
        settingsWatchers.add(watcher);
        return () -> settingsWatchers.remove(watcher);
    }

    /**
     * Tells {@code watcher} the ids of campaigns that changed (their state or a row's) as the bridge says so
     * ({@code campaigns_changed}), and an empty list after a reconnection (any of them may have changed). It runs
     * on this object's own thread and must not block; closing the answer stops it.
     */
    public AutoCloseable watchCampaigns(Consumer<List<String>> watcher) {
        campaignWatchers.add(watcher);
        return () -> campaignWatchers.remove(watcher);
    }

    private void campaignsChanged(List<String> ids) {
        for (Consumer<List<String>> w : campaignWatchers) {
            try {
                w.accept(ids);
            } catch (RuntimeException e) {
                log.warn("A campaign watcher failed: {}", e.toString());
            }
        }
    }

    private void storesStale() {
        reconnected.run();
        for (Runnable w : settingsWatchers) {
            try {
                w.run();
            } catch (RuntimeException e) {
                log.warn("A settings watcher failed: {}", e.toString());
            }
        }
    }

    private void publish(CallEvent event) {
        for (Consumer<? super CallEvent> s : subscribers) {
            try {
                s.accept(event);
            } catch (RuntimeException e) {
                log.warn("A console subscriber failed on {}: {}", event.getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** Tells the console's views that {@code id} changed: they read its snapshot again. */
    private void touched(String id) {
        CallSnapshot s = live.get(id);
        publish(new CallEvent.SpeakerChanged(id, s == null ? null : s.speaking(), Instant.now()));
    }

    /** The stream's reports: one at a time, never blocking (the record reads run on this object's own thread). */
    final class Follower implements StreamListener {
        @Override
        public void onSnapshot(long seq, List<CallSnapshot> calls) {
            Set<String> before = new HashSet<>();
            live.forEach((id, s) -> {
                if (!s.state().isFinal()) {
                    before.add(id);
                }
            });
            for (CallSnapshot c : calls) {
                live.put(c.id(), c);
                before.remove(c.id());
                touched(c.id());
            }
            // live calls the console held that are no longer live: they ended while it was away
            for (String id : before) {
                fetches.execute(() -> refetch(id));
            }
            firstSnapshot.countDown();
        }

        /**
         * The snapshot reflects at least every event up to its sequence number, and maybe some after it, which
         * then come again: {@link CallMirror#apply} takes an event twice as once, and a creation of a call the
         * snapshot already holds changes nothing.
         */
        @Override
        public void onEvent(long seq, CallEvent event) {
            if (event instanceof CallEvent.CallCreated created) {
                if (live.putIfAbsent(created.callId(), CallMirror.created(created, null)) == null) {
                    fetches.execute(() -> details(created.callId()));
                }
            } else if (event instanceof CallEvent.CallDeleted) {
                live.remove(event.callId());
            } else if (live.computeIfPresent(event.callId(), (id, s) -> CallMirror.apply(s, event)) == null) {
                // a call the console has not heard of (its creation was not sent to it): its record, as it is now
                fetches.execute(() -> refetch(event.callId()));
            }
            publish(event);
        }

        @Override
        public void onCampaignsChanged(List<String> ids) {
            fetches.execute(() -> campaignsChanged(ids));
        }

        @Override
        public void onSettingsChanged(List<String> what) {
            fetches.execute(LiveCalls.this::storesStale); // saved elsewhere: read them again
        }

        @Override
        public void onState(ConnectionState next) {
            state = next;
            if (next instanceof ConnectionState.Connected) {
                if (everConnected) {
                    fetches.execute(LiveCalls.this::storesStale);
                    fetches.execute(() -> campaignsChanged(List.of()));
                }
                everConnected = true;
            }
            for (Consumer<ConnectionState> w : watchers) {
                try {
                    w.accept(next);
                } catch (RuntimeException e) {
                    log.warn("A connection watcher failed: {}", e.toString());
                }
            }
        }
    }

    /** The listener the stream client reports to (tests drive it directly). */
    StreamListener follower() {
        return new Follower();
    }

    /** A new call's settings, model and note, which its creation event does not carry. */
    private void details(String id) {
        try {
            Optional<CallSnapshot> full = records.apply(id);
            full.ifPresent(f -> live.computeIfPresent(id, (k, s) -> CallMirror.withDetails(s, f)));
            touched(id);
        } catch (RuntimeException e) {
            log.debug("Could not read call {}'s details: {}", id, e.getMessage());
        }
    }

    /** A call that ended while the console was away: its record as the bridge keeps it. */
    private void refetch(String id) {
        try {
            Optional<CallSnapshot> full = records.apply(id);
            if (full.isPresent()) {
                live.put(id, full.get());
            } else {
                live.remove(id);
            }
            touched(id);
        } catch (RuntimeException e) {
            log.debug("Could not read call {} again: {}", id, e.getMessage());
        }
    }

    /** Stops following: the stream closes (its client's threads end), pending record reads are dropped. */
    @Override
    public void close() {
        EventStreamClient s;
        synchronized (this) {
            closed = true;
            s = stream;
        }
        if (s != null) {
            s.close();
        }
        fetches.shutdownNow();
    }
}
