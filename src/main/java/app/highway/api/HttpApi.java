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
import app.highway.store.InvalidCursor;
import app.highway.twilio.MediaStreamProtocol;
import app.highway.twilio.TwilioApiException;
import app.highway.twilio.TwilioSignatures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.json.JavalinJackson;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's one port: the control API (bearer token), Twilio's status callback and media
 * WebSocket (Twilio signature), and {@code /health}.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    private static final long MAX_BODY_BYTES = 16 * 1024;

    private final AppConfig config;
    private final CallService calls;
    private final CallHistory history;
    private final ObjectMapper json;
    private final TwilioSignatures signatures;
    private final BearerAuth auth;
    private final MediaStreamEndpoint media;
    private final NumberPolicy numbers;
    private Javalin app;

    public HttpApi(AppConfig config, Secret apiToken, CallService calls, CallHistory history,
            TwilioSignatures signatures, ObjectMapper json) {
        this.config = config;
        this.calls = calls;
        this.history = history;
        this.json = json;
        this.signatures = signatures;
        this.auth = new BearerAuth(apiToken);
        this.numbers = NumberPolicy.from(config);
        this.media = new MediaStreamEndpoint(calls, new MediaStreamProtocol(json));
    }

    /** Read buffer and per-message decoder size for Twilio's media socket (its messages are ~400 bytes). */
    static final int MEDIA_INPUT_BUFFER_BYTES = 1024;

    /** Starts listening; returns the port actually bound (useful when {@code PORT=0}). */
    public int start() {
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(CallExport.roundingMoney(json), false)); // costUsd: 8 decimals
            cfg.http.maxRequestSize = MAX_BODY_BYTES;
            cfg.http.prefer405over404 = true; // a known path with the wrong method: 405 with an Allow header
            // Jetty's per-connection header cache matches lines ignoring case by default: after
            // "Authorization: Bearer abc" on a kept-alive connection, "Bearer ABC" came back as "Bearer abc"
            cfg.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
            cfg.jetty.modifyWebSocketServletFactory(f -> {
                // generous at the socket so that an oversized frame is refused by our parser (logged, the
                // call goes on) instead of Jetty closing the stream
                f.setMaxTextMessageSize(1024 * 1024);
                f.setMaxBinaryMessageSize(1024 * 1024); // binary frames are ignored; refusing them politely keeps the call
                // Jetty sizes each text message's decoder at the input buffer size: Twilio's media messages are
                // ~400 bytes, so 1 KB instead of the default 4 KB cuts what every frame allocates by 3 KB
                f.setInputBufferSize(MEDIA_INPUT_BUFFER_BYTES);
            });

            cfg.routes.get("/health", this::health);
            cfg.routes.before("/call-customer", this::requireToken);
            cfg.routes.before("/calls", this::requireToken);
            cfg.routes.before("/calls/*", this::requireToken);
            cfg.routes.post("/call-customer", this::callCustomer);
            cfg.routes.get("/calls", this::listCalls);
            cfg.routes.get("/calls/export.csv", this::exportCsv);
            cfg.routes.get("/calls/export.json", this::exportJson);
            cfg.routes.get("/calls/{id}", this::getCall);
            cfg.routes.delete("/calls/{id}", this::deleteCall);
            cfg.routes.post("/calls/{id}/hangup", this::hangUp);
            cfg.routes.post("/twilio/status", this::twilioStatus);
            cfg.routes.wsBeforeUpgrade("/media-stream", this::checkMediaUpgrade);
            cfg.routes.ws("/media-stream", media::configure);

            cfg.routes.exception(BadRequest.class, (e, ctx) ->
                    ctx.status(e.status()).json(ApiError.of(e.error(), e.getMessage())));
            cfg.routes.exception(MethodNotAllowedResponse.class, (e, ctx) -> {
                String allowed = e.getDetails().values().stream().findFirst().orElse("");
                ctx.header("Allow", allowed);
                ctx.status(405).json(ApiError.of("method_not_allowed", ctx.method() + " is not allowed on "
                        + ctx.path() + "; allowed: " + allowed));
            });
            cfg.routes.exception(InvalidCursor.class, (e, ctx) ->
                    ctx.status(400).json(ApiError.of("invalid_query", "cursor is not one this API gave out: pass "
                            + "the nextCursor of the previous page unchanged, or leave cursor out for the first page")));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) ->
                    ctx.status(e.getStatus()).json(ApiError.of("http_" + e.getStatus(), e.getMessage())));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                log.error("Unhandled error on {} {}", ctx.method(), ctx.path(), e);
                ctx.status(500).json(ApiError.of("internal_error", "The bridge failed to handle this request; "
                        + "see its log"));
            });
            cfg.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    ctx.json(ApiError.of("not_found", "No such endpoint or call: " + ctx.path()));
                }
            });
        });
        app.start(config.port());
        log.info("Highway bridge listening on port {} ({} mode); Twilio reaches it at {} ({} ms after the JVM started)",
                app.port(), calls.simulated() ? "SIMULATION" : "live", config.publicBaseUrl(),
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
        return app.port();
    }

    private void health(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("mode", calls.simulated() ? "simulation" : "live");
        body.put("activeCalls", calls.activeCalls());
        ctx.json(body);
    }

    private void requireToken(Context ctx) {
        if (!auth.allows(ctx)) {
            log.warn("Refused {} {} from {}: missing or wrong bearer token", ctx.method(), ctx.path(), ctx.ip());
            ctx.header("WWW-Authenticate", "Bearer");
            throw new HttpResponseException(401, "A valid bearer token is required: "
                    + "Authorization: Bearer <HIGHWAY_API_TOKEN>");
        }
    }

    private void callCustomer(Context ctx) throws InterruptedException {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new BadRequest(415, "unsupported_media_type",
                    "Send the body as JSON with Content-Type: application/json");
        }
        String raw = ctx.body(); // throws 413 past the size limit
        JsonNode body;
        try {
            body = json.readTree(raw);
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
            ctx.status(201).json(answer);
        } catch (NumberNotAllowed e) {
            ctx.status(400).json(ApiError.of(e.error(), e.getMessage()));
        } catch (CallRateExceeded e) {
            ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
            ctx.status(429).json(ApiError.of("rate_limited", e.getMessage()));
        } catch (TwilioApiException e) {
            ctx.status(statusFor(e)).json(new ApiError("twilio_error", e.humanMessage(),
                    e.code() == 0 ? null : e.code(), e.moreInfo(), null));
        }
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

    private void listCalls(Context ctx) {
        CallPage page = history.list(HistoryQuery.from(ctx, 100));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("calls", page.calls());
        body.put("nextCursor", page.nextCursor());
        ctx.json(body);
    }

    /** Every call matching the filters (all pages), for a spreadsheet; numbers masked unless maskNumbers=false. */
    private void exportCsv(Context ctx) {
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"highway-calls.csv\"");
        ctx.result(CallExport.csv(exportAll(ctx), !"false".equals(ctx.queryParam("maskNumbers"))));
    }

    private void exportJson(Context ctx) {
        ctx.contentType("application/json");
        ctx.header("Content-Disposition", "attachment; filename=\"highway-calls.json\"");
        ctx.result(CallExport.json(json, exportAll(ctx), !"false".equals(ctx.queryParam("maskNumbers"))));
    }

    private List<CallSnapshot> exportAll(Context ctx) {
        CallQuery query = HistoryQuery.from(ctx, CallQuery.MAX_LIMIT);
        List<CallSnapshot> all = new java.util.ArrayList<>();
        String cursor = null;
        do {
            CallPage page = history.list(new CallQuery(query.from(), query.to(), query.state(), query.reflection(),
                    query.number(), CallQuery.MAX_LIMIT, cursor));
            all.addAll(page.calls());
            cursor = page.nextCursor();
        } while (cursor != null && all.size() < 100_000);
        return all;
    }

    private void getCall(Context ctx) {
        history.find(ctx.pathParam("id")).ifPresentOrElse(
                ctx::json,
                () -> ctx.status(404).json(ApiError.of("not_found", "No call " + ctx.pathParam("id"))));
    }

    private void deleteCall(Context ctx) {
        String id = ctx.pathParam("id");
        switch (history.delete(id)) {
            case DELETED -> {
                log.info("Deleted the record of call {} on request", id);
                ctx.status(204);
            }
            case STILL_LIVE -> ctx.status(409).json(ApiError.of("still_live", "The call is still live: hang it up "
                    + "first"));
            default -> ctx.status(404).json(ApiError.of("not_found", "No call " + id));
        }
    }

    private void hangUp(Context ctx) {
        String id = ctx.pathParam("id");
        if (calls.find(id).isEmpty()) {
            ctx.status(404).json(ApiError.of("not_found", "No call " + id));
        } else if (!calls.hangUp(id)) {
            ctx.status(409).json(ApiError.of("already_ended", "The call has already ended"));
        } else {
            ctx.status(202).json(Map.of("id", id, "hangingUp", true));
        }
    }

    private void twilioStatus(Context ctx) {
        Map<String, String> params = new HashMap<>();
        ctx.formParamMap().forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.get(0)));
        if (!signatures.valid(config.statusCallbackUrl(), params, ctx.header(TwilioSignatures.HEADER))) {
            log.warn("Refused an unsigned or wrongly signed status callback from {}", ctx.ip());
            ctx.status(403).json(ApiError.of("forbidden", "Invalid Twilio signature"));
            return;
        }
        calls.onCarrierStatus(params.get("CallSid"), params.get("CallStatus"));
        ctx.status(204);
    }

    private void checkMediaUpgrade(Context ctx) {
        if (!signatures.valid(config.mediaStreamUrl(), Map.of(), ctx.header(TwilioSignatures.HEADER))) {
            log.warn("Refused a media stream upgrade from {}: unsigned or wrongly signed", ctx.ip());
            throw new HttpResponseException(403, "Invalid Twilio signature");
        }
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
    }
}
