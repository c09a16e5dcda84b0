package app.highway.support;

import app.highway.twilio.TwilioSignatures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Plays Twilio's part after the REST call: posts signed status callbacks and connects the media
 * stream the TwiML asked for (signed upgrade, {@code connected}, {@code start} with the custom
 * parameters, {@code media} frames, {@code mark} echoes, {@code stop}) over real sockets.
 */
public final class FakeCarrier {
    private static final Pattern STREAM_URL = Pattern.compile("<Stream url=\"([^\"]+)\"");
    private static final Pattern PARAMETER = Pattern.compile("<Parameter name=\"([^\"]+)\" value=\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String authToken;

    public FakeCarrier(String authToken) {
        this.authToken = authToken;
    }

    /** Posts a signed status callback like Twilio's; returns the HTTP status the bridge answered. */
    public int status(String callbackUrl, String callSid, String callStatus) throws Exception {
        return status(callbackUrl, callSid, callStatus, true);
    }

    public int status(String callbackUrl, String callSid, String callStatus, boolean signed) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", FakeTwilioRest.ACCOUNT_SID);
        form.put("CallSid", callSid);
        form.put("CallStatus", callStatus);
        form.put("Direction", "outbound-api");
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(callbackUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signed) {
            request.header(TwilioSignatures.HEADER, TwilioSignatures.sign(authToken, callbackUrl, form));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * Posts Twilio's asynchronous answering-machine verdict ({@code AsyncAmdStatusCallback}) as Twilio does: a form
     * POST with {@code AccountSid}, {@code CallSid}, {@code AnsweredBy} and {@code MachineDetectionDuration} (ms),
     * signed over {@code callbackUrl} unless {@code signed} is false (or signed with {@code wrongToken} when given);
     * returns the HTTP status the bridge answered.
     */
    public int amd(String callbackUrl, String callSid, String answeredBy, long durationMs, boolean signed)
            throws Exception {
        return amd(callbackUrl, callSid, answeredBy, durationMs, signed ? authToken : null);
    }

    /** As {@link #amd(String, String, String, long, boolean)}, signed with {@code token} (null: unsigned). */
    public int amd(String callbackUrl, String callSid, String answeredBy, long durationMs, String token)
            throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", FakeTwilioRest.ACCOUNT_SID);
        form.put("CallSid", callSid);
        form.put("AnsweredBy", answeredBy);
        form.put("MachineDetectionDuration", String.valueOf(durationMs));
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(callbackUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header(TwilioSignatures.HEADER, TwilioSignatures.sign(token, callbackUrl, form));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * Asks the bridge for TwiML as Twilio does when a dialled {@code <Number url>} answers (a signed form
     * POST, with the dialled leg's CallSid and the parent call's); returns the bridge's answer.
     */
    public HttpResponse<String> requestTwiml(String url, String parentCallSid, boolean signed) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", FakeTwilioRest.ACCOUNT_SID);
        form.put("CallSid", "CA" + "9".repeat(32));
        form.put("ParentCallSid", parentCallSid);
        form.put("CallStatus", "in-progress");
        form.put("Direction", "outbound-dial");
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signed) {
            request.header(TwilioSignatures.HEADER, TwilioSignatures.sign(authToken, url, form));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens the media stream described by the TwiML the bridge gave Twilio, and sends connected + start. */
    public Stream connect(String twiml, String callSid) throws Exception {
        return connect(twiml, callSid, true);
    }

    public Stream connect(String twiml, String callSid, boolean signed) throws Exception {
        Matcher url = STREAM_URL.matcher(twiml);
        if (!url.find()) {
            throw new AssertionError("No <Stream url> in TwiML: " + twiml);
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher p = PARAMETER.matcher(twiml);
        while (p.find()) {
            params.put(p.group(1), p.group(2));
        }
        Stream stream = new Stream(callSid, params);
        WebSocket.Builder builder = http.newWebSocketBuilder();
        if (signed) {
            builder.header(TwilioSignatures.HEADER, TwilioSignatures.sign(authToken, url.group(1), Map.of()));
        }
        stream.socket = builder.buildAsync(URI.create(url.group(1)), stream).get(10, TimeUnit.SECONDS);
        stream.sendRaw("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}");
        stream.sendStart();
        return stream;
    }

    /** One media stream as Twilio would run it. */
    /** A message from the bridge, and the {@link System#nanoTime()} at which the fake carrier had all of it. */
    public record Arrival(JsonNode message, long nanos) { }

    public final class Stream implements WebSocket.Listener {
        public final String callSid;
        public final String streamSid = "MZ00000000000000000000000000000001";
        private final Map<String, String> parameters;
        private final BlockingQueue<Arrival> inbox = new LinkedBlockingQueue<>();
        private final CountDownLatch closed = new CountDownLatch(1);
        private final StringBuilder partial = new StringBuilder();
        private volatile int closeCode;
        /** {@link System#nanoTime()} just before the {@code start} message was handed to the socket. */
        public volatile long startSentNanos;
        private WebSocket socket;
        private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
        private int sequence;

        Stream(String callSid, Map<String, String> parameters) {
            this.callSid = callSid;
            this.parameters = parameters;
        }

        void sendStart() {
            ObjectNode start = json.createObjectNode();
            start.put("event", "start").put("sequenceNumber", "1").put("streamSid", streamSid);
            ObjectNode s = start.putObject("start");
            s.put("accountSid", FakeTwilioRest.ACCOUNT_SID).put("streamSid", streamSid).put("callSid", callSid);
            s.putArray("tracks").add("inbound");
            s.putObject("mediaFormat").put("encoding", "audio/x-mulaw").put("sampleRate", 8000).put("channels", 1);
            ObjectNode custom = s.putObject("customParameters");
            parameters.forEach(custom::put);
            String text = start.toString();
            startSentNanos = System.nanoTime();
            sendRaw(text);
        }

        /** Sends one 20 ms caller frame stamped {@code timestampMs}; returns its payload. */
        public String sendMedia(long timestampMs, byte[] mulaw) {
            String payload = Base64.getEncoder().encodeToString(mulaw);
            sendRaw("{\"event\":\"media\",\"sequenceNumber\":\"" + (++sequence + 1) + "\",\"media\":{\"track\":"
                    + "\"inbound\",\"chunk\":\"" + sequence + "\",\"timestamp\":\"" + timestampMs
                    + "\",\"payload\":\"" + payload + "\"},\"streamSid\":\"" + streamSid + "\"}");
            return payload;
        }

        public void echoMark(String name) {
            sendRaw("{\"event\":\"mark\",\"sequenceNumber\":\"" + (++sequence + 1) + "\",\"streamSid\":\""
                    + streamSid + "\",\"mark\":{\"name\":\"" + name + "\"}}");
        }

        /** The caller pressed a key: Twilio's {@code dtmf} message, as Media Streams sends it. */
        public void sendDtmf(String digit) {
            sendRaw("{\"event\":\"dtmf\",\"streamSid\":\"" + streamSid + "\",\"sequenceNumber\":\""
                    + (++sequence + 1) + "\",\"dtmf\":{\"track\":\"inbound_track\",\"digit\":\"" + digit + "\"}}");
        }

        public void sendStop() {
            sendRaw("{\"event\":\"stop\",\"sequenceNumber\":\"" + (++sequence + 1) + "\",\"streamSid\":\""
                    + streamSid + "\",\"stop\":{\"accountSid\":\"" + FakeTwilioRest.ACCOUNT_SID + "\",\"callSid\":\""
                    + callSid + "\"}}");
        }

        /** Drops the connection without a stop message, as a network failure would. */
        public void abort() {
            socket.abort();
        }

        public synchronized void sendBinary(byte[] data) {
            sending = sending.thenCompose(x -> socket.sendBinary(java.nio.ByteBuffer.wrap(data), true));
            sending.join();
        }

        public synchronized void sendRaw(String text) {
            sending = sending.thenCompose(x -> socket.sendText(text, true));
            sending.join();
        }

        /** The next message of this event type from the bridge; other events before it are skipped. */
        public JsonNode awaitEvent(String event) throws InterruptedException {
            return awaitArrival(event).message();
        }

        /** As {@link #awaitEvent}, with when the fake carrier read it off its socket. */
        public Arrival awaitArrival(String event) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                Arrival a = inbox.poll(100, TimeUnit.MILLISECONDS);
                if (a != null && event.equals(a.message().path("event").asText())) {
                    return a;
                }
            }
            throw new AssertionError("The bridge did not send '" + event + "' on the media stream");
        }

        public JsonNode pollEvent(String event, long millis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (System.nanoTime() < deadline) {
                Arrival a = inbox.poll(20, TimeUnit.MILLISECONDS);
                if (a != null && event.equals(a.message().path("event").asText())) {
                    return a.message();
                }
            }
            return null;
        }

        /** The next message from the bridge, whatever it is, within {@code millis}; null if none came. */
        public JsonNode pollAny(long millis) throws InterruptedException {
            Arrival a = inbox.poll(millis, TimeUnit.MILLISECONDS);
            return a == null ? null : a.message();
        }

        public boolean awaitClosedByBridge() throws InterruptedException {
            return closed.await(10, TimeUnit.SECONDS);
        }

        public boolean awaitClosedByBridge(java.time.Duration within) throws InterruptedException {
            return closed.await(within.toMillis(), TimeUnit.MILLISECONDS);
        }

        public int closeCode() {
            return closeCode;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long at = System.nanoTime();
                try {
                    inbox.add(new Arrival(json.readTree(partial.toString()), at));
                } catch (Exception e) {
                    inbox.add(new Arrival(json.createObjectNode().put("event", "__not_json__"), at));
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeCode = statusCode;
            closed.countDown();
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.countDown();
        }
    }
}
