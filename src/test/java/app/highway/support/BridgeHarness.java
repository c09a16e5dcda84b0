package app.highway.support;

import app.highway.Bridge;
import app.highway.config.AppConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A real bridge on a free loopback port, wired to a fake Twilio REST server and a fake Realtime
 * server, with a fake carrier to play Twilio's media side, and an HTTP client for the control API.
 */
public final class BridgeHarness implements AutoCloseable {
    public static final String API_TOKEN = "test-api-token";
    public static final String OPENAI_KEY = "sk-test-openai-key-0000000000000000";

    public final FakeTwilioRest twilio;
    public final FakeRealtimeServer realtime;
    public final FakeCarrier carrier;
    public final Bridge bridge;
    public final Path dataDir;
    /** The call timers' clock: real time unless the harness was started with {@link #withVirtualTimers}. */
    public final ManualScheduler timers;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private BridgeHarness(Map<String, String> overrides, URI realtimeUrl) throws Exception {
        this(overrides, realtimeUrl, t -> { });
    }

    private BridgeHarness(Map<String, String> overrides, URI realtimeUrl,
            java.util.function.Consumer<FakeTwilioRest> prepareTwilio) throws Exception {
        this(overrides, realtimeUrl, prepareTwilio, null);
    }

    private BridgeHarness(Map<String, String> overrides, URI realtimeUrl,
            java.util.function.Consumer<FakeTwilioRest> prepareTwilio, ManualScheduler timers) throws Exception {
        this(overrides, realtimeUrl, prepareTwilio, timers, null);
    }

    private BridgeHarness(Map<String, String> overrides, URI realtimeUrl,
            java.util.function.Consumer<FakeTwilioRest> prepareTwilio, ManualScheduler timers,
            app.highway.campaign.Campaigns.Time campaignTime) throws Exception {
        this.timers = timers;
        twilio = new FakeTwilioRest();
        prepareTwilio.accept(twilio);
        realtime = new FakeRealtimeServer();
        carrier = new FakeCarrier(FakeTwilioRest.AUTH_TOKEN);
        Path tempDir = Files.createTempDirectory("highway-test");
        int port = freePort();
        Map<String, String> env = fakeEnv(realtimeUrl == null ? realtime.url() : realtimeUrl, twilio.baseUrl(), port,
                API_TOKEN, tempDir);
        env.put("TWILIO_CALLS_PER_SECOND", "50");
        env.put("OPENAI_API_KEY", OPENAI_KEY);
        env.putAll(overrides);
        this.dataDir = java.nio.file.Path.of(env.get("HIGHWAY_DATA_DIR"));
        if (campaignTime != null) {
            bridge = Bridge.start(AppConfig.from(env), false, app.highway.call.Scheduler.realTime("call-timers"),
                    campaignTime);
        } else {
            bridge = timers == null ? Bridge.start(AppConfig.from(env), false)
                    : Bridge.start(AppConfig.from(env), false, timers);
        }
    }

    /** The configuration of a bridge wired to local fakes, as environment variables. */
    public static Map<String, String> fakeEnv(URI realtimeUrl, URI twilioBaseUrl, int port, String apiToken,
            Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("OPENAI_API_KEY", "sk-test-fake");
        env.put("OPENAI_REALTIME_URL", realtimeUrl.toString());
        env.put("TWILIO_ACCOUNT_SID", FakeTwilioRest.ACCOUNT_SID);
        env.put("TWILIO_AUTH_TOKEN", FakeTwilioRest.AUTH_TOKEN);
        env.put("TWILIO_PHONE_NUMBER", "+15550001111");
        env.put("TWILIO_API_BASE_URL", twilioBaseUrl.toString());
        env.put("PUBLIC_BASE_URL", "http://127.0.0.1:" + port);
        env.put("PORT", String.valueOf(port));
        env.put("HIGHWAY_API_TOKEN", apiToken);
        env.put("HIGHWAY_DATA_DIR", dataDir.toString());
        // the tests call fictional +1 555 numbers, which libphonenumber knows in no range (UNKNOWN) and the
        // bridge refuses by default; NumberPolicyApiTest checks the default policy
        env.put("HIGHWAY_ALLOWED_NUMBER_TYPES", "UNKNOWN");
        return env;
    }

    public static BridgeHarness start() throws Exception {
        return new BridgeHarness(Map.of(), null);
    }

    public static BridgeHarness start(Map<String, String> overrides) throws Exception {
        return new BridgeHarness(overrides, null);
    }

    /** A bridge whose fake Twilio is prepared before the bridge starts (e.g. to fail its first requests). */
    public static BridgeHarness start(Map<String, String> overrides, java.util.function.Consumer<FakeTwilioRest> prepare)
            throws Exception {
        return new BridgeHarness(overrides, null, prepare);
    }

    /** A bridge whose call timers (ring timeout, maximum duration, hang-up guard) run in virtual time: see {@link #timers}. */
    public static BridgeHarness withVirtualTimers(Map<String, String> overrides) throws Exception {
        return new BridgeHarness(overrides, null, t -> { }, new ManualScheduler());
    }

    /** A bridge whose campaigns go by {@code time} (a virtual clock and scheduler: calling hours, retries). */
    public static BridgeHarness withCampaignTime(Map<String, String> overrides,
            app.highway.campaign.Campaigns.Time time) throws Exception {
        return new BridgeHarness(overrides, null, t -> { }, null, time);
    }

    /** A bridge whose model endpoint is {@code realtimeUrl} instead of the fake Realtime server. */
    public static BridgeHarness withRealtimeAt(URI realtimeUrl) throws Exception {
        return new BridgeHarness(Map.of(), realtimeUrl);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + bridge.port();
    }

    public String statusCallbackUrl() {
        return bridge.config().statusCallbackUrl();
    }

    public HttpResponse<String> post(String path, String contentType, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> put(String path, String body, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> delete(String path) throws Exception {
        return delete(path, API_TOKEN);
    }

    public HttpResponse<String> delete(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).DELETE()
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postCall(String body) throws Exception {
        return post("/call-customer", "application/json", body, API_TOKEN);
    }

    public HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode call(String idOrSid) throws Exception {
        HttpResponse<String> r = get("/calls/" + idOrSid, API_TOKEN);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /calls/" + idOrSid + " answered " + r.statusCode() + ": " + r.body());
        }
        return json.readTree(r.body());
    }

    /** Polls the API until the call matches, or fails with the call's last JSON. */
    public JsonNode awaitCall(String idOrSid, Predicate<JsonNode> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = call(idOrSid);
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Call did not reach the expected state in " + timeout + ": " + last);
            }
            Thread.sleep(20);
            last = call(idOrSid);
        }
        return last;
    }

    public JsonNode json(String text) throws IOException {
        return json.readTree(text);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        bridge.close();
        realtime.close();
        twilio.close();
    }
}
