package app.highway.bench.load;

import app.highway.support.FakeTwilioRest;
import app.highway.twilio.TwilioSignatures;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One call's media stream, as Twilio runs it: signed upgrade with Twilio's {@code User-Agent} and no
 * WebSocket extension offered, {@code connected}, {@code start}, then a 20 ms frame every 20 ms; it
 * times every media frame it hears and echoes marks. Runs on the generator's shared Vert.x client
 * ({@link GeneratorVertx}: reads on its event loops), sends on the {@link Ticker}'s thread. Streams to the bridge come from the
 * TwiML of a placed call ({@link #CarrierStream(int, String, String, Metrics, Ticker)}); streams to
 * Twilio's Node sample go straight to its {@code /media-stream} ({@link #direct}).
 */
public final class CarrierStream implements Runnable {
    private static final Pattern STREAM_URL = Pattern.compile("<Stream url=\"([^\"]+)\"");
    private static final Pattern PARAMETER = Pattern.compile("<Parameter name=\"([^\"]+)\" value=\"([^\"]+)\"");
    private static final String MEDIA = "{\"event\":\"media\"";
    /** What Twilio's media streams send as User-Agent on the upgrade. */
    static final String TWILIO_USER_AGENT = "Twilio.TmeWs/1.0";
    private final int index;
    private final String callSid;
    private final String url;
    private final Map<String, String> params = new HashMap<>();
    private final Metrics metrics;
    private final Ticker ticker;
    private volatile WebSocket session;
    private volatile boolean stopped;
    private int seq;
    volatile long startSentNanos;
    volatile long firstAudioNanos;
    /** The extensions the server accepted on the upgrade ("" for none). */
    volatile String negotiatedExtensions = "none";

    CarrierStream(int index, String callSid, String twiml, Metrics metrics, Ticker ticker) {
        this(index, callSid, streamUrl(twiml), metrics, ticker);
        Matcher p = PARAMETER.matcher(twiml);
        while (p.find()) {
            params.put(p.group(1), p.group(2));
        }
    }

    private CarrierStream(int index, String callSid, URI url, Metrics metrics, Ticker ticker) {
        this.index = index;
        this.callSid = callSid;
        this.url = url.toString();
        this.metrics = metrics;
        this.ticker = ticker;
    }

    /** A stream straight to a media-stream URL, no placed call and no custom parameters (Twilio's Node sample). */
    static CarrierStream direct(int index, URI url, Metrics metrics, Ticker ticker) {
        return new CarrierStream(index, String.format("CA%032d", index), url, metrics, ticker);
    }

    private static URI streamUrl(String twiml) {
        Matcher u = STREAM_URL.matcher(twiml);
        if (!u.find()) {
            throw new IllegalStateException("no <Stream url> in " + twiml);
        }
        return URI.create(u.group(1));
    }

    /** How long a carrier waits for the upgrade's answer, s ({@code load.connectSeconds}, default 30). */
    static final int CONNECT_SECONDS = Integer.getInteger("load.connectSeconds", 30);

    /**
     * Opens the stream with {@code client}: Twilio's way (no extension offered) or, with the
     * generator's deflate client, as a generic WebSocket client that offers {@code permessage-deflate};
     * then sends {@code connected} and {@code start}.
     */
    void connect(WebSocketClient client) throws Exception {
        WebSocketConnectOptions request = new WebSocketConnectOptions().setAbsoluteURI(url)
                .addHeader("User-Agent", TWILIO_USER_AGENT)
                .addHeader(TwilioSignatures.HEADER, TwilioSignatures.sign(FakeTwilioRest.AUTH_TOKEN, url, Map.of()));
        WebSocket opened = GeneratorVertx.await(client.connect(request).map(ws -> {
            ws.textMessageHandler(this::onText); // on its event loop, before anything can arrive
            ws.exceptionHandler(this::onError);
            return ws;
        }), CONNECT_SECONDS);
        String accepted = opened.headers() == null ? null : opened.headers().get("Sec-WebSocket-Extensions");
        negotiatedExtensions = accepted == null || accepted.isBlank() ? "none" : accepted;
        session = opened;
        StringBuilder custom = new StringBuilder();
        params.forEach((k, v) -> custom.append(custom.length() == 0 ? "" : ",").append('"').append(k)
                .append("\":\"").append(v).append('"'));
        send("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}");
        startSentNanos = System.nanoTime();
        send("{\"event\":\"start\",\"sequenceNumber\":\"1\",\"start\":{\"accountSid\":\"" + FakeTwilioRest.ACCOUNT_SID
                + "\",\"streamSid\":\"MZ" + index + "\",\"callSid\":\"" + callSid
                + "\",\"tracks\":[\"inbound\"],\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\",\"sampleRate\":8000,"
                + "\"channels\":1},\"customParameters\":{" + custom + "}},\"streamSid\":\"MZ" + index + "\"}");
        seq = 1;
        ticker.every20ms(index, this);
    }

    /** The next 20 ms frame (the ticker calls this every 20 ms). */
    @Override
    public void run() {
        if (stopped) {
            throw new IllegalStateException("stream stopped"); // the ticker drops this sender
        }
        long now = System.nanoTime();
        metrics.carrierSent(now);
        int chunk = ++seq - 1; // Twilio's sequenceNumber counts every message (start was 1); chunk counts media
        send("{\"event\":\"media\",\"sequenceNumber\":\"" + seq + "\",\"media\":{\"track\":\"inbound\",\"chunk\":\""
                + chunk + "\",\"timestamp\":\"" + (chunk * 20) + "\",\"payload\":\""
                + new TimedFrame(index, seq, now).base64() + "\"},\"streamSid\":\"MZ" + index + "\"}");
    }

    private void send(String text) {
        WebSocket s = session;
        if (s != null && !s.isClosed()) {
            s.writeTextMessage(text);
        }
    }

    private void onText(String m) {
        if (m.startsWith(MEDIA)) {
            long now = System.nanoTime();
            if (firstAudioNanos == 0) {
                firstAudioNanos = now;
            }
            TimedFrame f = TimedFrame.in(m, "\"payload\":\"");
            if (f != null) {
                metrics.modelToCarrier(f, now);
            }
        } else if (m.contains("\"event\":\"mark\"")) {
            send(m); // Twilio echoes a mark once its audio has been played
        }
    }

    private void onError(Throwable cause) {
        if (!stopped) {
            LoadGenerator.log("carrier stream " + index + " failed: " + cause);
        } // a stream being stopped reports its closed channel: expected
    }

    void stop() {
        stopped = true;
        WebSocket s = session;
        if (s != null) {
            s.close();
        }
    }
}
