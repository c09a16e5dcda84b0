package app.highway.remote;

import app.highway.ConsoleServices;
import app.highway.call.CallSnapshot;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Placing and hanging up calls through the API, as the person whose token the console holds (so the bridge
 * checks their role and audits them, as for any client); a live call's snapshot from the console's memory.
 */
final class RemoteCalls implements ConsoleServices.Calls {
    private final BridgeHttp http;
    private final Function<String, CallSnapshot> live;

    RemoteCalls(BridgeHttp http, Function<String, CallSnapshot> live) {
        this.http = http;
        this.live = live;
    }

    @Override
    public CallSnapshot place(String to, String code, String note) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("to", to);
        body.put("verification", code);
        if (note != null && !note.isBlank()) {
            body.put("note", note);
        }
        JsonNode answer = http.post("/call-customer", body);
        String id = answer.path("id").asText();
        CallSnapshot known = live.apply(id);
        return known != null ? known : new RemoteHistory(http).find(id).orElseThrow(() -> new BridgeUnavailable(
                "The bridge placed call " + id + " but does not show it", null));
    }

    @Override
    public boolean hangUp(String idOrSid) {
        String path = "/calls/" + BridgeHttp.encode(idOrSid) + "/hangup";
        HttpResponse<String> r = http.exchange("POST", path, null);
        return switch (r.statusCode()) {
            case 202, 200 -> true;
            case 404, 409 -> false;
            default -> throw http.failure("POST", path, r);
        };
    }

    @Override
    public Optional<CallSnapshot> snapshot(String id) {
        return Optional.ofNullable(live.apply(id));
    }
}
