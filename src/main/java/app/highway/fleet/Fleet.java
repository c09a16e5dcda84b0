package app.highway.fleet;

import app.highway.call.CallEvent;
import app.highway.config.DatabaseSettings;
import app.highway.config.PromptHistory;
import app.highway.config.SettingsStore;
import app.highway.control.CallControls;
import app.highway.control.CallControls.HangUp;
import app.highway.control.CallPowers;
import app.highway.store.PgNotifications;
import app.highway.store.SqlCallStore;
import app.highway.stream.EventStreams;
import app.highway.stream.StreamCodec;
import app.highway.stream.StreamMessage;
import app.highway.usage.PriceStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import app.highway.call.CallSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This bridge's membership of a fleet on PostgreSQL: sends its own call events to the other bridges and
 * relays theirs into its {@link EventStreams}, so that every console sees every call it may see
 * whichever bridge it is attached to; and lets {@link CallControls} hang up, and {@link CallPowers} steer,
 * calls other bridges hold.
 * The relay's frame path pays nothing: events reach this class from the stream's thread, already
 * encoded, and are queued for the notifying thread.
 */
public final class Fleet implements AutoCloseable {
    static final String EVENTS = "highway_events";
    /** {@code <bridge> <what>}: that bridge saved the shared {@code settings}, {@code prompts} or {@code prices}. */
    static final String SETTINGS = "highway_settings";
    static final List<String> EVERYTHING_SHARED = List.of("settings", "prompts", "prices");
    private static final Logger log = LoggerFactory.getLogger(Fleet.class);

    private final EventStreams streams;
    private final StreamCodec codec = new StreamCodec();
    private final EventFrames outgoing;
    private final EventFrames incoming;
    private final FleetCommands commands;
    private final PgNotifications notifications;
    private final SqlCallStore store;
    private final Clock clock;
    private final String me;
    private final Shared shared;
    /** Reloads and resyncs run here: they read the store, never on the listening thread. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fleet-catch-up");
        t.setDaemon(true);
        return t;
    });

    /** What this bridge shares with the rest of the fleet besides the calls, reloaded when another saves. */
    public record Shared(SettingsStore settings, PromptHistory prompts, PriceStore prices) { }
    /**
     * Calls of other bridges whose end was relayed here: the store may still show them live for the
     * fraction of a second before their bridge writes the end, and a snapshot must not revive them.
     */
    private final Map<String, Boolean> endedElsewhere = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > 10_000;
                }
            });

    private Fleet(DatabaseSettings database, String me, SqlCallStore store, EventStreams streams,
            FleetCommands commands, Shared shared, Clock clock) {
        this.me = me;
        this.shared = shared;
        this.store = store;
        this.clock = clock;
        this.streams = streams;
        this.outgoing = new EventFrames(me);
        this.incoming = new EventFrames(me);
        this.commands = commands;
        this.notifications = PgNotifications.start(database, Set.of(EVENTS, SETTINGS, FleetCommands.COMMANDS,
                FleetCommands.ACKS), this::received, "highway-listen " + me, this::afterOutage);
        commands.connect(notifications);
    }

    /**
     * Joins the fleet of the PostgreSQL database {@code database} as bridge {@code me}: from now on
     * {@code streams} sends this bridge's events to the others and relays theirs, and {@code controls}
     * hangs up other bridges' calls through them; {@code hangUpHere} hangs up a call of this bridge. What
     * is saved in {@code shared} here is announced to the other bridges, and what they save is reloaded
     * here (and the consoles attached here told).
     */
    public static Fleet join(DatabaseSettings database, String me, SqlCallStore store, EventStreams streams,
            CallControls controls, Function<String, HangUp> hangUpHere, ObjectMapper json, Shared shared) {
        FleetCommands commands = new FleetCommands(me, store, hangUpHere, json, Duration.ofSeconds(5));
        Fleet fleet = new Fleet(database, me, store, streams, commands, shared, Clock.systemUTC());
        streams.joinFleet(me, fleet::publish);
        controls.joinFleet(commands);
        shared.settings().onSaved(() -> fleet.announceSaved("settings"));
        shared.prompts().onSaved(() -> fleet.announceSaved("prompts"));
        shared.prices().onSaved(() -> fleet.announceSaved("prices"));
        log.info("Bridge {} joined the fleet on {}: call events, hang-ups, powers and settings shared through LISTEN/NOTIFY",
                me, database.maskedUrl());
        return fleet;
    }

    /**
     * Lets the other bridges use the supervisor's powers (whisper, say, mute, unmute, transfer) on this bridge's
     * calls, as they hang them up: they decide who may and audit it, {@code powers} acts here.
     */
    public void servePowers(CallPowers powers) {
        commands.servePowers(powers);
    }

    /** Times this bridge lost its notifications from the fleet (and made its consoles resync after). */
    public long listenOutages() {
        return notifications.outages();
    }

    private void announceSaved(String what) {
        notifications.send(List.of(new PgNotifications.Outgoing(SETTINGS, me + " " + what)));
    }

    /** Another bridge saved {@code what}: read it again, then tell the consoles attached here. */
    private void savedElsewhere(String payload) {
        String[] parts = payload.split(" ", 2);
        if (parts.length != 2 || parts[0].equals(me) || !EVERYTHING_SHARED.contains(parts[1])) {
            return;
        }
        String what = parts[1];
        worker.execute(() -> {
            try {
                reload(what);
                streams.settingsChanged(List.of(what));
                log.info("Bridge {} saved the shared {}: read again, consoles attached here told", parts[0], what);
            } catch (RuntimeException e) {
                log.warn("Could not read the {} bridge {} saved: {}", what, parts[0], e.getMessage());
            }
        });
    }

    private void reload(String what) {
        switch (what) {
            case "settings" -> shared.settings().reload();
            case "prompts" -> shared.prompts().reload();
            case "prices" -> shared.prices().reload();
            default -> throw new IllegalArgumentException(what);
        }
    }

    /**
     * The listening connection is back after a loss: whatever the other bridges sent meanwhile was missed,
     * so the shared settings are read again and every console attached here starts over from the store.
     */
    private void afterOutage() {
        worker.execute(() -> {
            for (String what : EVERYTHING_SHARED) {
                try {
                    reload(what);
                } catch (RuntimeException e) {
                    log.warn("Could not read the shared {} again: {}", what, e.getMessage());
                }
            }
            streams.resyncAll("this bridge was cut off from the other bridges' events for a moment");
        });
    }

    /**
     * The live calls of the other live bridges, as last written to the store: what a console attached here
     * sees of the rest of the fleet when it connects. Blocks (reads the store); the stream's thread.
     */
    public List<CallSnapshot> liveCallsElsewhere() {
        List<CallSnapshot> live = new ArrayList<>();
        for (CallSnapshot c : store.liveCallsOfOtherBridges(clock.instant())) {
            if (!endedElsewhere.containsKey(c.id())) {
                live.add(c);
            }
        }
        return live;
    }

    /** Who placed a call held by another bridge, from the store (empty: unknown). Blocks. */
    public Optional<String> placedByElsewhere(String callId) {
        return store.find(callId).map(CallSnapshot::placedBy);
    }

    /** True while notifications from the other bridges are being received. */
    public boolean listening() {
        return notifications.listening();
    }

    /**
     * Announces events this bridge recorded about another bridge's call (it ended the calls of a bridge
     * that died): to its own consoles and to the other bridges', as events of the call's bridge.
     */
    public void announce(String callBridge, List<CallEvent> events) {
        streams.relay(callBridge, events);
        List<byte[]> elements = new ArrayList<>();
        for (CallEvent e : events) {
            elements.add(codec.event(0, e, callBridge));
        }
        publish(elements);
    }

    /** This bridge's encoded events (the stream's thread): framed and queued, never blocking. */
    private synchronized void publish(List<byte[]> elements) {
        List<PgNotifications.Outgoing> batch = new ArrayList<>();
        for (String payload : outgoing.frame(elements)) {
            batch.add(new PgNotifications.Outgoing(EVENTS, payload));
        }
        if (!notifications.send(batch)) {
            log.warn("Fleet notifications are backed up (is the database reachable?): {} event(s) not sent to the "
                    + "other bridges; their consoles catch up at their next snapshot", elements.size());
        }
    }

    private void received(String channel, String payload) {
        if (channel.equals(SETTINGS)) {
            savedElsewhere(payload);
            return;
        }
        if (!channel.equals(EVENTS)) {
            commands.received(channel, payload);
            return;
        }
        incoming.read(payload).ifPresent(message -> {
            try {
                List<StreamMessage.Sequenced> events = codec.readEvents(message.elements());
                for (StreamMessage.Sequenced s : events) {
                    if (s.event() instanceof CallEvent.CallEnded || s.event() instanceof CallEvent.CallDeleted) {
                        endedElsewhere.put(s.event().callId(), Boolean.TRUE);
                    }
                    if (s.event() != null) {
                        streams.relay(s.bridge() != null ? s.bridge() : message.origin(), List.of(s.event()));
                    }
                }
            } catch (IOException e) {
                log.warn("Ignored {} event(s) from bridge {} that could not be read: {}", message.elements().size(),
                        message.origin(), e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        notifications.close();
        commands.close();
        worker.shutdownNow();
    }

}
