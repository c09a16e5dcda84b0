package app.highway.fleet;

import app.highway.control.CallControls.HangUp;
import app.highway.control.CallControls.OtherBridges;
import app.highway.control.CallPowers;
import app.highway.control.Power;
import app.highway.control.PowerAnswer;
import app.highway.store.PgNotifications;
import app.highway.store.SqlCallStore;
import app.highway.team.Actor;
import app.highway.team.Refusal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
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
 * Hang-ups and the supervisor's powers (whisper, say, mute, unmute, transfer) across the fleet as a command to the bridge that holds the call ({@code highway_commands})
 * and its answer ({@code highway_acks}). Chosen over forwarding the HTTP request to the owner's base URL
 * because the bridges already share the database and its notifications, while their base URLs are the
 * addresses Twilio reaches (a tunnel, a proxy), not necessarily reachable from one another; and because
 * the asking bridge can then apply the same rules (agents only their own calls) and write the audit
 * entry with who asked, as for its own calls, without a person's token leaving the bridge it was given to.
 * The owning bridge trusts the command: only bridges can write to the fleet's database. A power's answer
 * carries what the audit log says of it, written by the owning bridge (which alone knows the call's
 * verification code, and hides it) and recorded by the asking one. Every payload stays under PostgreSQL's
 * 8000-byte limit: the texts are bounded ({@link CallPowers#MAX_WHISPER_CHARS}, 6 bytes a character at worst
 * in JSON), and one that would not fit is not sent.
 */
final class FleetCommands implements OtherBridges {
    static final String COMMANDS = "highway_commands";
    static final String ACKS = "highway_acks";
    /** Bytes of JSON a payload may have: PostgreSQL refuses 8000 and more. */
    static final int MAX_PAYLOAD_BYTES = 7_900;
    /** Characters of a refusal's message or Twilio's that an answer carries. */
    private static final int MAX_MESSAGE_CHARS = 600;
    private static final Logger log = LoggerFactory.getLogger(FleetCommands.class);

    private final String me;
    private final SqlCallStore store;
    private final Function<String, HangUp> hangUpHere;
    private final ObjectMapper json;
    private final Duration timeout;
    private volatile CallPowers powersHere;
    private final Map<String, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    /** Hang-ups and powers asked of this bridge run here: they may call Twilio, never on the listening thread. */
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

    /** The powers other bridges may use on this bridge's calls (until set, they are answered 404). */
    void servePowers(CallPowers powers) {
        this.powersHere = powers;
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
        Map<String, Object> command = command(call, by, "hang_up");
        return ask(command, call, "a hang-up").map(ack -> {
            try {
                return HangUp.valueOf(ack.path("result").asText());
            } catch (IllegalArgumentException e) {
                return HangUp.OWNER_UNREACHABLE;
            }
        }).orElse(HangUp.OWNER_UNREACHABLE);
    }

    @Override
    public PowerAnswer power(Held call, Actor by, Power power) {
        Map<String, Object> command = powerCommand(call, by, power);
        return ask(command, call, "a " + command.get("power")).map(FleetCommands::answer)
                .orElseGet(PowerAnswer.Unreachable::new);
    }

    /** The command asking the bridge holding {@code call} to use {@code power} for {@code by}. */
    Map<String, Object> powerCommand(Held call, Actor by, Power power) {
        Map<String, Object> command = command(call, by, "power");
        if (power instanceof Power.Whisper w) {
            command.put("power", "whisper");
            command.put("text", w.text());
            command.put("respond", w.respond());
        } else if (power instanceof Power.Say s) {
            command.put("power", "say");
            command.put("text", s.text());
        } else if (power instanceof Power.Mute) {
            command.put("power", "mute");
        } else if (power instanceof Power.Unmute) {
            command.put("power", "unmute");
        } else if (power instanceof Power.Transfer t) {
            command.put("power", "transfer");
            command.put("number", t.to());
            command.put("warm", t.warm());
        }
        return command;
    }

    private Map<String, Object> command(Held call, Actor by, String op) {
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("id", UUID.randomUUID().toString());
        command.put("from", me);
        command.put("to", call.bridge());
        command.put("op", op);
        command.put("call", call.id());
        command.put("by", by.user());
        return command;
    }

    /** Sends {@code command} to the bridge holding {@code call} and waits for its ack: empty if none in time. */
    private Optional<JsonNode> ask(Map<String, Object> command, Held call, String what) {
        String id = (String) command.get("id");
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        try {
            if (!send(COMMANDS, command)) {
                return Optional.empty();
            }
            return Optional.of(answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            log.warn("Bridge {} did not answer {} of call {} within {} ms", call.bridge(), what, call.id(),
                    timeout.toMillis());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (java.util.concurrent.ExecutionException e) {
            return Optional.empty();
        } finally {
            waiting.remove(id);
        }
    }

    /** A power's ack as the answer it carries. */
    static PowerAnswer answer(JsonNode ack) {
        switch (ack.path("answer").asText()) {
            case "done":
                return new PowerAnswer.Done(ack.path("call").asText(), ack.path("muted").asBoolean(),
                        ack.path("audit").isTextual() ? ack.path("audit").asText() : null);
            case "refused":
                try {
                    return new PowerAnswer.Refused(Refusal.Kind.valueOf(ack.path("kind").asText()),
                            ack.path("error").asText(), ack.path("message").asText());
                } catch (IllegalArgumentException e) {
                    return new PowerAnswer.Unreachable();
                }
            case "twilio":
                return new PowerAnswer.TwilioRefused(ack.path("code").asInt(), ack.path("status").asInt(),
                        ack.path("message").asText(), ack.path("moreInfo").isTextual()
                                ? ack.path("moreInfo").asText() : null);
            default:
                return new PowerAnswer.Unreachable();
        }
    }

    /** {@code answer} as the fields of its ack. */
    static Map<String, Object> ack(PowerAnswer answer) {
        Map<String, Object> ack = new LinkedHashMap<>();
        if (answer instanceof PowerAnswer.Done d) {
            ack.put("answer", "done");
            ack.put("call", d.call());
            ack.put("muted", d.muted());
            ack.put("audit", d.audit());
        } else if (answer instanceof PowerAnswer.Refused r) {
            ack.put("answer", "refused");
            ack.put("kind", r.kind().name());
            ack.put("error", r.error());
            ack.put("message", shortened(r.message()));
        } else if (answer instanceof PowerAnswer.TwilioRefused t) {
            ack.put("answer", "twilio");
            ack.put("code", t.code());
            ack.put("status", t.httpStatus());
            ack.put("message", shortened(t.message()));
            ack.put("moreInfo", t.moreInfo() == null ? null : shortened(t.moreInfo()));
        } else {
            ack.put("answer", "unreachable");
        }
        return ack;
    }

    /** The power a command asks for (the asking bridge checked the texts' lengths). */
    static Power power(JsonNode m) {
        switch (m.path("power").asText()) {
            case "whisper":
                return new Power.Whisper(m.path("text").asText(), m.path("respond").asBoolean());
            case "say":
                return new Power.Say(m.path("text").asText());
            case "mute":
                return new Power.Mute();
            case "unmute":
                return new Power.Unmute();
            case "transfer":
                return new Power.Transfer(m.path("number").isTextual() ? m.path("number").asText() : null,
                        m.path("warm").asBoolean());
            default:
                throw new IllegalArgumentException("no power " + m.path("power").asText());
        }
    }

    private static String shortened(String message) {
        return message == null || message.length() <= MAX_MESSAGE_CHARS ? message
                : message.substring(0, MAX_MESSAGE_CHARS) + "…";
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
            CompletableFuture<JsonNode> answer = waiting.get(id);
            if (answer != null) {
                answer.complete(m);
            }
            return;
        }
        String op = m.path("op").asText();
        String from = m.path("from").asText();
        String callId = m.path("call").asText();
        String by = m.path("by").asText();
        if ("hang_up".equals(op)) {
            worker.execute(() -> {
                HangUp result;
                try {
                    result = hangUpHere.apply(callId);
                } catch (RuntimeException e) {
                    log.error("Could not hang up call {} for bridge {}", callId, from, e);
                    result = HangUp.OWNER_UNREACHABLE;
                }
                log.info("Hang-up of call {} asked by {} on bridge {}: {}", callId, by, from, result);
                send(ACKS, Map.of("id", id, "to", from, "result", result.name()));
            });
        } else if ("power".equals(op)) {
            worker.execute(() -> {
                PowerAnswer result;
                CallPowers powers = powersHere;
                try {
                    Power power = power(m);
                    result = powers == null
                            ? new PowerAnswer.Refused(Refusal.Kind.NOT_FOUND, "not_found", "No call " + callId)
                            : powers.forFleet(callId, by, power);
                } catch (RuntimeException e) {
                    log.error("Could not use a power on call {} for bridge {}", callId, from, e);
                    result = new PowerAnswer.Unreachable();
                }
                log.info("{} on call {} asked by {} on bridge {}: {}", m.path("power").asText(), callId, by, from,
                        result.getClass().getSimpleName());
                Map<String, Object> ack = ack(result);
                ack.put("id", id);
                ack.put("to", from);
                send(ACKS, ack);
            });
        }
    }

    /** Sends {@code message} as JSON on {@code channel}; false if it could not be (too large, not connected). */
    private boolean send(String channel, Map<String, ?> message) {
        try {
            String payload = json.writeValueAsString(message);
            int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_PAYLOAD_BYTES) {
                log.error("A fleet {} notification of {} bytes is over the limit of {}: not sent", channel, bytes,
                        MAX_PAYLOAD_BYTES);
                return false;
            }
            return notifications.send(List.of(new PgNotifications.Outgoing(channel, payload)));
        } catch (Exception e) {
            log.error("Could not send a fleet {} notification", channel, e);
            return false;
        }
    }

    void close() {
        worker.shutdownNow();
    }
}
