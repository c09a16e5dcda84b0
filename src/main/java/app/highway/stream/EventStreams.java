package app.highway.stream;

import app.highway.call.CallEvent;
import app.highway.call.CallSnapshot;
import app.highway.event.EventBus;
import app.highway.team.Actor;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's side of {@code /events}: numbers every call event, keeps the recent ones in a
 * {@link EventJournal}, and sends them to every attached console that may see the call.
 *
 * <p><b>Never in the way of a call.</b> Its subscriber on the bridge's event bus only adds the event
 * to a lock-free queue and, at most once per batch, schedules the stream's own thread (the executor's
 * queue takes a brief lock no one holds for long); numbering, redaction,
 * encoding (once per event, whatever the number of consoles) and the hand-off to the sockets all
 * happen there. Events that arrive together go out together, one WebSocket message per console per
 * batch (at most one batch per {@link Limits#linger}), so that ten consoles cost the relay loop,
 * which writes every socket of the bridge, a few writes per batch and not ten per event. A console
 * whose unwritten events pass {@link Limits#maxBehindBytes} is dropped with
 * {@link CloseCodes#RESYNC}; it reconnects and resumes from the journal. Nothing here blocks.
 *
 * <p><b>Who sees the code.</b> A call's verification code is hidden ({@link Redaction}) in what every
 * stream gets, except the streams of the person who placed the call: they typed it. Events whose text
 * holds the code are encoded twice (hidden, and as spoken); every other event once, whoever watches.
 *
 * <p><b>Consistency.</b> The snapshot a console gets is taken on the stream's thread after every event
 * numbered so far has gone out, so it reflects at least events up to its {@code seq}; an event being
 * published at that very moment may be in it and also follow it (applying a call event twice to the
 * same call changes nothing but its timeline, see the README). Resumed streams get the journal's events
 * exactly: no loss, no repeat.
 *
 * <p><b>Nobody watching costs nothing.</b> While no console is attached, none left in the last
 * {@link Limits#resumeWindow} and the bridge is not in a fleet, events are numbered but not encoded or
 * journaled (a headless bridge that nobody watches keeps no journal in its heap); the first console after
 * that gets a snapshot, as one would after a long absence.
 */
public final class EventStreams implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);
    /** A replay is sent in messages of about this size. */
    private static final int REPLAY_MESSAGE_BYTES = 64 * 1024;
    private static final int OWNER_CACHE = 10_000;

    /**
     * What the bridge supplies.
     *
     * @param liveCalls every live call as a person (their user name) may read it: as the API shows it, the
     *                  verification code hidden, except in the calls that person placed
     * @param placedBy  who placed a call, by its id (empty if unknown); {@link #everyCallTheOwners} until
     *                  calls record it
     * @param redact    a text about a call (its id, the text) with that call's verification code hidden
     */
    public record Sources(Function<String, List<CallSnapshot>> liveCalls, Function<String, Optional<String>> placedBy,
            BiFunction<String, String, String> redact) {

        /** While tokens have no people behind them: every call was placed by the owner. */
        public static Function<String, Optional<String>> everyCallTheOwners() {
            return id -> Optional.of(Actor.OWNER.user());
        }
    }

    /**
     * How much the streams keep and tolerate.
     *
     * @param journalEvents  events kept for resuming (the oldest leave first)
     * @param journalBytes   bytes of encoded events kept for resuming
     * @param maxBehindBytes a console with more live-event bytes than this not yet written to it is dropped
     * @param linger         how long the first event of a batch waits for others (0: not at all)
     * @param heartbeat      how often an idle stream says it is alive (and where the sequence is)
     * @param resumeWindow   how long after the last console left (and after the start, before the first one
     *                       attaches) events are still journaled: a console back within it resumes, one away
     *                       longer gets a snapshot
     */
    public record Limits(int journalEvents, long journalBytes, long maxBehindBytes, Duration linger,
            Duration heartbeat, Duration resumeWindow) {
        /**
         * The bridge's limits; {@code -Dhighway.eventLingerMs} changes the linger and
         * {@code -Dhighway.eventJournalMb} the journal's size (benchmarks), {@code -Dhighway.eventResumeWindowSec}
         * the resume window (tests). The journal is the bridge's
         * largest piece of memory after the JVM itself, so it is 8 MiB: a console back after a short drop
         * resumes from it; one away longer gets a resync and a fresh snapshot, which loses nothing.
         */
        public static Limits defaults() {
            return new Limits(100_000, Long.getLong("highway.eventJournalMb", 8) * 1024 * 1024, 2L * 1024 * 1024,
                    Duration.ofMillis(Long.getLong("highway.eventLingerMs", 5)), Duration.ofSeconds(15),
                    Duration.ofSeconds(Long.getLong("highway.eventResumeWindowSec", 120)));
        }
    }

    /** How a console asks to pick up where it left off: after event {@code after} of bridge {@code bridge}. */
    public record Resume(OptionalLong after, Optional<String> bridge) {
        public static final Resume NONE = new Resume(OptionalLong.empty(), Optional.empty());
    }

    private final String bridgeId = "b-" + UUID.randomUUID().toString().substring(0, 8);
    private final StreamCodec codec;
    private final Sources sources;
    private final Limits limits;
    private final Redaction redaction;
    private final ScheduledExecutorService thread;
    private final AutoCloseable subscription;
    /** An event waiting to be numbered: this bridge's own, or one relayed from {@code bridge} of its fleet. */
    private record Pending(CallEvent event, String bridge, boolean own) { }

    private final Queue<Pending> inbox = new ConcurrentLinkedQueue<>();
    /** This bridge's fleet id (null: on its own) and where its own encoded events go for the others. */
    private volatile String fleetId;
    private volatile Consumer<List<byte[]>> fleetOut;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicInteger attached = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long lastSeq;
    // the stream's thread only:
    private final EventJournal journal;
    private final List<StreamConnection> connections = new ArrayList<>();
    /** Until when (nanoTime) a console could still come back and resume: the journal is kept until then. */
    private long resumableUntil;
    private final Map<String, String> owners = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > OWNER_CACHE;
        }
    };

    private EventStreams(EventBus<CallEvent> events, Sources sources, Limits limits, StreamCodec codec) {
        this.sources = sources;
        this.limits = limits;
        this.codec = codec;
        this.redaction = new Redaction(sources.redact());
        this.journal = new EventJournal(limits.journalEvents(), limits.journalBytes());
        // nothing to resume before the first console: the bridge id is new each start, so no console can resume
        // events numbered before it attached; the first one gets a snapshot
        this.resumableUntil = System.nanoTime();
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "event-streams");
            t.setDaemon(true);
            return t;
        });
        long beat = limits.heartbeat().toMillis();
        thread.scheduleAtFixedRate(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        this.subscription = events.subscribe(this::publish);
    }

    /** Starts serving the events of {@code events}. */
    public static EventStreams start(EventBus<CallEvent> events, Sources sources, Limits limits) {
        return new EventStreams(events, sources, limits, new StreamCodec());
    }

    /** This bridge's id in hellos: a new one each start, so a console never resumes across a restart. */
    public String bridgeId() {
        return bridgeId;
    }

    /** The sequence number of the last event numbered (0 before the first). */
    public long lastSeq() {
        return lastSeq;
    }

    /**
     * Bytes of encoded events kept for resuming, read on the stream's thread (it waits for it: for tests and
     * diagnostics, not for a hot path).
     */
    public long journalBytes() {
        try {
            return thread.submit(journal::bytes).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the journal's size", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the event stream's thread did not answer", e);
        }
    }

    /** Streams open now (consoles attached). */
    public int attached() {
        return attached.get();
    }

    /**
     * Makes this bridge one of a fleet: its events say {@code "bridge":fleetBridgeId}, and each batch of
     * its own encoded events (elements as {@link StreamCodec#event} makes them) is handed to
     * {@code out} on the stream's thread, which must not block (it queues them for the other bridges).
     */
    public void joinFleet(String fleetBridgeId, Consumer<List<byte[]>> out) {
        this.fleetId = fleetBridgeId;
        this.fleetOut = out;
    }

    /**
     * Events of a call held by another bridge of the fleet ({@code bridge}), already redacted there:
     * numbered in this bridge's sequence and sent to its consoles like its own (never sent back out).
     * Any thread; never blocks.
     */
    public void relay(String bridge, List<CallEvent> events) {
        for (CallEvent e : events) {
            inbox.add(new Pending(e, bridge, false));
        }
        wake();
    }

    /** The bus subscriber: queues the event and wakes the stream's thread once per batch. Never blocks. */
    private void publish(CallEvent event) {
        inbox.add(new Pending(event, fleetId, true));
        wake();
    }

    private void wake() {
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                if (limits.linger().isZero()) {
                    thread.execute(this::drain);
                } else {
                    thread.schedule(this::drain, limits.linger().toNanos(), TimeUnit.NANOSECONDS);
                }
            } catch (RejectedExecutionException stopping) {
                inbox.clear();
            }
        }
    }

    /** Numbers, journals and sends everything queued. The stream's thread only. */
    private void drain() {
        drainScheduled.set(false);
        List<EventJournal.Entry> batch = new ArrayList<>();
        Consumer<List<byte[]>> out = fleetOut;
        List<byte[]> ownForFleet = out == null ? List.of() : new ArrayList<>();
        // no console attached and none left recently: nobody can resume, so events are numbered but neither
        // encoded nor kept (a headless bridge nobody watches spends nothing here; its heap holds no journal)
        boolean journaled = !connections.isEmpty() || out != null || System.nanoTime() - resumableUntil < 0;
        Pending p;
        while ((p = inbox.poll()) != null) {
            CallEvent e = p.event();
            if (!journaled) {
                learnOwner(e);
                journal.skip();
                lastSeq = journal.lastSeq();
                updateOwners(e, p.own());
                continue;
            }
            try {
                learnOwner(e);
                long seq = journal.nextSeq();
                // the code hidden for everyone but the person who placed the call (another bridge's events
                // come hidden already: the code never leaves the bridge that holds the call)
                CallEvent hidden = p.own() ? redaction.apply(e) : e;
                EventJournal.Entry entry = new EventJournal.Entry(seq, e.callId(), codec.event(seq, hidden, p.bridge()),
                        hidden == e ? null : codec.event(seq, e, p.bridge()));
                journal.append(entry);
                batch.add(entry);
                lastSeq = seq;
                if (p.own() && out != null) {
                    ownForFleet.add(entry.element());
                }
                updateOwners(e, p.own());
            } catch (RuntimeException failed) {
                log.error("Event stream: could not send a {} event", e.getClass().getSimpleName(), failed);
            }
        }
        if (!batch.isEmpty() && !connections.isEmpty()) {
            fanOut(batch);
        }
        if (!ownForFleet.isEmpty()) {
            try {
                out.accept(ownForFleet);
            } catch (RuntimeException failed) {
                log.error("Event stream: could not hand {} event(s) to the fleet", ownForFleet.size(), failed);
            }
        }
    }

    /** A call's creation is published before the registry holds it: its owner is learnt from the event. */
    private void learnOwner(CallEvent e) {
        if (e instanceof CallEvent.CallCreated created && created.placedBy() != null) {
            owners.put(created.callId(), created.placedBy());
        }
    }

    private void updateOwners(CallEvent e, boolean own) {
        if (e instanceof CallEvent.CallDeleted) {
            owners.remove(e.callId());
        } else if (!own && e instanceof CallEvent.CallCreated created && created.placedBy() != null) {
            owners.put(e.callId(), created.placedBy());
        }
    }

    private void fanOut(List<EventJournal.Entry> batch) {
        byte[] everything = null;
        List<byte[]> elements = new ArrayList<>(batch.size());
        for (StreamConnection c : List.copyOf(connections)) {
            elements.clear();
            boolean shared = true;
            for (EventJournal.Entry entry : batch) {
                String owner = owner(entry.callId());
                if (c.viewer().actor().maySee(owner)) {
                    byte[] element = entry.elementFor(placed(c.viewer(), owner));
                    shared &= element == entry.element();
                    elements.add(element);
                }
            }
            if (elements.isEmpty()) {
                continue;
            }
            byte[] message;
            if (shared && elements.size() == batch.size()) {
                if (everything == null) {
                    everything = StreamCodec.events(elements);
                }
                message = everything;
            } else {
                message = StreamCodec.events(elements);
            }
            long behind = c.pendingBytes();
            if (behind > limits.maxBehindBytes()) {
                log.info("Event stream of {} dropped: {} bytes of events not yet written to it (limit {}); it is "
                        + "told to reconnect and resume", c, behind, limits.maxBehindBytes());
                remove(c);
                c.close(CloseCodes.RESYNC, "resync: too slow; reconnect with ?after=<last seq>");
                continue;
            }
            c.send(message, true);
        }
    }

    private boolean visible(Viewer viewer, String callId) {
        return viewer.actor().maySee(owner(callId));
    }

    /** Did {@code viewer} place the call {@code owner} placed? They typed its code: they see it. */
    private static boolean placed(Viewer viewer, String owner) {
        return owner != null && owner.equals(viewer.actor().user());
    }

    private String owner(String callId) {
        String owner = owners.get(callId);
        if (owner == null) {
            owner = sources.placedBy().apply(callId).orElse(null);
            if (owner != null) {
                owners.put(callId, owner);
            }
        }
        return owner;
    }

    /**
     * Takes over a socket just upgraded for {@code viewer} (whose token the API has checked): hello,
     * then the missed events if {@code resume} can be served, else a snapshot (after a {@code resync} if a
     * resume was asked for), then live events. Any thread.
     */
    public void attach(ServerWebSocket socket, Viewer viewer, Resume resume) {
        StreamConnection c = new StreamConnection(socket, viewer);
        socket.textMessageHandler(text -> log.debug("Event stream of {}: ignored a message from the client", c));
        socket.binaryMessageHandler(data -> log.debug("Event stream of {}: ignored a message from the client", c));
        socket.exceptionHandler(err -> log.debug("Event stream of {}: {}", c, err == null ? "error" : err.getMessage()));
        socket.closeHandler(v -> onStreams(() -> {
            if (remove(c)) {
                log.info("Event stream of {} closed", c);
            }
        }));
        if (!onStreams(() -> open(c, resume))) {
            c.close(CloseCodes.GOING_AWAY, "bridge stopping");
        }
    }

    private void open(StreamConnection c, Resume resume) {
        if (c.isClosed()) {
            return;
        }
        drain(); // everything numbered so far goes out first: the snapshot then reflects at least all of it
        Viewer viewer = c.viewer();
        c.send(codec.hello(bridgeId, viewer.actor()), false);
        boolean sameBridge = resume.bridge().map(bridgeId::equals).orElse(true);
        if (resume.after().isPresent() && sameBridge && journal.canResumeAfter(resume.after().getAsLong())) {
            replay(c, resume.after().getAsLong());
            log.info("Event stream of {} resumed after event {}", c, resume.after().getAsLong());
        } else {
            if (resume.after().isPresent()) {
                String reason = !sameBridge ? "the bridge restarted since" : "events after "
                        + resume.after().getAsLong() + " are no longer kept";
                c.send(codec.resync(reason), false);
                log.info("Event stream of {} asked to resume after event {}, but {}: fresh snapshot", c,
                        resume.after().getAsLong(), reason);
            } else {
                log.info("Event stream of {} opened", c);
            }
            c.send(codec.snapshot(journal.lastSeq(), visibleLiveCalls(viewer)), false);
        }
        connections.add(c);
        attached.set(connections.size());
    }

    private List<CallSnapshot> visibleLiveCalls(Viewer viewer) {
        List<CallSnapshot> visible = new ArrayList<>();
        for (CallSnapshot s : sources.liveCalls().apply(viewer.actor().user())) {
            if (s.placedBy() != null) {
                owners.putIfAbsent(s.id(), s.placedBy()); // another bridge's calls are not in this one's memory
            }
            if (visible(viewer, s.id())) {
                visible.add(s);
            }
        }
        return visible;
    }

    private void replay(StreamConnection c, long after) {
        List<byte[]> chunk = new ArrayList<>();
        int bytes = 0;
        for (EventJournal.Entry e : journal.after(after, id -> visible(c.viewer(), id))) {
            byte[] element = e.elementFor(placed(c.viewer(), owner(e.callId())));
            chunk.add(element);
            bytes += element.length;
            if (bytes >= REPLAY_MESSAGE_BYTES) {
                c.send(StreamCodec.events(chunk), false);
                chunk.clear();
                bytes = 0;
            }
        }
        if (!chunk.isEmpty()) {
            c.send(StreamCodec.events(chunk), false);
        }
    }

    private void heartbeat() {
        try {
            if (!connections.isEmpty()) {
                byte[] beat = codec.heartbeat(journal.lastSeq());
                for (StreamConnection c : connections) {
                    c.send(beat, false);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Event stream heartbeat failed", e);
        }
    }

    /**
     * Tells every attached console that the shared settings named in {@code what} ({@code settings},
     * {@code prompts}, {@code prices}) changed, so that it reads them again. Any thread; never blocks.
     */
    public void settingsChanged(List<String> what) {
        onStreams(() -> {
            if (!connections.isEmpty()) {
                byte[] message = codec.settingsChanged(List.copyOf(what));
                for (StreamConnection c : connections) {
                    c.send(message, false);
                }
            }
        });
    }

    /** How long campaign changes are gathered before the consoles are told (a busy campaign changes often). */
    private static final long CAMPAIGN_BATCH_MS = 200;
    /** Campaigns changed since the consoles were last told, with their owners (the stream's thread only). */
    private final Map<String, String> changedCampaigns = new LinkedHashMap<>();

    /**
     * Tells the consoles that may see campaign {@code id} (supervisors and admins, and its {@code owner}) that it
     * changed, so that they read its progress again; changes within {@value #CAMPAIGN_BATCH_MS} ms go out as one
     * {@code campaigns_changed}. Any thread; never blocks.
     */
    public void campaignChanged(String id, String owner) {
        onStreams(() -> {
            boolean first = changedCampaigns.isEmpty();
            changedCampaigns.put(id, owner == null ? "" : owner);
            if (first) {
                thread.schedule(() -> {
                    try {
                        tellCampaigns();
                    } catch (RuntimeException e) {
                        log.warn("Telling the consoles of campaign changes failed", e);
                    }
                }, CAMPAIGN_BATCH_MS, TimeUnit.MILLISECONDS);
            }
        });
    }

    private void tellCampaigns() {
        Map<String, String> changed = new LinkedHashMap<>(changedCampaigns);
        changedCampaigns.clear();
        for (StreamConnection c : connections) {
            Actor actor = c.viewer().actor();
            List<String> visible = changed.entrySet().stream()
                    .filter(e -> actor.maySupervise() || e.getValue().equals(actor.user()))
                    .map(Map.Entry::getKey).toList();
            if (!visible.isEmpty()) {
                c.send(codec.campaignsChanged(visible), false);
            }
        }
    }

    /**
     * Makes every attached console start over, as after a resume that cannot be served: a {@code resync}
     * saying {@code reason}, a fresh snapshot (everything numbered so far goes out first), and a
     * {@code settings_changed} for all the shared settings. For when this bridge may have missed events
     * of the rest of the fleet (its notifications were cut off). Any thread; never blocks.
     */
    public void resyncAll(String reason) {
        onStreams(() -> {
            drain();
            if (connections.isEmpty()) {
                return;
            }
            byte[] resync = codec.resync(reason);
            byte[] settings = codec.settingsChanged(List.of("settings", "prompts", "prices"));
            for (StreamConnection c : List.copyOf(connections)) {
                c.send(resync, false);
                c.send(codec.snapshot(journal.lastSeq(), visibleLiveCalls(c.viewer())), false);
                c.send(settings, false);
            }
            log.info("Event streams: {} console(s) told to resync ({})", connections.size(), reason);
        });
    }

    /**
     * Closes at once every stream of {@code user} (their person was removed or their role changed), with
     * {@link CloseCodes#REVOKED}: no event is sent on them after this completes. Any thread; completes with
     * how many were closed.
     */
    public CompletableFuture<Integer> closeUser(String user, String reason) {
        return closeWhere(v -> v.actor().user().equals(user), reason);
    }

    /** As {@link #closeUser}, for the streams opened with one token (it was revoked). */
    public CompletableFuture<Integer> closeToken(String tokenId, String reason) {
        return closeWhere(v -> v.tokenId().equals(tokenId), reason);
    }

    private CompletableFuture<Integer> closeWhere(Predicate<Viewer> which, String reason) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        if (!onStreams(() -> {
            int n = 0;
            for (StreamConnection c : List.copyOf(connections)) {
                if (which.test(c.viewer())) {
                    remove(c);
                    c.send(codec.error("revoked", reason), false);
                    c.close(CloseCodes.REVOKED, reason); // the console says why: "access revoked: token revoked"
                    log.info("Event stream of {} closed: {}", c, reason);
                    n++;
                }
            }
            done.complete(n);
        })) {
            done.complete(0);
        }
        return done;
    }

    private boolean remove(StreamConnection c) {
        boolean removed = connections.remove(c);
        attached.set(connections.size());
        if (removed && connections.isEmpty()) {
            resumableUntil = System.nanoTime() + limits.resumeWindow().toNanos(); // it may come back and resume
        }
        return removed;
    }

    /** Runs {@code task} on the stream's thread; false if the streams are closed. */
    private boolean onStreams(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("Event stream task failed", e);
                }
            });
            return true;
        } catch (RejectedExecutionException stopped) {
            return false;
        }
    }

    /** Says goodbye to every console ({@link CloseCodes#GOING_AWAY}: they reconnect) and stops. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            subscription.close();
        } catch (Exception e) {
            log.debug("Unsubscribing the event streams: {}", e.getMessage());
        }
        onStreams(() -> {
            drain(); // the calls' last events (the bridge ends them before this) go out first
            for (StreamConnection c : List.copyOf(connections)) {
                remove(c);
                c.close(CloseCodes.GOING_AWAY, "bridge stopping");
            }
        });
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }
}
