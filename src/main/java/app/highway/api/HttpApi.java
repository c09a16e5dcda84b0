package app.highway.api;

import app.highway.call.Call;
import app.highway.call.CallRateExceeded;
import app.highway.call.CallService;
import app.highway.call.CallSnapshot;
import app.highway.call.NumberNotAllowed;
import app.highway.call.NumberPolicy;
import app.highway.call.PhoneNumbers;
import app.highway.config.AppConfig;
import app.highway.config.Secret;
import app.highway.store.CallExport;
import app.highway.store.CallHistory;
import app.highway.store.CallPage;
import app.highway.store.CallQuery;
import app.highway.transport.Transport;
import app.highway.twilio.MediaStreamProtocol;
import app.highway.twilio.TwilioApiException;
import app.highway.twilio.TwilioSignatures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's one port: the control API (bearer token), Twilio's status callback and media
 * WebSocket (Twilio signature), and {@code /health}. A vertx-web router on the transport's relay
 * loop: every connection, and every media socket, is served by that one event loop. Whatever may
 * block (placing a call, the store, exports) runs on a small worker pool and answers when done.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    static final long MAX_BODY_BYTES = 16 * 1024;
    /** Generous at the socket, so that an oversized frame is refused by our parser (logged, the call goes on). */
    static final int MAX_WEBSOCKET_BYTES = 1024 * 1024;
    /** A media socket (or a kept-alive API connection) with nothing on it for this long is closed. */
    static final int IDLE_TIMEOUT_SECONDS = 120;
    /** Placing a call waits its turn at the pace (up to 10 s): enough threads that a burst does not starve reads. */
    static final int API_WORKERS = 32;

    private final AppConfig config;
    private final CallService calls;
    private final CallHistory history;
    private final ObjectMapper json;
    private final ObjectMapper out; // costUsd and friends: 8 decimals
    private final TwilioSignatures signatures;
    private final BearerAuth auth;
    private final MediaStreamEndpoint media;
    private final NumberPolicy numbers;
    private final Transport transport;
    private WorkerExecutor workers;
    private Replies replies;
    private volatile HttpServer server;

    public HttpApi(AppConfig config, Secret apiToken, CallService calls, CallHistory history,
            TwilioSignatures signatures, ObjectMapper json, Transport transport) {
        this.config = config;
        this.calls = calls;
        this.history = history;
        this.json = json;
        this.out = CallExport.roundingMoney(json);
        this.signatures = signatures;
        this.auth = new BearerAuth(apiToken);
        this.numbers = NumberPolicy.from(config);
        this.media = new MediaStreamEndpoint(calls, new MediaStreamProtocol(json));
        this.transport = transport;
    }

    static HttpServerOptions serverOptions() {
        return new HttpServerOptions()
                // no deflate on audio: a client offering permessage-deflate gets a plain socket
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setCompressionSupported(false)
                .setMaxWebSocketFrameSize(MAX_WEBSOCKET_BYTES)
                .setMaxWebSocketMessageSize(MAX_WEBSOCKET_BYTES)
                .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setTcpNoDelay(true);
    }

    /** Starts listening on the relay loop; returns the port actually bound (useful when {@code PORT=0}). */
    public int start() {
        Vertx vertx = transport.vertx();
        workers = vertx.createSharedWorkerExecutor("highway-api", API_WORKERS, 60, TimeUnit.SECONDS);
        replies = new Replies(out, workers);
        CompletableFuture<HttpServer> bound = new CompletableFuture<>();
        transport.relay().runOnContext(v -> {
            HttpServer s = vertx.createHttpServer(serverOptions());
            s.requestHandler(router(vertx)).listen(config.port()).onComplete(ar -> {
                if (ar.succeeded()) {
                    bound.complete(ar.result());
                } else {
                    bound.completeExceptionally(ar.cause());
                }
            });
        });
        try {
            server = bound.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            workers.close();
            throw new IllegalStateException("The bridge cannot listen on port " + config.port() + " (is another "
                    + "program using it? set PORT to a free one): " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            workers.close();
            throw new IllegalStateException("The bridge did not start listening on port " + config.port()
                    + " within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.close();
            throw new IllegalStateException("Interrupted while starting to listen on port " + config.port(), e);
        }
        log.info("Highway bridge listening on port {} ({} mode); Twilio reaches it at {} ({} ms after the JVM started)",
                server.actualPort(), calls.simulated() ? "SIMULATION" : "live", config.publicBaseUrl(),
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
        return server.actualPort();
    }

    private Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route().handler(this::requireToken);
        // the upgrade is checked and taken before any body handling
        router.route(HttpMethod.GET, "/media-stream").handler(this::mediaStream);
        router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES)); // past the limit: 413

        Map<String, List<String>> allowed = new LinkedHashMap<>();
        on(router, allowed, HttpMethod.GET, "/health", this::health);
        on(router, allowed, HttpMethod.POST, "/call-customer", this::callCustomer);
        on(router, allowed, HttpMethod.GET, "/calls", this::listCalls);
        on(router, allowed, HttpMethod.GET, "/calls/export.csv", this::exportCsv);
        on(router, allowed, HttpMethod.GET, "/calls/export.json", this::exportJson);
        on(router, allowed, HttpMethod.GET, "/calls/:id", this::getCall);
        on(router, allowed, HttpMethod.DELETE, "/calls/:id", this::deleteCall);
        on(router, allowed, HttpMethod.POST, "/calls/:id/hangup", this::hangUp);
        on(router, allowed, HttpMethod.POST, "/twilio/status", this::twilioStatus);
        // a known path with the wrong method: 405 with an Allow header
        allowed.forEach((path, methods) -> {
            String allow = String.join(", ", methods);
            router.route(path).handler(ctx -> {
                ctx.response().putHeader("Allow", allow);
                replies.json(ctx, 405, ApiError.of("method_not_allowed", ctx.request().method().name() + " is not allowed on "
                        + ctx.request().path() + "; allowed: " + allow));
            });
        });
        router.route().handler(replies::notFound);
        router.route().failureHandler(replies::failed);
        return router;
    }

    private static void on(Router router, Map<String, List<String>> allowed, HttpMethod method, String path,
            Handler<RoutingContext> handler) {
        router.route(method, path).handler(handler);
        allowed.computeIfAbsent(path, p -> new ArrayList<>()).add(method.name());
    }

    private void health(RoutingContext ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("mode", calls.simulated() ? "simulation" : "live");
        body.put("activeCalls", calls.activeCalls());
        replies.json(ctx, 200, body);
    }

    /** The control API's paths need the bearer token; the token comes before anything else (even a 405). */
    private void requireToken(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        boolean control = path.equals("/call-customer") || path.equals("/call-customer/") || path.equals("/calls")
                || path.startsWith("/calls/");
        if (control && !auth.allows(ctx.request().getHeader("Authorization"))) {
            log.warn("Refused {} {} from {}: missing or wrong bearer token", ctx.request().method(),
                    ctx.request().path(), Requests.remote(ctx.request()));
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            replies.json(ctx, 401, ApiError.of("http_401", "A valid bearer token is required: "
                    + "Authorization: Bearer <HIGHWAY_API_TOKEN>"));
            return;
        }
        ctx.next();
    }

    private void callCustomer(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new BadRequest(415, "unsupported_media_type",
                    "Send the body as JSON with Content-Type: application/json");
        }
        Buffer raw = Requests.body(ctx);
        replies.blocking(ctx, () -> {
            JsonNode body;
            try {
                body = json.readTree(raw.getBytes());
            } catch (Exception e) {
                throw new BadRequest("malformed_json", "The body is not valid JSON: expected "
                        + "{\"to\": \"+12025550123\", \"verification\": 123}");
            }
            CallRequest request = CallRequest.from(body);
            PhoneNumbers.Parsed number = PhoneNumbers.parseE164(request.to()).orElseThrow(() -> new BadRequest(
                    "invalid_phone_number", "'to' is not a phone number in E.164 form (a + followed by the country "
                            + "code and number, like +12025550123)"));
            numbers.check(number.e164()).ifPresent(refusal -> {
                throw new BadRequest(refusal.error(), refusal.message());
            });
            try {
                Call call = calls.placeCall(number.e164(), request.verification(), request.note());
                CallSnapshot s = call.snapshot();
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("callSid", s.callSid());
                answer.put("id", s.id());
                answer.put("to", s.to());
                answer.put("country", number.countryName());
                answer.put("state", s.state());
                answer.put("simulated", s.simulated());
                return replies.jsonReply(201, answer);
            } catch (NumberNotAllowed e) {
                return replies.jsonReply(400, ApiError.of(e.error(), e.getMessage()));
            } catch (CallRateExceeded e) {
                return replies.jsonReply(429, ApiError.of("rate_limited", e.getMessage()))
                        .header("Retry-After", String.valueOf(e.retryAfterSeconds()));
            } catch (TwilioApiException e) {
                return replies.jsonReply(statusFor(e), new ApiError("twilio_error", e.humanMessage(),
                        e.code() == 0 ? null : e.code(), e.moreInfo(), null));
            }
        });
    }

    /** 4xx when the request or the number is at fault, 502 when Twilio or the bridge's account is. */
    static int statusFor(TwilioApiException e) {
        return switch (e.code()) {
            case 21211, 21214, 21217 -> 400;
            case 21219, 21608 -> 403;
            case 20429 -> 429;
            default -> 502;
        };
    }

    private void listCalls(RoutingContext ctx) {
        CallQuery query = HistoryQuery.from(Requests.queryParams(ctx), 100);
        replies.blocking(ctx, () -> {
            CallPage page = history.list(query);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("calls", page.calls());
            body.put("nextCursor", page.nextCursor());
            return replies.jsonReply(200, body);
        });
    }

    /** Every call matching the filters (all pages), for a spreadsheet; numbers masked unless maskNumbers=false. */
    private void exportCsv(RoutingContext ctx) {
        CallQuery query = HistoryQuery.from(Requests.queryParams(ctx), CallQuery.MAX_LIMIT);
        boolean mask = !"false".equals(Requests.queryParams(ctx).apply("maskNumbers"));
        replies.blocking(ctx, () -> new Reply(200, "text/csv; charset=utf-8", Buffer.buffer(CallExport.csv(exportAll(query), mask)))
                .header("Content-Disposition", "attachment; filename=\"highway-calls.csv\""));
    }

    private void exportJson(RoutingContext ctx) {
        CallQuery query = HistoryQuery.from(Requests.queryParams(ctx), CallQuery.MAX_LIMIT);
        boolean mask = !"false".equals(Requests.queryParams(ctx).apply("maskNumbers"));
        replies.blocking(ctx, () -> new Reply(200, Replies.JSON, Buffer.buffer(CallExport.json(json, exportAll(query), mask)))
                .header("Content-Disposition", "attachment; filename=\"highway-calls.json\""));
    }

    private List<CallSnapshot> exportAll(CallQuery query) {
        List<CallSnapshot> all = new ArrayList<>();
        String cursor = null;
        do {
            CallPage page = history.list(new CallQuery(query.from(), query.to(), query.state(), query.reflection(),
                    query.number(), CallQuery.MAX_LIMIT, cursor));
            all.addAll(page.calls());
            cursor = page.nextCursor();
        } while (cursor != null && all.size() < 100_000);
        return all;
    }

    private void getCall(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        replies.blocking(ctx, () -> {
            java.util.Optional<CallSnapshot> call = history.find(id);
            return call.isPresent() ? replies.jsonReply(200, call.get())
                    : replies.jsonReply(404, ApiError.of("not_found", "No call " + id));
        });
    }

    private void deleteCall(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        replies.blocking(ctx, () -> switch (history.delete(id)) {
            case DELETED -> {
                log.info("Deleted the record of call {} on request", id);
                yield Reply.empty(204);
            }
            case STILL_LIVE -> replies.jsonReply(409, ApiError.of("still_live", "The call is still live: hang it up first"));
            default -> replies.jsonReply(404, ApiError.of("not_found", "No call " + id));
        });
    }

    private void hangUp(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        replies.blocking(ctx, () -> {
            if (calls.find(id).isEmpty()) {
                return replies.jsonReply(404, ApiError.of("not_found", "No call " + id));
            } else if (!calls.hangUp(id)) {
                return replies.jsonReply(409, ApiError.of("already_ended", "The call has already ended"));
            }
            return replies.jsonReply(202, Map.of("id", id, "hangingUp", true));
        });
    }

    private void twilioStatus(RoutingContext ctx) {
        Map<String, String> params = new HashMap<>();
        MultiMap form = ctx.request().formAttributes();
        for (String name : form.names()) {
            String first = form.get(name);
            params.put(name, first == null ? "" : first);
        }
        if (!signatures.valid(config.statusCallbackUrl(), params, ctx.request().getHeader(TwilioSignatures.HEADER))) {
            log.warn("Refused an unsigned or wrongly signed status callback from {}", Requests.remote(ctx.request()));
            replies.json(ctx, 403, ApiError.of("forbidden", "Invalid Twilio signature"));
            return;
        }
        replies.blocking(ctx, () -> {
            calls.onCarrierStatus(params.get("CallSid"), params.get("CallStatus"));
            return Reply.empty(204);
        });
    }

    /** Twilio's media WebSocket: signature-checked against the exact {@code <Stream url>} before the upgrade. */
    private void mediaStream(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!isWebSocketUpgrade(request)) {
            replies.notFound(ctx);
            return;
        }
        if (!signatures.valid(config.mediaStreamUrl(), Map.of(), request.getHeader(TwilioSignatures.HEADER))) {
            log.warn("Refused a media stream upgrade from {}: unsigned or wrongly signed", Requests.remote(request));
            replies.json(ctx, 403, ApiError.of("forbidden", "Invalid Twilio signature"));
            return;
        }
        request.toWebSocket().onComplete(ar -> {
            if (ar.succeeded()) {
                media.accept(ar.result());
            } else {
                log.warn("Media stream upgrade from {} failed: {}", Requests.remote(request), ar.cause().getMessage());
            }
        });
    }

    private static boolean isWebSocketUpgrade(HttpServerRequest request) {
        String upgrade = request.getHeader("Upgrade");
        return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    }

    public int port() {
        return server.actualPort();
    }

    /** Stops listening and closes every connection still open (the relay's runtime itself is the bridge's). */
    @Override
    public void close() {
        HttpServer s = server;
        server = null;
        if (s != null) {
            try {
                s.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                log.debug("Stopping the API server: {}", e.getMessage());
            }
        }
        if (workers != null) {
            workers.close();
        }
    }
}
