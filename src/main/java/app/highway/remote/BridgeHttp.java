package app.highway.remote;

import app.highway.config.Secret;
import app.highway.team.Refusal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The bridge's HTTP API as a console calls it: JSON in and out, the person's token on every request (and
 * nowhere else: never in a message or a log line). Every method blocks (the network): the console calls them
 * off the FX thread. A 401 or 403 becomes a {@link Refusal} whose message says what to do; any other failure a
 * {@link BridgeUnavailable} naming the bridge.
 */
final class BridgeHttp {
    private final URI base;
    private final Secret token;
    private final ObjectMapper json;
    private final HttpClient http;
    private final Duration timeout;

    BridgeHttp(URI base, Secret token, ObjectMapper json, Duration timeout) {
        String text = base.toString().replaceAll("/+$", "");
        this.base = URI.create(text);
        this.token = token;
        this.json = json;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    URI base() {
        return base;
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode put(String path, Object body) {
        return send("PUT", path, body);
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    /** DELETE; the status (204, 404, 409) is the answer. */
    int delete(String path) {
        return exchange("DELETE", path, null).statusCode();
    }

    /** A path segment or query value, encoded. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    <T> T read(JsonNode node, Class<T> type) {
        try {
            return json.treeToValue(node, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new BridgeUnavailable("The bridge at " + base + " answered something this console cannot read ("
                    + e.getMessage() + "): is it the same version?", e);
        }
    }

    /** An answer's body as JSON. */
    JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new BridgeUnavailable("The bridge at " + base + " answered with something that is not JSON", e);
        }
    }

    private JsonNode send(String method, String path, Object body) {
        HttpResponse<String> r = exchange(method, path, body);
        if (r.statusCode() >= 400) {
            throw failure(method, path, r);
        }
        try {
            return r.body().isEmpty() ? json.createObjectNode() : json.readTree(r.body());
        } catch (IOException e) {
            throw new BridgeUnavailable("The bridge at " + base + " answered " + method + " " + path
                    + " with something that is not JSON", e);
        }
    }

    /** Sends the request; any status comes back, only a network failure throws. */
    HttpResponse<String> exchange(String method, String path, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", "Bearer " + token.reveal()).header("Accept", "application/json");
        try {
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BridgeUnavailable("Interrupted while asking the bridge at " + base, e);
        } catch (IOException e) {
            throw new BridgeUnavailable("The bridge at " + base + " cannot be reached (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    /** What a failed answer means, in words a person at the console can act on. */
    RuntimeException failure(String method, String path, HttpResponse<String> r) {
        String message = message(r.body());
        return switch (r.statusCode()) {
            case 401 -> new Refusal(Refusal.Kind.FORBIDDEN, "unauthorized", "The bridge at " + base + " no longer "
                    + "accepts your token (revoked, unknown, or your account was disabled): ask an admin for a new one");
            case 403 -> Refusal.forbidden(message == null ? "Your role may not do this (" + method + " " + path + ")"
                    : message);
            case 404 -> new Refusal(Refusal.Kind.NOT_FOUND, "not_found", message == null ? "Not found" : message);
            case 409 -> new Refusal(Refusal.Kind.CONFLICT, "conflict", message == null ? "Conflict" : message);
            case 400, 415, 413 -> new Refusal(Refusal.Kind.INVALID, "invalid", message == null ? "Refused" : message);
            default -> new BridgeUnavailable("The bridge at " + base + " answered " + r.statusCode() + " to " + method
                    + " " + path + (message == null ? "" : ": " + message), null);
        };
    }

    private String message(String body) {
        try {
            JsonNode n = json.readTree(body);
            return n != null && n.hasNonNull("message") ? n.get("message").asText() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
