package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.realtime.Tools;
import app.highway.support.BridgeHarness;
import app.highway.support.ServerEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What a new user tripped over at the API: each answer says what is wrong, with the right status. */
@Tag("e2e")
class ApiInputTest {
    private static BridgeHarness h;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        h = BridgeHarness.start();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void aCursorTheApiDidNotIssueIsA400() throws Exception {
        String notANumber = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("yesterday:hw-1".getBytes(StandardCharsets.UTF_8));
        for (String cursor : new String[] {"garbage", "%21%21", notANumber}) {
            HttpResponse<String> r = h.get("/calls?cursor=" + cursor, BridgeHarness.API_TOKEN);
            assertEquals(400, r.statusCode(), cursor + ": " + r.body());
            JsonNode body = h.json(r.body());
            assertEquals("invalid_query", body.path("error").asText());
            assertTrue(body.path("message").asText().contains("cursor"), r.body());
        }
    }

    @Test
    void toGivenAsANumberMustBeAString() throws Exception {
        HttpResponse<String> r = h.postCall("{\"to\":12025550123,\"verification\":123}");
        assertEquals(400, r.statusCode(), r.body());
        String message = h.json(r.body()).path("message").asText();
        assertTrue(message.contains("'to' must be a string") && message.contains("E.164"), message);
        assertFalse(message.contains("'to' is required"), message);
        assertTrue(h.json(h.postCall("{\"verification\":123}").body()).path("message").asText()
                .contains("'to' is required"));
    }

    @Test
    void anUnknownReflectionIsA400ListingTheAllowedOnes() throws Exception {
        HttpResponse<String> r = h.get("/calls?reflection=bogus", BridgeHarness.API_TOKEN);
        assertEquals(400, r.statusCode(), r.body());
        JsonNode body = h.json(r.body());
        assertEquals("invalid_query", body.path("error").asText());
        for (String status : Tools.REFLECTION_STATUSES) {
            assertTrue(body.path("message").asText().contains(status), r.body());
        }
        assertEquals(400, h.get("/calls/export.csv?reflection=bogus", BridgeHarness.API_TOKEN).statusCode());
        assertEquals(200, h.get("/calls?reflection=successful_call", BridgeHarness.API_TOKEN).statusCode());
        assertEquals(400, h.get("/calls?state=bogus", BridgeHarness.API_TOKEN).statusCode());
    }

    @Test
    void theBearerSchemeIsCaseInsensitiveButTheTokenIsNot() throws Exception {
        for (String scheme : new String[] {"Bearer", "bearer", "BEARER"}) {
            assertEquals(200, getWithAuthorization("/calls", scheme + " " + BridgeHarness.API_TOKEN).statusCode(),
                    scheme);
        }
        String upper = BridgeHarness.API_TOKEN.toUpperCase(Locale.ROOT);
        assertEquals(401, getWithAuthorization("/calls", "Bearer " + upper).statusCode());
        assertEquals(401, getWithAuthorization("/calls", "Bearer " + BridgeHarness.API_TOKEN + "x").statusCode());
        assertEquals(401, getWithAuthorization("/calls", "Basic " + BridgeHarness.API_TOKEN).statusCode());
        assertEquals(401, getWithAuthorization("/calls", "Bearer").statusCode());
    }

    /** Jetty's per-connection header cache once handed back the earlier line for one differing only in case. */
    @Test
    void onOneKeptAliveConnectionTheTokenInAnotherCaseIs401() throws Exception {
        String upper = BridgeHarness.API_TOKEN.toUpperCase(Locale.ROOT);
        try (Socket socket = new Socket("127.0.0.1", h.bridge.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            assertEquals(200, exchange(out, in, "Bearer " + BridgeHarness.API_TOKEN));
            assertEquals(401, exchange(out, in, "Bearer " + upper));
            assertEquals(401, exchange(out, in, "bearer " + upper));
            assertEquals(200, exchange(out, in, "bearer " + BridgeHarness.API_TOKEN));
            assertEquals(401, exchange(out, in, "BEARER " + upper));
            assertEquals(200, exchange(out, in, "Bearer " + BridgeHarness.API_TOKEN));
        }
    }

    private HttpResponse<String> getWithAuthorization(String path, String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(h.baseUrl() + path)).GET()
                .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One GET /calls?limit=1 on the kept-alive connection; returns the status after reading the whole response. */
    private static int exchange(OutputStream out, InputStream in, String authorization) throws IOException {
        out.write(("GET /calls?limit=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + authorization
                + "\r\nConnection: keep-alive\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String head = readUntilBlankLine(in);
        int status = Integer.parseInt(head.substring(9, 12));
        Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1)));
        } else if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            while (true) {
                int size = Integer.parseInt(readLine(in).trim().split(";")[0], 16);
                in.readNBytes(size);
                readLine(in);
                if (size == 0) {
                    break;
                }
            }
        }
        assertFalse(head.toLowerCase(Locale.ROOT).contains("connection: close"), head);
        return status;
    }

    private static String readUntilBlankLine(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        String line;
        while (!(line = readLine(in)).isEmpty()) {
            head.append(line).append('\n');
        }
        return head.toString();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aBodyThatIsNotJsonIs415() throws Exception {
        HttpResponse<String> r = h.post("/call-customer", "text/plain", "to=+12025550123", BridgeHarness.API_TOKEN);
        assertEquals(415, r.statusCode(), r.body());
        assertEquals("unsupported_media_type", h.json(r.body()).path("error").asText());
        assertEquals(415, h.post("/call-customer", null, "{}", BridgeHarness.API_TOKEN).statusCode());
    }

    @Test
    void aWrongMethodIs405WithAnAllowHeader() throws Exception {
        HttpResponse<String> get = h.get("/call-customer", BridgeHarness.API_TOKEN);
        assertEquals(405, get.statusCode(), get.body());
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
        JsonNode body = h.json(get.body());
        assertEquals("method_not_allowed", body.path("error").asText());
        assertTrue(body.path("message").asText().contains("POST"), get.body());

        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(h.baseUrl() + "/calls/hw-1"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + BridgeHarness.API_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, put.statusCode(), put.body());
        String allow = put.headers().firstValue("Allow").orElse("");
        assertTrue(allow.contains("GET") && allow.contains("DELETE") && !allow.contains("PUT"), allow);
        assertEquals(401, h.get("/call-customer", null).statusCode()); // the token still comes first
        assertEquals(404, h.get("/no-such-endpoint", BridgeHarness.API_TOKEN).statusCode());
    }

    /** Seven identical responses of $0.00312 add up to 0.021840000000000002 in doubles. */
    @Test
    void costsAreWrittenWithAFixedPrecisionInJsonAndCsv() throws Exception {
        LiveCall call = LiveCall.answered(h, "123");
        for (int i = 0; i < 7; i++) {
            call.model.send(ServerEvents.responseDone("r" + i, 100, 0, 0, 10, 40));
        }
        h.awaitCall(call.callSid, c -> c.path("usage").path("totalTokens").asLong() == 7 * 150, Duration.ofSeconds(5));
        assertEquals("0.02184000", rawCost(h.get("/calls/" + call.callSid, BridgeHarness.API_TOKEN).body()));
        assertEquals("0.02184000", rawCost(h.get("/calls?limit=1", BridgeHarness.API_TOKEN).body()));
        assertEquals("0.02184000", rawCost(h.get("/calls/export.json", BridgeHarness.API_TOKEN).body()));
        String csv = h.get("/calls/export.csv", BridgeHarness.API_TOKEN).body();
        assertTrue(csv.contains(",0.02184000,"), csv);
        assertFalse(csv.contains("0.0218400000"), csv);
        call.stream.sendStop();
    }

    private static String rawCost(String json) {
        Matcher m = Pattern.compile("\"costUsd\":([^,}]+)").matcher(json);
        assertTrue(m.find(), json);
        return m.group(1);
    }
}
