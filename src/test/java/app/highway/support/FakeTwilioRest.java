package app.highway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for Twilio's REST API (2010-04-01 Calls resource) on a real socket: records
 * each created call and each update (hang-up), checks HTTP basic auth, and answers with Twilio's
 * JSON, or with Twilio's error JSON when told to.
 */
public final class FakeTwilioRest implements AutoCloseable {
    public static final String ACCOUNT_SID = "ACtest00000000000000000000000000";
    public static final String AUTH_TOKEN = "test-auth-token-0123456789abcdef";

    /** One request as the fake received it. */
    public record Received(String method, String path, Map<String, List<String>> form, long receivedNanos) {
        public String param(String name) {
            List<String> v = form.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    private static final Pattern CREATE = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Calls\\.json");
    private static final Pattern UPDATE = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Calls/([^/]+)\\.json");

    private final HttpServer server;
    private final BlockingQueue<Received> created = new LinkedBlockingQueue<>();
    private final BlockingQueue<Received> updates = new LinkedBlockingQueue<>();
    private final AtomicInteger sids = new AtomicInteger();
    private volatile String createError;
    private volatile int createErrorStatus;
    private volatile int failUpdates;
    private final Map<String, String> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile java.util.concurrent.CountDownLatch createGate;
    private final BlockingQueue<Received> createsStarted = new LinkedBlockingQueue<>();
    private volatile java.util.function.BiConsumer<String, Received> onCreated = (sid, r) -> { };

    /** Told of every call created from now on, with its CallSid, once the answer has been sent (a callee's side). */
    public void onCreated(java.util.function.BiConsumer<String, Received> listener) {
        onCreated = listener;
    }

    /** Every creation request so far, in order of arrival (refused ones included). */
    public List<Received> createdSoFar() {
        return new ArrayList<>(created);
    }

    /**
     * Call creations from now on are held (the request is read, the answer waits) until
     * {@link #releaseCreates()}: Twilio answering slowly, for races with a hang-up or a shutdown.
     */
    public void holdCreates() {
        createGate = new java.util.concurrent.CountDownLatch(1);
    }

    public void releaseCreates() {
        java.util.concurrent.CountDownLatch gate = createGate;
        createGate = null;
        if (gate != null) {
            gate.countDown();
        }
    }

    /** A creation request has arrived (and is being held if {@link #holdCreates()} was called). */
    public Received awaitCreateStarted() throws InterruptedException {
        Received r = createsStarted.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("Twilio was not asked to create a call");
        }
        return r;
    }

    /** What a fetch of this call answers (default: in-progress). */
    public void status(String callSid, String status) {
        statuses.put(callSid, status);
    }

    public FakeTwilioRest() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-twilio-rest");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next call creation is refused with Twilio's error JSON for {@code code}. */
    public void refuseNextCreate(int httpStatus, int code, String message) {
        createErrorStatus = httpStatus;
        createError = "{\"code\":" + code + ",\"message\":\"" + message + "\",\"more_info\":"
                + "\"https://www.twilio.com/docs/errors/" + code + "\",\"status\":" + httpStatus + "}";
    }

    /** The next {@code n} call updates answer 503 (Twilio having a bad moment). */
    public void failNextUpdates(int n) {
        failUpdates = n;
    }

    public Received awaitCreatedCall() throws InterruptedException {
        Received r = created.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("Twilio was not asked to create a call");
        }
        return r;
    }

    public Received awaitUpdate(Duration timeout) throws InterruptedException {
        Received r = updates.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError("Twilio was not asked to update (end) the call");
        }
        return r;
    }

    public List<Received> updatesSoFar() {
        return new ArrayList<>(updates);
    }

    public int createdCount() {
        return created.size();
    }

    private void handle(HttpExchange ex) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            respond(ex, 401, "{\"code\":20003,\"message\":\"Authenticate\",\"more_info\":"
                    + "\"https://www.twilio.com/docs/errors/20003\",\"status\":401}");
            return;
        }
        String path = ex.getRequestURI().getPath();
        long receivedNanos = System.nanoTime();
        Received r = new Received(ex.getRequestMethod(), path,
                parseForm(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)), receivedNanos);
        Matcher create = CREATE.matcher(path);
        Matcher update = UPDATE.matcher(path);
        if ("POST".equals(r.method()) && create.matches()) {
            createsStarted.add(r);
            java.util.concurrent.CountDownLatch gate = createGate;
            if (gate != null) {
                try {
                    gate.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String error = createError;
            if (error != null) {
                createError = null;
                created.add(r);
                respond(ex, createErrorStatus, error);
                return;
            }
            String sid = String.format("CA%032d", sids.incrementAndGet());
            created.add(r);
            respond(ex, 201, callJson(sid, r.param("To"), r.param("From"), "queued"));
            onCreated.accept(sid, r);
        } else if ("GET".equals(r.method()) && update.matches()) {
            respond(ex, 200, callJson(update.group(2), "+15559876543", "+15550001111",
                    statuses.getOrDefault(update.group(2), "in-progress")));
        } else if ("POST".equals(r.method()) && update.matches()) {
            if (failUpdates > 0) {
                failUpdates--;
                respond(ex, 503, "{\"code\":20503,\"message\":\"Service unavailable\",\"status\":503}");
                return;
            }
            updates.add(r);
            // a transfer sends Twiml instead of Status: the call goes on, in progress
            respond(ex, 200, callJson(update.group(2), "+15559876543", "+15550001111",
                    r.param("Status") == null ? "in-progress" : r.param("Status")));
        } else {
            respond(ex, 404, "{\"code\":20404,\"message\":\"The requested resource was not found\",\"status\":404}");
        }
    }

    private static String callJson(String sid, String to, String from, String status) {
        return "{\"sid\":\"" + sid + "\",\"account_sid\":\"" + ACCOUNT_SID + "\",\"to\":\"" + to + "\",\"from\":\""
                + from + "\",\"status\":\"" + status + "\",\"direction\":\"outbound-api\",\"api_version\":"
                + "\"2010-04-01\",\"uri\":\"/2010-04-01/Accounts/" + ACCOUNT_SID + "/Calls/" + sid + ".json\"}";
    }

    private static Map<String, List<String>> parseForm(String body) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return form;
    }

    private static void respond(HttpExchange ex, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        releaseCreates();
        server.stop(0);
    }
}
