package app.highway.api;

import app.highway.call.Call;
import app.highway.call.CallRateExceeded;
import app.highway.call.CallService;
import app.highway.call.CallSnapshot;
import app.highway.call.NumberNotAllowed;
import app.highway.call.NumberPolicy;
import app.highway.call.PhoneNumbers;
import app.highway.control.CallControls;
import app.highway.team.Actor;
import app.highway.twilio.TwilioApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The live calls: {@code POST /call-customer} (checks the body and the number, then places the call on
 * the worker pool, as whoever presented the token), {@code POST /calls/{id}/hangup} and {@code GET /health}. What a client does to a
 * call in progress, apart from the records of calls past ({@link HistoryRoutes}).
 */
final class CallRoutes {
    private final CallService calls;
    private final CallControls controls;
    private final NumberPolicy numbers;
    private final ObjectMapper json;
    private final Replies replies;

    CallRoutes(CallService calls, CallControls controls, NumberPolicy numbers, ObjectMapper json, Replies replies) {
        this.calls = calls;
        this.controls = controls;
        this.numbers = numbers;
        this.json = json;
        this.replies = replies;
    }

    void health(RoutingContext ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("mode", calls.simulated() ? "simulation" : "live");
        body.put("activeCalls", calls.activeCalls());
        replies.json(ctx, 200, body);
    }

    void callCustomer(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new BadRequest(415, "unsupported_media_type",
                    "Send the body as JSON with Content-Type: application/json");
        }
        Buffer raw = Requests.body(ctx);
        Actor actor = Access.actor(ctx);
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
                Call call = controls.place(actor, number.e164(), request.verification(), request.note());
                CallSnapshot s = call.snapshot();
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("callSid", s.callSid());
                answer.put("id", s.id());
                answer.put("to", s.to());
                answer.put("country", number.countryName());
                answer.put("placedBy", s.placedBy());
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

    /** Agents hang up the calls they placed (another's: 403), supervisors any. */
    void hangUp(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Actor actor = Access.actor(ctx);
        replies.blocking(ctx, () -> switch (controls.hangUp(actor, id)) {
            case NO_SUCH_CALL -> replies.jsonReply(404, ApiError.of("not_found", "No call " + id));
            case ALREADY_ENDED -> replies.jsonReply(409, ApiError.of("already_ended", "The call has already ended"));
            case HANGING_UP -> replies.jsonReply(202, Map.of("id", id, "hangingUp", true));
            case OWNER_UNREACHABLE -> replies.jsonReply(504, ApiError.of("bridge_unreachable", "The call is held by "
                    + "another bridge of the fleet, which did not answer in time; try again"));
        });
    }
}
