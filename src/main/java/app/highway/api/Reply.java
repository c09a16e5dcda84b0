package app.highway.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A finished answer, made off the loop (JSON included) and written on it. Its own type so that the
 * work on the worker pool returns a value and never touches the response, which belongs to the loop.
 */
final class Reply {
    private final int status;
    private final String contentType;
    private final Buffer body;
    private final Map<String, String> headers = new LinkedHashMap<>();

    Reply(int status, String contentType, Buffer body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    static Reply empty(int status) {
        return new Reply(status, null, null);
    }

    Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    void send(HttpServerResponse response) {
        response.setStatusCode(status);
        if (contentType != null) {
            response.putHeader("Content-Type", contentType);
        }
        headers.forEach(response::putHeader);
        if (body == null) {
            response.end();
        } else {
            response.end(body);
        }
    }
}
