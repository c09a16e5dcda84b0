package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.realtime.SessionUpdate;
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
        for (String status : SessionUpdate.REFLECTION_STATUSES) {
            assertTrue(body.path("message").asText().contains(status), r.body());
        }
        assertEquals(400, h.get("/calls/export.csv?reflection=bogus", BridgeHarness.API_TOKEN).statusCode());
        assertEquals(200, h.get("/calls?reflection=successful_call", BridgeHarness.API_TOKEN).statusCode());
        assertEquals(400, h.get("/calls?state=bogus", BridgeHarness.API_TOKEN).statusCode());
    }
}
