package app.highway.remote;

import app.highway.ConsoleServices;
import app.highway.call.CallSnapshot;
import app.highway.store.CallHistory;
import app.highway.store.CallPage;
import app.highway.store.CallQuery;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Past and live calls from {@code GET /calls}; the bridge narrows an agent's to their own. */
final class RemoteHistory implements ConsoleServices.History {
    private final BridgeHttp http;

    RemoteHistory(BridgeHttp http) {
        this.http = http;
    }

    @Override
    public Optional<CallSnapshot> find(String idOrSid) {
        String path = "/calls/" + BridgeHttp.encode(idOrSid);
        HttpResponse<String> r = http.exchange("GET", path, null);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw http.failure("GET", path, r);
        }
        return Optional.of(http.read(http.parse(r.body()), CallSnapshot.class));
    }

    record Page(List<CallSnapshot> calls, String nextCursor) { }

    @Override
    public CallPage list(CallQuery q) {
        List<String> params = new ArrayList<>();
        add(params, "from", q.from() == null ? null : q.from().toString());
        add(params, "to", q.to() == null ? null : q.to().toString());
        add(params, "state", q.state() == null ? null : q.state().wire());
        add(params, "reflection", q.reflection());
        add(params, "number", q.number());
        add(params, "placedBy", q.placedBy());
        add(params, "limit", String.valueOf(Math.min(q.limit(), CallQuery.MAX_LIMIT)));
        add(params, "cursor", q.cursor());
        Page page = http.read(http.get("/calls?" + String.join("&", params)), Page.class);
        return new CallPage(page.calls(), page.nextCursor());
    }

    @Override
    public CallHistory.Deletion delete(String idOrSid) {
        String path = "/calls/" + BridgeHttp.encode(idOrSid);
        HttpResponse<String> r = http.exchange("DELETE", path, null);
        return switch (r.statusCode()) {
            case 204, 200 -> CallHistory.Deletion.DELETED;
            case 404 -> CallHistory.Deletion.NOT_FOUND;
            case 409 -> CallHistory.Deletion.STILL_LIVE;
            default -> throw http.failure("DELETE", path, r);
        };
    }

    private static void add(List<String> params, String name, String value) {
        if (value != null && !value.isBlank()) {
            params.add(name + "=" + BridgeHttp.encode(value));
        }
    }
}
