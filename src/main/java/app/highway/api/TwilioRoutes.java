package app.highway.api;

import app.highway.call.CallService;
import app.highway.config.AppConfig;
import app.highway.twilio.AnsweredBy;
import app.highway.twilio.TransferTwiml;
import app.highway.twilio.TwilioSignatures;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Twilio calls: {@code POST /twilio/status} (the carrier's call status), {@code POST /twilio/amd} (the
 * answering-machine verdict), {@code POST
 * /twilio/transfer-whisper/{id}} (a warm transfer's summary) and the {@code /media-stream} WebSocket
 * upgrade, whose socket goes to {@link MediaStreamEndpoint}. All are checked against Twilio's signature
 * (not the bearer token) before anything else is done.
 */
final class TwilioRoutes {
    // the API logs under one name, whichever of its classes writes the line
    private static final Logger log = LoggerFactory.getLogger(TwilioRoutes.class);

    private final AppConfig config;
    private final TwilioSignatures signatures;
    private final CallService calls;
    private final MediaStreamEndpoint media;
    private final Replies replies;

    TwilioRoutes(AppConfig config, TwilioSignatures signatures, CallService calls, MediaStreamEndpoint media,
            Replies replies) {
        this.config = config;
        this.signatures = signatures;
        this.calls = calls;
        this.media = media;
        this.replies = replies;
    }

    void twilioStatus(RoutingContext ctx) {
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

    /**
     * Twilio's answering-machine verdict ({@code AsyncAmdStatusCallback}: {@code CallSid}, {@code AnsweredBy},
     * {@code MachineDetectionDuration}), signature-checked against the exact URL given to Twilio: 204, or 400 for
     * an {@code AnsweredBy} Twilio does not use (nothing changes); 403 unsigned or wrongly signed.
     */
    void machineDetection(RoutingContext ctx) {
        Map<String, String> params = form(ctx);
        if (!signatures.valid(config.amdCallbackUrl(), params, ctx.request().getHeader(TwilioSignatures.HEADER))) {
            log.warn("Refused an unsigned or wrongly signed answering-machine callback from {}",
                    Requests.remote(ctx.request()));
            replies.json(ctx, 403, ApiError.of("forbidden", "Invalid Twilio signature"));
            return;
        }
        String callSid = params.get("CallSid");
        if (callSid == null || callSid.isBlank()) {
            replies.json(ctx, 400, ApiError.of("bad_request", "CallSid is missing"));
            return;
        }
        String answeredBy = params.get("AnsweredBy");
        if (AnsweredBy.fromWire(answeredBy).isEmpty()) {
            replies.json(ctx, 400, ApiError.of("bad_request", "Unknown AnsweredBy: Twilio's words are human, "
                    + "machine_start, machine_end_beep, machine_end_silence, machine_end_other, fax and unknown"));
            return;
        }
        long detectionMs = millis(params.get("MachineDetectionDuration"));
        replies.blocking(ctx, () -> {
            calls.onMachineDetection(callSid, answeredBy, detectionMs);
            return Reply.empty(204);
        });
    }

    private static Map<String, String> form(RoutingContext ctx) {
        Map<String, String> params = new HashMap<>();
        MultiMap form = ctx.request().formAttributes();
        for (String name : form.names()) {
            String first = form.get(name);
            params.put(name, first == null ? "" : first);
        }
        return params;
    }

    private static long millis(String text) {
        try {
            return text == null ? -1 : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * A warm transfer's summary, asked by Twilio when the person dialled answers (signature-checked against
     * this exact URL): TwiML {@code <Say>}; 404 for a call that was not warm-transferred.
     */
    void transferWhisper(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Map<String, String> params = new HashMap<>();
        MultiMap form = ctx.request().formAttributes();
        for (String name : form.names()) {
            String first = form.get(name);
            params.put(name, first == null ? "" : first);
        }
        String url = config.publicBaseUrl() + "/twilio/transfer-whisper/" + id;
        if (!signatures.valid(url, params, ctx.request().getHeader(TwilioSignatures.HEADER))) {
            log.warn("Refused an unsigned or wrongly signed transfer callback from {}", Requests.remote(ctx.request()));
            replies.json(ctx, 403, ApiError.of("forbidden", "Invalid Twilio signature"));
            return;
        }
        Optional<String> summary = calls.transferSummary(id);
        if (summary.isEmpty()) {
            replies.notFound(ctx);
            return;
        }
        ctx.response().setStatusCode(200).putHeader("Content-Type", "text/xml; charset=utf-8")
                .end(TransferTwiml.whisper(summary.get()));
    }

    /** Twilio's media WebSocket: signature-checked against the exact {@code <Stream url>} before the upgrade. */
    void mediaStream(RoutingContext ctx) {
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
}
