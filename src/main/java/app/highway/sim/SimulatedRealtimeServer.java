package app.highway.sim;

import app.highway.audio.SpeechFrames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIMULATION: a stand-in for the OpenAI Realtime API on loopback that speaks its GA dialect. It
 * cannot understand speech: each call follows a believable script (the assistant reads the code,
 * a simulated caller answers, the assistant reports and hangs up) in real time, with audio deltas,
 * transcripts, tool calls and usage.
 */
final class SimulatedRealtimeServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SimulatedRealtimeServer.class);
    private static final Pattern CODE = Pattern.compile("verification code is ([0-9 ]+)");
    private static final int CHUNK_MS = 200; // 200 ms audio deltas: a simulation, cheap enough for hundreds of calls
    /** GPT-Live's path: a socket opened there plays the same conversations in GPT-Live's events. */
    static final String LIVE_PATH = "/v1/live/sessions";

    private final ObjectMapper json;
    private final ScheduledExecutorService clock;
    private final AtomicInteger ids = new AtomicInteger();
    private final Random random = new Random();
    private final SpeechFrames assistantAudio = new SpeechFrames(CHUNK_MS);
    private final HttpServer server;

    /**
     * On a Vert.x WebSocket server of the simulation's own runtime (not the bridge's relay loop): a
     * few event-loop threads for every simulated call, so that the simulation leaves the CPU to the
     * bridge and the console it demonstrates. Like OpenAI, it accepts no compression.
     */
    SimulatedRealtimeServer(Vertx vertx, ObjectMapper json, ScheduledExecutorService clock) {
        this.json = json;
        this.clock = clock;
        server = vertx.createHttpServer(new HttpServerOptions()
                .setHost("127.0.0.1")
                .setPort(0)
                .setTcpNoDelay(true)
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setMaxWebSocketFrameSize(1024 * 1024)
                .setMaxWebSocketMessageSize(1024 * 1024)
                .setIdleTimeout(30)
                .setIdleTimeoutUnit(TimeUnit.MINUTES));
        server.webSocketHandshakeHandler(handshake -> {
            if ("/v1/realtime".equals(handshake.path()) || LIVE_PATH.equals(handshake.path())) {
                handshake.accept();
            } else {
                handshake.reject(404);
            }
        });
        server.webSocketHandler(this::opened);
        server.exceptionHandler(e -> log.debug("Simulated model connection error: {}", e.getMessage()));
    }

    void start() {
        try {
            server.listen().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The simulated Realtime model could not start: " + e.getMessage(), e);
        }
    }

    URI url() {
        return URI.create("ws://127.0.0.1:" + server.actualPort() + "/v1/realtime");
    }

    @Override
    public void close() {
        try {
            server.close().await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("Simulated model stopped with: {}", e.getMessage());
        }
    }

    /** One simulated model socket: the conversation it plays, in the dialect of the path it was opened on. */
    private void opened(ServerWebSocket socket) {
        boolean live = LIVE_PATH.equals(socket.path());
        Conversation conversation = new Conversation(socket, Script.pick(random), random.nextInt(100), live);
        socket.textMessageHandler(message -> {
            if (live) {
                onLiveMessage(conversation, message);
            } else {
                onMessage(conversation, message);
            }
        });
        socket.closeHandler(v -> conversation.closed = true);
        socket.exceptionHandler(cause -> log.debug("Simulated model socket error: {}", cause.getMessage()));
        if (live) {
            return; // GPT-Live says nothing before session.start
        }
        ObjectNode created = event("session.created");
        created.putObject("session").put("type", "realtime").put("id", "sess_sim" + ids.incrementAndGet());
        send(socket, created);
    }

    private void onMessage(Conversation c, String message) {
        ServerWebSocket conn = c.conn;
        if (message.startsWith("{\"type\":\"input_audio_buffer.append\"")) {
            c.inputMs += SimulatedCarrier.FRAME_MS; // the simulation cannot listen: count the audio, don't parse it
            return;
        }
        JsonNode m;
        try {
            m = json.readTree(message);
        } catch (Exception e) {
            sendError(conn, "invalid_json", "We could not parse the JSON body of your request.", null);
            return;
        }
        switch (m.path("type").asText("")) {
            case "session.update" -> {
                if (m.path("session").has("temperature")) {
                    sendError(conn, "unknown_parameter", "Unknown parameter: 'session.temperature'.",
                            m.path("event_id").asText(null));
                    return;
                }
                JsonNode turns = m.path("session").path("audio").path("input").path("turn_detection");
                if (turns.has("create_response")) { // a muted assistant (or a take-over): the caller is not answered
                    c.autoRespond = turns.path("create_response").asBoolean(true);
                }
                ObjectNode updated = event("session.updated");
                updated.set("session", m.path("session"));
                send(conn, updated);
            }
            case "input_audio_buffer.append" -> c.inputMs += SimulatedCarrier.FRAME_MS;
            case "conversation.item.create" -> {
                String text = m.path("item").path("content").path(0).path("text").asText("");
                Matcher code = CODE.matcher(text);
                if (code.find()) {
                    c.code = code.group(1).trim().replace(" ", ", ");
                }
                if ("system".equals(m.path("item").path("role").asText()) && text.contains("pressed 1")) {
                    c.repeatAsked = true; // the caller's keypad: the next response reads the code again
                }
            }
            case "response.create" -> {
                String instructions = m.path("response").path("instructions").asText("");
                if (instructions.isEmpty() && c.repeatAsked) {
                    c.repeatAsked = false;
                    c.say("Of course. Your code is " + c.code + ".");
                } else if (instructions.isEmpty()) {
                    c.next();
                } else { // "say this": the words after the instructions' colon
                    int colon = instructions.indexOf(": ");
                    c.say(colon < 0 ? instructions : instructions.substring(colon + 2));
                }
            }
            case "response.cancel" -> c.cancel(conn, m.path("event_id").asText(null));
            default -> { }
        }
    }

    /**
     * GPT-Live's client events ({@code app.highway.realtime.LiveEvents}): the session starts on
     * {@code session.start}, the code comes as thinking, a commentary asks the assistant to speak, a mute stops
     * it answering; its backend goes on by itself after the tool outputs.
     */
    private void onLiveMessage(Conversation c, String message) {
        ServerWebSocket conn = c.conn;
        if (message.startsWith("{\"type\":\"session.input_audio.append\"")) {
            c.inputMs += SimulatedCarrier.FRAME_MS;
            return;
        }
        JsonNode m;
        try {
            m = json.readTree(message);
        } catch (Exception e) {
            sendLiveError(conn, "invalid_json", "We could not parse the JSON body of your request.", null);
            return;
        }
        String type = m.path("type").asText("");
        if (!c.liveStarted && !"session.start".equals(type)) {
            sendLiveError(conn, "session_not_started", "Send session.start first and wait for session.started.",
                    m.path("event_id").asText(null));
            return;
        }
        switch (type) {
            case "session.start" -> {
                JsonNode session = m.path("session");
                for (String unknown : List.of("type", "temperature", "turn_detection", "tools", "output_modalities")) {
                    if (session.has(unknown)) { // the session object is strict
                        sendLiveError(conn, "unknown_parameter", "Unknown parameter: 'session." + unknown + "'.",
                                m.path("event_id").asText(null));
                        return;
                    }
                }
                c.liveStarted = true;
                ObjectNode started = json.createObjectNode().put("type", "session.started");
                started.set("session", session.deepCopy());
                ((ObjectNode) started.get("session")).put("id", "live_sim" + ids.incrementAndGet());
                send(conn, started);
            }
            case "session.thinking.append" -> {
                Matcher code = CODE.matcher(m.path("content").asText(""));
                if (code.find()) {
                    c.code = code.group(1).trim().replace(" ", ", ");
                }
            }
            case "session.commentary.append" -> {
                String content = m.path("content").asText("");
                int split = content.indexOf("\n\n");
                String instruction = split < 0 ? "" : content.substring(split + 2);
                if (instruction.isEmpty() && c.repeatAsked) {
                    c.repeatAsked = false;
                    c.say("Of course. Your code is " + c.code + ".");
                } else if (instruction.isEmpty() || instruction.startsWith("SYSTEM:(")) {
                    c.next();
                } else { // "say this": the words after the instructions' colon
                    int colon = instruction.indexOf(": ");
                    c.say(colon < 0 ? instruction : instruction.substring(colon + 2));
                }
            }
            case "session.instructions.append" -> {
                if (m.path("content").asText("").contains("pressed 1")) {
                    c.repeatAsked = true; // the caller's keypad: the next response reads the code again
                }
            }
            case "session.input_audio.mute" -> c.autoRespond = false;
            case "session.input_audio.unmute" -> c.autoRespond = true;
            case "session.close" -> {
                ObjectNode closed = json.createObjectNode().put("type", "session.closed").put("reason", "close_requested");
                closed.putObject("usage").put("seconds", c.liveSeconds());
                send(conn, closed);
            }
            default -> { } // tool outputs, response.create, instructions: the simulation goes on by its script
        }
    }

    private void sendLiveError(ServerWebSocket conn, String code, String message, String clientEventId) {
        ObjectNode e = json.createObjectNode().put("type", "error");
        ObjectNode err = e.putObject("error");
        err.put("type", "invalid_request_error");
        err.put("code", code);
        err.put("message", message);
        err.put("client_event_id", clientEventId);
        send(conn, e);
    }

    private ObjectNode event(String type) {
        ObjectNode e = json.createObjectNode();
        e.put("type", type);
        e.put("event_id", "event_sim" + ids.incrementAndGet());
        return e;
    }

    private void send(ServerWebSocket conn, ObjectNode event) {
        sendText(conn, event.toString());
    }

    private static void sendText(ServerWebSocket conn, String text) {
        try {
            conn.writeTextMessage(text); // on a closed socket the returned future fails; nothing to do about it
        } catch (IllegalStateException closed) {
            // the call ended meanwhile
        }
    }

    private void sendError(ServerWebSocket conn, String code, String message, String eventId) {
        ObjectNode e = event("error");
        ObjectNode err = e.putObject("error");
        err.put("type", "invalid_request_error");
        err.put("code", code);
        err.put("message", message);
        err.put("event_id", eventId);
        send(conn, e);
    }

    /** One simulated conversation: a list of turns, the assistant's and the caller's, played in order. */
    private final class Conversation {
        private final ServerWebSocket conn;
        private final Script script;
        private final int voice;
        private long chunk;
        private int turn;
        private String code = "1, 2, 3";
        private volatile boolean closed;
        private volatile long inputMs;
        private boolean responding;
        /** Turn detection's create_response: answer when the caller stops speaking. */
        private volatile boolean autoRespond = true;
        /** The response under way was cancelled: its remaining steps are not played. */
        private volatile String cancelled;
        private volatile String current;
        /** The response under way is a line of the script (not a "say this"), and the script's last. */
        private boolean currentScripted;
        private boolean currentLast;
        private String pendingSay;
        /** The script's next line was asked for while a "say this" was under way: it follows that. */
        private boolean nextWanted;
        /** The caller pressed 1 (a system message said so): the next response reads the code again. */
        private volatile boolean repeatAsked;
        /** Speaks GPT-Live's events instead of the Realtime API's. */
        private final boolean live;
        private volatile boolean liveStarted;
        private final long openedNanos = System.nanoTime();

        Conversation(ServerWebSocket conn, Script script, int voice, boolean live) {
            this.conn = conn;
            this.script = script;
            this.voice = voice;
            this.live = live;
        }

        /** GPT-Live bills by the session's seconds. */
        double liveSeconds() {
            return Math.round((System.nanoTime() - openedNanos) / 1e7) / 100.0;
        }

        synchronized void next() {
            if (responding && !currentScripted) {
                nextWanted = true; // the caller's turn ended during a "say this": the script goes on after it
                return;
            }
            if (responding || turn >= script.assistantLines().size()) {
                return;
            }
            responding = true;
            String text = script.assistantLines().get(turn).replace("{code}", code);
            boolean last = turn == script.assistantLines().size() - 1;
            playAssistant(text, last);
        }

        /** Speaks {@code text} now, without moving on in the script. */
        synchronized void say(String text) {
            if (responding) {
                pendingSay = text; // after the response under way, as the bridge would ask
                return;
            }
            responding = true;
            playAssistant(text, false, false);
        }

        /** Stops the response under way (as the API does: {@code response.done} with status cancelled). */
        void cancel(ServerWebSocket conn, String eventId) {
            String id;
            synchronized (this) {
                id = responding ? current : null;
                if (id == null) {
                    sendError(conn, "response_cancel_not_active", "Cancellation failed: no active response found.",
                            eventId);
                    return;
                }
                cancelled = id;
                responding = false;
                if (currentScripted && !currentLast) {
                    turn++; // cut off, but the conversation goes on: the caller speaks next
                    clock.schedule(this::callerSpeaks, 900 + random.nextInt(800), TimeUnit.MILLISECONDS);
                }
            }
            ObjectNode done = event("response.done");
            done.putObject("response").put("id", id).put("object", "realtime.response").put("status", "cancelled");
            send(conn, done);
        }

        private void playAssistant(String text, boolean last) {
            playAssistant(text, last, true);
        }

        private void playAssistant(String text, boolean last, boolean scripted) {
            String responseId = "resp_sim" + ids.incrementAndGet();
            current = responseId;
            currentScripted = scripted;
            currentLast = last;
            String itemId = "item_sim" + ids.incrementAndGet();
            if (!live) {
                send(conn, withResponse(event("response.created"), responseId));
                ObjectNode added = event("response.output_item.added");
                added.put("response_id", responseId);
                added.putObject("item").put("id", itemId).put("type", "message").put("role", "assistant");
                send(conn, added);
            }
            String[] words = text.split(" ");
            List<Runnable> steps = new ArrayList<>();
            int chunks = Math.max(words.length, 8);
            for (int i = 0; i < chunks; i++) {
                int index = i;
                steps.add(() -> {
                    if (live) { // no items, no ids: the words and the audio as they come
                        if (index < words.length) {
                            send(conn, json.createObjectNode().put("type", "session.output_transcript.delta")
                                    .put("delta", (index == 0 ? "" : " ") + words[index]));
                        }
                        sendText(conn, "{\"type\":\"session.output_audio.delta\",\"delta\":\""
                                + assistantAudio.frame(voice, chunk++, true) + "\"}");
                        return;
                    }
                    if (index < words.length) {
                        ObjectNode delta = event("response.output_audio_transcript.delta");
                        delta.put("response_id", responseId).put("item_id", itemId).put("content_index", 0);
                        delta.put("delta", (index == 0 ? "" : " ") + words[index]);
                        send(conn, delta);
                    }
                    // the most frequent event, built as text: ids and base64 need no escaping
                    sendText(conn, "{\"type\":\"response.output_audio.delta\",\"event_id\":\"event_sim"
                            + ids.incrementAndGet() + "\",\"response_id\":\"" + responseId + "\",\"item_id\":\""
                            + itemId + "\",\"content_index\":0,\"delta\":\"" + assistantAudio.frame(voice, chunk++, true)
                            + "\"}");
                });
            }
            steps.add(() -> finishAssistant(responseId, itemId, text, chunks, last, scripted));
            runSteps(steps, 0, responseId);
        }

        private void finishAssistant(String responseId, String itemId, String text, int chunks, boolean last,
                boolean scripted) {
            if (live) {
                finishLive(last);
                afterAssistant(last, scripted);
                return;
            }
            ObjectNode audioDone = event("response.output_audio.done");
            audioDone.put("response_id", responseId).put("item_id", itemId);
            send(conn, audioDone);
            ObjectNode transcriptDone = event("response.output_audio_transcript.done");
            transcriptDone.put("response_id", responseId).put("item_id", itemId).put("transcript", text);
            send(conn, transcriptDone);
            if (last) {
                sendToolCall(responseId, "call_reflection_data", "{\"status\":\"" + script.reflection() + "\"}");
                sendToolCall(responseId, "hang_up_call", "{\"hangup\":true}");
            }
            ObjectNode done = event("response.done");
            ObjectNode response = done.putObject("response");
            response.put("id", responseId).put("object", "realtime.response").put("status", "completed");
            long audioOut = chunks * CHUNK_MS / 50L;
            long textOut = text.split(" ").length + 2L;
            long audioIn = inputMs / 100;
            long textIn = 180 + 40L * turn;
            long cachedText = turn == 0 ? 0 : 128;
            ObjectNode usage = response.putObject("usage");
            usage.put("total_tokens", audioOut + textOut + audioIn + textIn);
            usage.put("input_tokens", audioIn + textIn);
            usage.put("output_tokens", audioOut + textOut);
            ObjectNode in = usage.putObject("input_token_details");
            in.put("text_tokens", textIn).put("audio_tokens", audioIn).put("cached_tokens", cachedText);
            in.putObject("cached_tokens_details").put("text_tokens", cachedText).put("audio_tokens", 0);
            usage.putObject("output_token_details").put("text_tokens", textOut).put("audio_tokens", audioOut);
            send(conn, done);
            afterAssistant(last, scripted);
        }

        /** GPT-Live: the session's seconds so far, and after the last line the tools through a delegated response. */
        private void finishLive(boolean last) {
            ObjectNode usage = json.createObjectNode().put("type", "session.usage.updated");
            usage.putObject("usage").put("seconds", liveSeconds());
            send(conn, usage);
            if (!last) {
                return;
            }
            String delegation = "del_sim" + ids.incrementAndGet();
            ObjectNode created = json.createObjectNode().put("type", "session.delegation.created");
            created.putObject("delegation").put("id", delegation).put("type", "delegation").put("target", "responses");
            send(conn, created);
            send(conn, liveResponseEvent(delegation, "response.created"));
            sendLiveToolCall(delegation, "call_reflection_data", "{\"status\":\"" + script.reflection() + "\"}");
            sendLiveToolCall(delegation, "hang_up_call", "{\"hangup\":true}");
            send(conn, liveResponseEvent(delegation, "response.completed"));
        }

        private ObjectNode liveResponseEvent(String delegation, String type) {
            ObjectNode e = json.createObjectNode().put("type", "response.event").put("delegation_id", delegation);
            e.putObject("event").put("type", type).putObject("response").put("id", "resp_" + delegation);
            return e;
        }

        private void sendLiveToolCall(String delegation, String name, String arguments) {
            ObjectNode e = json.createObjectNode().put("type", "response.event").put("delegation_id", delegation);
            ObjectNode item = e.putObject("event").put("type", "response.output_item.done").putObject("item");
            item.put("id", "fc_sim" + ids.incrementAndGet()).put("type", "function_call").put("status", "completed");
            item.put("call_id", "call_sim" + ids.incrementAndGet()).put("name", name).put("arguments", arguments);
            send(conn, e);
        }

        private void afterAssistant(boolean last, boolean scripted) {
            String said;
            synchronized (this) {
                responding = false;
                if (scripted) {
                    turn++;
                }
                said = pendingSay;
                pendingSay = null;
            }
            boolean resume;
            synchronized (this) {
                resume = nextWanted && said == null;
                nextWanted = nextWanted && !resume;
            }
            if (said != null) {
                say(said);
            } else if (resume) {
                next();
            }
            if (!last && scripted) {
                clock.schedule(this::callerSpeaks, 900 + random.nextInt(800), TimeUnit.MILLISECONDS);
            }
        }

        private void sendToolCall(String responseId, String name, String arguments) {
            ObjectNode call = event("response.function_call_arguments.done");
            call.put("response_id", responseId).put("item_id", "item_sim" + ids.incrementAndGet());
            call.put("call_id", "call_sim" + ids.incrementAndGet()).put("name", name).put("arguments", arguments);
            send(conn, call);
        }

        private void callerSpeaks() {
            if (closed) {
                return;
            }
            String itemId = "item_sim" + ids.incrementAndGet();
            String line = script.callerLines().get(Math.min(turn - 1, script.callerLines().size() - 1));
            long words = line.split(" ").length;
            long speechMs = 400L + 60L * words;
            if (live) { // GPT-Live has no speech events: the caller's words arrive as they are recognised
                clock.schedule(() -> {
                    send(conn, json.createObjectNode().put("type", "session.input_transcript.delta").put("delta", line));
                    if (autoRespond) {
                        next();
                    }
                }, speechMs, TimeUnit.MILLISECONDS);
                return;
            }
            ObjectNode started = event("input_audio_buffer.speech_started");
            started.put("item_id", itemId).put("audio_start_ms", inputMs);
            send(conn, started);
            clock.schedule(() -> {
                ObjectNode stopped = event("input_audio_buffer.speech_stopped");
                stopped.put("item_id", itemId).put("audio_end_ms", inputMs);
                send(conn, stopped);
                ObjectNode transcript = event("conversation.item.input_audio_transcription.completed");
                transcript.put("item_id", itemId).put("content_index", 0).put("transcript", line);
                // billed like a token-priced transcription model: ~10 audio tokens a second in, ~4/3 a word out
                long audioIn = speechMs / 100;
                long textOut = (words * 4 + 2) / 3;
                ObjectNode usage = transcript.putObject("usage");
                usage.put("type", "tokens").put("total_tokens", audioIn + textOut).put("input_tokens", audioIn);
                usage.putObject("input_token_details").put("text_tokens", 0).put("audio_tokens", audioIn);
                usage.put("output_tokens", textOut);
                send(conn, transcript);
                if (autoRespond) {
                    next();
                }
            }, speechMs, TimeUnit.MILLISECONDS);
        }

        private void runSteps(List<Runnable> steps, int index, String responseId) {
            if (closed || index >= steps.size() || responseId.equals(cancelled)) {
                return;
            }
            steps.get(index).run();
            clock.schedule(() -> runSteps(steps, index + 1, responseId), CHUNK_MS, TimeUnit.MILLISECONDS);
        }

        private ObjectNode withResponse(ObjectNode e, String responseId) {
            e.putObject("response").put("id", responseId).put("status", "in_progress");
            return e;
        }
    }

    /** A believable verification call: what the assistant says, what the caller answers, how it ends. */
    record Script(List<String> assistantLines, List<String> callerLines, String reflection) {
        static Script pick(Random random) {
            int n = random.nextInt(10);
            if (n < 6) {
                return new Script(List.of(
                        "Hello! This is Olive Financial calling with your verification code. Your code is {code}. "
                                + "Would you like me to repeat it?",
                        "You're welcome. Have a great day, goodbye!"),
                        List.of("No, I've got it. Thank you."), "successful_call");
            } else if (n < 9) {
                return new Script(List.of(
                        "Hi, this is Olive Financial with your verification code. Your code is {code}. Shall I "
                                + "repeat it?",
                        "Of course. Your code is {code}.",
                        "Great. Thank you, goodbye!"),
                        List.of("Sorry, could you repeat that?", "Got it, thanks."), "successful_call");
            }
            return new Script(List.of(
                    "Hello, this is Olive Financial calling with the verification code you requested. Your code "
                            + "is {code}.",
                    "I understand. I'm sorry for the trouble. Goodbye."),
                    List.of("I never asked for a code. Please don't call me."), "unsuccessful_call");
        }
    }
}
