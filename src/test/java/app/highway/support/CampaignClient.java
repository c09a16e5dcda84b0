package app.highway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** The campaign API as a client uses it, over HTTP, on a bridge at {@code base} with {@code token}. */
public final class CampaignClient {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;
    private final String token;

    public CampaignClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Uploads a CSV list ({@code query}: mapping and plan, without the leading ?); returns the new campaign's id. */
    public String create(String csv, String query) throws Exception {
        HttpResponse<String> r = send("POST", "/campaigns" + (query.isEmpty() ? "" : "?" + query), "text/csv", csv);
        if (r.statusCode() != 201) {
            throw new AssertionError("POST /campaigns answered " + r.statusCode() + ": " + r.body());
        }
        return json.readTree(r.body()).path("campaign").path("id").asText();
    }

    public JsonNode control(String id, String action) throws Exception {
        HttpResponse<String> r = send("POST", "/campaigns/" + id + "/" + action, null, null);
        if (r.statusCode() != 200) {
            throw new AssertionError("POST /campaigns/" + id + "/" + action + " answered " + r.statusCode() + ": "
                    + r.body());
        }
        return json.readTree(r.body());
    }

    public JsonNode progress(String id) throws Exception {
        HttpResponse<String> r = send("GET", "/campaigns/" + id, null, null);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /campaigns/" + id + " answered " + r.statusCode() + ": " + r.body());
        }
        return json.readTree(r.body());
    }

    public JsonNode results(String id) throws Exception {
        HttpResponse<String> r = send("GET", "/campaigns/" + id + "/results", null, null);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET results answered " + r.statusCode() + ": " + r.body());
        }
        return json.readTree(r.body());
    }

    /** Polls the progress until it matches, or fails with the last one seen. */
    public JsonNode await(String id, Predicate<JsonNode> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = progress(id);
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                last.path("rowsDetail");
                throw new AssertionError("The campaign did not get there in " + timeout + ": "
                        + last.toString().substring(0, Math.min(3000, last.toString().length())));
            }
            Thread.sleep(50);
            last = progress(id);
        }
        return last;
    }

    public JsonNode json(String text) throws Exception {
        return json.readTree(text);
    }
}
