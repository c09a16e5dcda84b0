package app.highway.api;

import app.highway.control.BridgeUnreachable;
import app.highway.control.CallPowers;
import app.highway.team.Actor;
import app.highway.twilio.TwilioApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A supervisor's powers on a live call: {@code POST /calls/{id}/whisper}, {@code /say}, {@code /mute},
 * {@code /unmute}, {@code /transfer}. Who may do what, and the audit, are {@link CallPowers}'; its refusals become the API's
 * JSON errors (403, 404, 409, 400). On a call another bridge of the fleet holds, that bridge acts and its answer
 * is this one's (504 when it does not answer in time). The work runs on the worker pool (the audit log is written to the store).
 */
final class PowerRoutes {
    private final CallPowers powers;
    private final ObjectMapper json;
    private final Replies replies;

    PowerRoutes(CallPowers powers, ObjectMapper json, Replies replies) {
        this.powers = powers;
        this.json = json;
        this.replies = replies;
    }

    /** {@code {"text": "...", "respond": false}} → 202 {@code {"call": id}}. */
    void whisper(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Actor actor = Access.actor(ctx);
        Buffer raw = Requests.body(ctx);
        blocking(ctx, () -> {
            JsonNode body = object(raw, "{\"text\": \"be brief, they are driving\", \"respond\": false}");
            JsonNode respond = body.path("respond");
            if (!respond.isMissingNode() && !respond.isBoolean() && !respond.isNull()) {
                throw new BadRequest("invalid_body", "'respond' must be true or false");
            }
            String call = powers.whisper(actor, id, text(body), respond.asBoolean(false));
            return replies.jsonReply(202, Map.of("call", call));
        });
    }

    /** {@code {"text": "..."}} → 202 {@code {"call": id}}. */
    void say(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Actor actor = Access.actor(ctx);
        Buffer raw = Requests.body(ctx);
        blocking(ctx, () -> {
            JsonNode body = object(raw, "{\"text\": \"One moment please, I am checking that for you.\"}");
            String call = powers.say(actor, id, text(body));
            return replies.jsonReply(202, Map.of("call", call));
        });
    }

    /** → 200 {@code {"muted": true}}. */
    void mute(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Actor actor = Access.actor(ctx);
        blocking(ctx, () -> replies.jsonReply(200, Map.of("muted", powers.mute(actor, id))));
    }

    /** → 200 {@code {"muted": false}}. */
    void unmute(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Actor actor = Access.actor(ctx);
        blocking(ctx, () -> replies.jsonReply(200, Map.of("muted", powers.unmute(actor, id))));
    }

    /**
     * {@code {"to": "+15551234567", "warm": false}} ({@code to} optional: the transfer-number setting) →
     * 202 {@code {"call": id, "transferred": true}}; Twilio's refusal → its status (502 when it is Twilio's).
     */
    void transfer(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Actor actor = Access.actor(ctx);
        Buffer raw = Requests.body(ctx);
        blocking(ctx, () -> {
            JsonNode body = raw.length() == 0 ? json.createObjectNode()
                    : object(raw, "{\"to\": \"+12025550123\", \"warm\": false}");
            JsonNode to = body.path("to");
            JsonNode warm = body.path("warm");
            if (!to.isMissingNode() && !to.isNull() && !to.isTextual()) {
                throw new BadRequest("invalid_body", "'to' must be a phone number in E.164 form, as a JSON string");
            }
            if (!warm.isMissingNode() && !warm.isNull() && !warm.isBoolean()) {
                throw new BadRequest("invalid_body", "'warm' must be true or false");
            }
            try {
                String call = powers.transfer(actor, id, to.isTextual() ? to.asText() : null, warm.asBoolean(false));
                return replies.jsonReply(202, Map.of("call", call, "transferred", true));
            } catch (TwilioApiException e) {
                int status = e.code() == 21220 ? 409 : CallRoutes.statusFor(e);
                return replies.jsonReply(status, new ApiError("twilio_error", e.humanMessage(),
                        e.code() == 0 ? null : e.code(), e.moreInfo(), null));
            }
        });
    }

    /** Runs {@code work} on the worker pool; the fleet's bridge holding the call not answering in time is a 504. */
    private void blocking(RoutingContext ctx, Callable<Reply> work) {
        replies.blocking(ctx, () -> {
            try {
                return work.call();
            } catch (BridgeUnreachable e) {
                return replies.jsonReply(504, ApiError.of("bridge_unreachable", e.getMessage()));
            }
        });
    }

    private JsonNode object(Buffer raw, String example) {
        JsonNode body;
        try {
            body = json.readTree(raw.getBytes());
        } catch (Exception e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            throw new BadRequest("malformed_json", "The body is not a JSON object: expected " + example);
        }
        return body;
    }

    private static String text(JsonNode body) {
        JsonNode text = body.path("text");
        if (!text.isTextual()) {
            throw new BadRequest("invalid_body", "'text' is required: the words, as a JSON string");
        }
        return text.asText();
    }
}
