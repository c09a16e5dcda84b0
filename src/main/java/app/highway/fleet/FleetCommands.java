package app.highway.fleet;

import app.highway.control.CallControls.HangUp;
import app.highway.control.CallControls.OtherBridges;
import app.highway.store.PgNotifications;
import app.highway.store.SqlCallStore;
import app.highway.team.Actor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hang-ups across the fleet as a command to the bridge that holds the call ({@code highway_commands})
 * and its answer ({@code highway_acks}). Chosen over forwarding the HTTP request to the owner's base URL
 * because the bridges already share the database and its notifications, while their base URLs are the
 * addresses Twilio reaches (a tunnel, a proxy), not necessarily reachable from one another; and because
 * the asking bridge can then apply the same rules (agents only their own calls) and write the audit
 * entry with who asked, as for its own calls, without a person's token leaving the bridge it was given to.
 * The owning bridge trusts the command: only bridges can write to the fleet's database.
 */
final class FleetCommands implements OtherBridges {
    static final String COMMANDS = "highway_commands";
    static final String ACKS = "highway_acks";
    private static final Logger log = LoggerFactory.getLogger(FleetCommands.class);

    private final String me;
    private final SqlCallStore store;
    private final Function<String, HangUp> hangUpHere;
    private final ObjectMapper json;
    private final Duration timeout;
    private final Map<String, CompletableFuture<HangUp>> waiting = new ConcurrentHashMap<>();
    /** Hang-ups asked of this bridge run here: a hang-up may call Twilio, never on the listening thread. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fleet-commands");
        t.setDaemon(true);
        return t;
    });
    private volatile PgNotifications notifications;

    FleetCommands(String me, SqlCallStore store, Function<String, HangUp> hangUpHere, ObjectMapper json,
            Duration timeout) {
        this.me = me;
        this.store = store;
        this.hangUpHere = hangUpHere;
        this.json = json;
        this.timeout = timeout;
    }

    void connect(PgNotifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public Optional<Held> find(String idOrSid) {
        Optional<String> bridge = store.bridgeOfLive(idOrSid).filter(b -> !b.equals(me));
        if (bridge.isEmpty()) {
            return Optional.empty();
        }
        return store.find(idOrSid).map(c -> new Held(c.id(), c.placedBy(), bridge.get()));
    }

    @Override
    public HangUp hangUp(Held call, Actor by) {
        String id = UUID.randomUUID().toString();
        CompletableFuture<HangUp> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        try {
            send(COMMANDS, Map.of("id", id, "from", me, "to", call.bridge(), "op", "hang_up", "call", call.id(),
                    "by", by.user()));
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Bridge {} did not answer a hang-up of call {} within {} ms", call.bridge(), call.id(),
                    timeout.toMillis());
            return HangUp.OWNER_UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HangUp.OWNER_UNREACHABLE;
        } catch (java.util.concurrent.ExecutionException e) {
            return HangUp.OWNER_UNREACHABLE;
        } finally {
            waiting.remove(id);
        }
    }

    /** A notification on {@link #COMMANDS} or {@link #ACKS} (listening thread). */
    void received(String channel, String payload) {
        JsonNode m;
        try {
            m = json.readTree(payload);
        } catch (Exception e) {
            log.warn("Ignored a fleet {} notification that is not JSON", channel);
            return;
        }
        if (!me.equals(m.path("to").asText())) {
            return;
        }
        String id = m.path("id").asText();
        if (channel.equals(ACKS)) {
            CompletableFuture<HangUp> answer = waiting.get(id);
            if (answer != null) {
                try {
                    answer.complete(HangUp.valueOf(m.path("result").asText()));
                } catch (IllegalArgumentException e) {
                    answer.complete(HangUp.OWNER_UNREACHABLE);
                }
            }
        } else if ("hang_up".equals(m.path("op").asText())) {
            String from = m.path("from").asText();
            String callId = m.path("call").asText();
            worker.execute(() -> {
                HangUp result;
                try {
                    result = hangUpHere.apply(callId);
                } catch (RuntimeException e) {
                    log.error("Could not hang up call {} for bridge {}", callId, from, e);
                    result = HangUp.OWNER_UNREACHABLE;
                }
                log.info("Hang-up of call {} asked by {} on bridge {}: {}", callId, m.path("by").asText(), from,
                        result);
                send(ACKS, Map.of("id", id, "to", from, "result", result.name()));
            });
        }
    }

    private void send(String channel, Map<String, String> message) {
        try {
            notifications.send(List.of(new PgNotifications.Outgoing(channel, json.writeValueAsString(message))));
        } catch (Exception e) {
            log.error("Could not send a fleet {} notification", channel, e);
        }
    }

    void close() {
        worker.shutdownNow();
    }
}
