package app.highway.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;

/**
 * Reading a request the same way in every handler: its body (empty, never null), its query
 * parameters (the first value of each) and who sent it (for the log).
 */
final class Requests {
    private Requests() {
    }

    static Buffer body(RoutingContext ctx) {
        RequestBody body = ctx.body();
        Buffer buffer = body == null ? null : body.buffer();
        return buffer == null ? Buffer.buffer() : buffer;
    }

    static Function<String, String> queryParams(RoutingContext ctx) {
        return name -> {
            List<String> values = ctx.queryParam(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        };
    }

    static String remote(HttpServerRequest request) {
        return request.remoteAddress() == null ? "?" : request.remoteAddress().host();
    }
}
