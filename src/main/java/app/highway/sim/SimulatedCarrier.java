package app.highway.sim;

import app.highway.audio.SpeechFrames;
import app.highway.twilio.MediaStreamProtocol;
import app.highway.twilio.OutboundCall;
import app.highway.twilio.TwilioApiException;
import app.highway.twilio.TwilioGateway;
import app.highway.twilio.TwilioSignatures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIMULATION: a stand-in for Twilio that "rings" a number, "answers" it, and connects a media
 * stream to the bridge's own {@code /media-stream} over loopback, signed like Twilio, streaming
 * μ-law audio in real time (in {@link #FRAME_MS} frames) and echoing marks when their audio would
 * have been played.
 * It posts signed status callbacks like Twilio does, and, when the call asks for answering-machine detection, the
 * signed verdict: a number ending in {@value #MACHINE_DIGIT} is answered by a machine, any other by a person. The
 * callee of a number ending in {@value #KEYPAD_DIGIT} presses 1 (hear the code again) once the code was read.
 * Every simulated call's stream shares one Vert.x
 * WebSocket client of the simulation's own runtime (not the bridge's relay loop), offering no
 * extension, like Twilio, so hundreds of them leave the CPU to the bridge and the console.
 */
final class SimulatedCarrier implements TwilioGateway {
    private static final Logger log = LoggerFactory.getLogger(SimulatedCarrier.class);
    private static final Pattern STREAM_URL = Pattern.compile("<Stream url=\"([^\"]+)\"");
    private static final String MEDIA_PREFIX = "{\"event\":\"media\"";
    private static final String PAYLOAD_KEY = "\"payload\":\"";
    private static final Pattern PARAMETER = Pattern.compile("<Parameter name=\"([^\"]+)\" value=\"([^\"]+)\"");

    private final String authToken;
    private final ObjectMapper json;
    private final ScheduledExecutorService clock;
    private final HttpClient http = HttpClient.newHttpClient();
    private final WebSocketClient streams;
    private final Map<String, SimCall> calls = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Random timing = new Random();
    /**
     * Twilio sends 20 ms frames; the simulation sends 200 ms ones (same audio rate, a tenth of the
     * messages) so that many simulated calls fit on a laptop next to the console. The load
     * benchmark streams real 20 ms frames.
     */
    static final int FRAME_MS = 200;
    /** Numbers ending in this digit are answered by a machine (when the call asks for detection). */
    static final char MACHINE_DIGIT = '7';
    /** The callees of numbers ending in this digit press 1 on their keypad, some seconds into the call. */
    static final char KEYPAD_DIGIT = '3';
    static final long KEYPAD_AFTER_MS = 4500;
    private final SpeechFrames callerFrames = new SpeechFrames(FRAME_MS);

    SimulatedCarrier(Vertx vertx, String authToken, ObjectMapper json, ScheduledExecutorService clock) {
        this.streams = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setName("sim-carrier")
                .setTryUsePerMessageCompression(false)
                .setTryUsePerFrameCompression(false)
                .setMaxConnections(10_000)
                .setMaxFrameSize(1024 * 1024)
                .setMaxMessageSize(1024 * 1024)
                .setTcpNoDelay(true)
                .setConnectTimeout(10_000)
                .setIdleTimeout(30)
                .setIdleTimeoutUnit(TimeUnit.MINUTES));
        this.authToken = authToken;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String placeCall(OutboundCall call) throws TwilioApiException {
        Matcher url = STREAM_URL.matcher(call.twiml());
        if (!url.find()) {
            throw new TwilioApiException(21205, 400, "The simulated carrier found no <Stream url> in the TwiML", null);
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher p = PARAMETER.matcher(call.twiml());
        while (p.find()) {
            params.put(p.group(1), p.group(2));
        }
        String sid = "CA" + hex(16);
        SimCall sim = new SimCall(sid, call, url.group(1), params);
        calls.put(sid, sim);
        clock.schedule(() -> status(sim, "initiated"), 50, TimeUnit.MILLISECONDS);
        clock.schedule(() -> status(sim, "ringing"), 300, TimeUnit.MILLISECONDS);
        clock.schedule(sim::answer, 1200 + timing.nextInt(1500), TimeUnit.MILLISECONDS);
        return sid;
    }

    @Override
    public String fetchStatus(String callSid) {
        SimCall sim = calls.get(callSid);
        return sim == null ? "completed" : sim.ended ? "completed" : "in-progress";
    }

    @Override
    public void endCall(String callSid, boolean answered) throws TwilioApiException {
        SimCall sim = calls.get(callSid);
        if (sim == null) {
            throw new TwilioApiException(20404, 404, "The requested resource was not found", null);
        }
        sim.hangUp(answered ? "completed" : "canceled");
    }

    /** SIMULATION: a transfer ends the simulated stream at once (the person dialled is not simulated). */
    @Override
    public void redirect(String callSid, String twiml) throws TwilioApiException {
        SimCall sim = calls.get(callSid);
        if (sim == null) {
            throw new TwilioApiException(21220, 400, "Call is not in-progress. Cannot redirect.", null);
        }
        if (!twiml.contains("<Dial")) {
            throw new TwilioApiException(12100, 400, "The simulated carrier runs only a <Dial> on a live call", null);
        }
        log.info("SIMULATION: call {} transferred; its stream stops (the person dialled is not simulated)", callSid);
        clock.execute(() -> sim.hangUp("completed"));
    }

    void close() {
        calls.values().forEach(c -> c.hangUp("completed"));
        streams.close(); // asynchronous; the simulation's runtime closes after it
    }

    private void status(SimCall sim, String status) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("CallSid", sim.sid);
        form.put("CallStatus", status);
        form.put("AccountSid", "ACsimulated");
        form.put("To", sim.call.to());
        form.put("From", sim.call.from());
        form.put("Direction", "outbound-api");
        post(sim.call.statusCallbackUrl(), form);
    }

    /** A signed form POST to the bridge, as Twilio makes its callbacks. */
    private void post(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(TwilioSignatures.HEADER, TwilioSignatures.sign(authToken, url, form))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .exceptionally(e -> {
                    log.debug("Simulated callback to {} failed: {}", url, e.getMessage());
                    return null;
                });
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The bridge's {@code ws://} stream URL as Vert.x connect options. */
    static WebSocketConnectOptions connectOptions(URI url) {
        boolean tls = "wss".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme());
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return new WebSocketConnectOptions()
                .setHost(url.getHost())
                .setPort(url.getPort() > 0 ? url.getPort() : tls ? 443 : 80)
                .setSsl(tls)
                .setURI(url.getRawQuery() == null ? path : path + "?" + url.getRawQuery());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** One simulated phone call and its media stream. */
    final class SimCall {
        private final String sid;
        private final OutboundCall call;
        private final String streamUrl;
        private final Map<String, String> parameters;
        private final String streamSid = "MZ" + hex(16);
        private final int voice = timing.nextInt(100);
        private final AtomicInteger sequence = new AtomicInteger();
        private volatile WebSocket socket;
        private volatile boolean ended;
        private ScheduledFuture<?> frames;
        private long timestamp;
        private long playheadEndNanos;

        SimCall(String sid, OutboundCall call, String streamUrl, Map<String, String> parameters) {
            this.sid = sid;
            this.call = call;
            this.streamUrl = streamUrl;
            this.parameters = parameters;
        }

        void answer() {
            if (ended) {
                return;
            }
            status(this, "in-progress");
            WebSocketConnectOptions options;
            try {
                options = connectOptions(URI.create(streamUrl))
                        .addHeader(TwilioSignatures.HEADER, TwilioSignatures.sign(authToken, streamUrl, Map.of()));
            } catch (RuntimeException e) {
                log.warn("SIMULATION: the simulated carrier could not open the media stream: {}", e.getMessage());
                hangUp("failed");
                return;
            }
            streams.connect(options).onComplete(this::opened, error -> {
                log.warn("SIMULATION: the simulated carrier could not open the media stream: {}", error.getMessage());
                hangUp("failed");
            });
        }

        private void opened(WebSocket ws) {
            ws.textMessageHandler(this::onText);
            ws.closeHandler(v -> hangUp("completed"));
            ws.exceptionHandler(cause -> log.debug("Simulated media stream error: {}", cause.getMessage()));
            socket = ws; // first: a hang-up from now on closes it
            if (ended) { // hung up while the stream was connecting
                ws.close((short) 1000, "call ended");
                return;
            }
            sendStart();
            frames = clock.scheduleAtFixedRate(this::sendFrame, FRAME_MS, FRAME_MS, TimeUnit.MILLISECONDS);
            boolean machine = call.to().charAt(call.to().length() - 1) == MACHINE_DIGIT;
            if (call.detectsMachines()) {
                // a person is told apart in a second or two; a machine's greeting ends (the beep) a few seconds in
                String verdict = !machine ? "human"
                        : OutboundCall.DETECT_ENABLE.equals(call.machineDetection()) ? "machine_start"
                        : "machine_end_beep";
                long after = machine && !verdict.equals("machine_start") ? 4000 + timing.nextInt(1500)
                        : 1200 + timing.nextInt(1000);
                clock.schedule(() -> machineVerdict(verdict, after), after, TimeUnit.MILLISECONDS);
            }
            if (call.to().charAt(call.to().length() - 1) == KEYPAD_DIGIT) {
                clock.schedule(() -> pressKey("1"), KEYPAD_AFTER_MS, TimeUnit.MILLISECONDS);
            }
        }

        /** Twilio's asynchronous answering-machine verdict, posted signed to the call's callback URL. */
        private void machineVerdict(String answeredBy, long durationMs) {
            if (ended) {
                return;
            }
            Map<String, String> form = new LinkedHashMap<>();
            form.put("AccountSid", "ACsimulated");
            form.put("CallSid", sid);
            form.put("AnsweredBy", answeredBy);
            form.put("MachineDetectionDuration", String.valueOf(durationMs));
            post(call.amdCallbackUrl(), form);
        }

        /** The callee presses a key: Twilio's {@code dtmf} message on the stream. */
        private void pressKey(String digit) {
            send("{\"event\":\"dtmf\",\"streamSid\":\"" + streamSid + "\",\"sequenceNumber\":\""
                    + sequence.incrementAndGet() + "\",\"dtmf\":{\"track\":\"inbound_track\",\"digit\":\""
                    + digit + "\"}}");
        }

        private void sendStart() {
            ObjectNode connected = json.createObjectNode();
            connected.put("event", "connected").put("protocol", "Call").put("version", "1.0.0");
            send(connected.toString());
            ObjectNode start = json.createObjectNode();
            start.put("event", "start").put("sequenceNumber", String.valueOf(sequence.incrementAndGet()));
            start.put("streamSid", streamSid);
            ObjectNode s = start.putObject("start");
            s.put("accountSid", "ACsimulated").put("streamSid", streamSid).put("callSid", sid);
            s.putArray("tracks").add("inbound");
            s.putObject("mediaFormat").put("encoding", "audio/x-mulaw").put("sampleRate", 8000).put("channels", 1);
            ObjectNode custom = s.putObject("customParameters");
            parameters.forEach(custom::put);
            send(start.toString());
        }

        private void sendFrame() {
            if (ended) {
                return;
            }
            timestamp += FRAME_MS;
            boolean speaking = (timestamp / 3000) % 3 == 1;
            long chunk = timestamp / FRAME_MS;
            send("{\"event\":\"media\",\"sequenceNumber\":\"" + sequence.incrementAndGet() + "\",\"media\":{"
                    + "\"track\":\"inbound\",\"chunk\":\"" + chunk + "\",\"timestamp\":\"" + timestamp
                    + "\",\"payload\":\"" + callerFrames.frame(voice, chunk, speaking) + "\"},\"streamSid\":\""
                    + streamSid + "\"}");
        }

        private void send(String text) {
            WebSocket ws = socket;
            if (ws == null || ended && !text.contains("\"stop\"")) {
                return;
            }
            try {
                ws.writeTextMessage(text); // Vert.x keeps the order of sends; a closed socket fails the future
            } catch (IllegalStateException closed) {
                // the stream ended meanwhile
            }
        }

        private void onText(String text) {
            if (text.startsWith(MEDIA_PREFIX)) { // the bridge's audio, several times a second: no JSON tree
                int start = text.indexOf(PAYLOAD_KEY);
                int end = start < 0 ? -1 : text.indexOf('"', start + PAYLOAD_KEY.length());
                if (end > 0) {
                    played(MediaStreamProtocol.decodedLength(text.substring(start + PAYLOAD_KEY.length(), end)));
                }
                return;
            }
            JsonNode m;
            try {
                m = json.readTree(text);
            } catch (Exception e) {
                return;
            }
            switch (m.path("event").asText("")) {
                case "media" -> played(MediaStreamProtocol.decodedLength(m.path("media").path("payload").asText("")));
                case "mark" -> {
                    String name = m.path("mark").path("name").asText();
                    long delayNanos;
                    synchronized (this) {
                        delayNanos = Math.max(0, playheadEndNanos - System.nanoTime());
                    }
                    clock.schedule(() -> echoMark(name), delayNanos, TimeUnit.NANOSECONDS);
                }
                case "clear" -> {
                    synchronized (this) {
                        playheadEndNanos = System.nanoTime();
                    }
                }
                default -> { }
            }
        }

        /** The caller's phone plays μ-law at 8 bytes a millisecond: a mark is echoed once all before it is played. */
        private synchronized void played(int bytes) {
            long now = System.nanoTime();
            playheadEndNanos = Math.max(playheadEndNanos, now) + bytes * 125_000L;
        }

        private void echoMark(String name) {
            ObjectNode mark = json.createObjectNode();
            mark.put("event", "mark").put("sequenceNumber", String.valueOf(sequence.incrementAndGet()));
            mark.put("streamSid", streamSid);
            mark.putObject("mark").put("name", name);
            send(mark.toString());
        }

        void hangUp(String finalStatus) {
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
            }
            if (frames != null) {
                frames.cancel(false);
            }
            WebSocket ws = socket;
            if (ws != null) {
                ObjectNode stop = json.createObjectNode();
                stop.put("event", "stop").put("sequenceNumber", String.valueOf(sequence.incrementAndGet()));
                stop.put("streamSid", streamSid);
                stop.putObject("stop").put("accountSid", "ACsimulated").put("callSid", sid);
                send(stop.toString());
                ws.close((short) 1000, "call ended");
            }
            status(this, finalStatus);
            calls.remove(sid);
        }
    }
}
