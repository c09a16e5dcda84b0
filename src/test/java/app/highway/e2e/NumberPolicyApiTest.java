package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.support.BridgeHarness;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Premium-rate and other number types a verification never needs are refused before Twilio is asked. */
@Tag("e2e")
class NumberPolicyApiTest {

    @Test
    void riskyNumberTypesAreRefusedWithA400ThatSaysWhy() throws Exception {
        // "" = the default policy (the harness otherwise allows its fictional UNKNOWN +1 555 numbers)
        try (BridgeHarness h = BridgeHarness.start(Map.of("HIGHWAY_ALLOWED_NUMBER_TYPES", ""))) {
            Map<String, String> refused = Map.of(
                    "+19005551234", "premium-rate", // US 900
                    "+448431234567", "premium-rate", // GB 0843
                    "+447000123456", "personal", // GB 070
                    "+18005550123", "toll-free",
                    "+15559876543", "no range known"); // UNKNOWN: not a number in service
            for (Map.Entry<String, String> e : refused.entrySet()) {
                HttpResponse<String> r = h.postCall("{\"to\":\"" + e.getKey() + "\",\"verification\":123}");
                assertEquals(400, r.statusCode(), e.getKey() + ": " + r.body());
                JsonNode body = h.json(r.body());
                assertEquals("number_type_not_allowed", body.path("error").asText(), e.getKey());
                assertTrue(body.path("message").asText().contains(e.getValue()), r.body());
                assertTrue(body.path("message").asText().contains("HIGHWAY_ALLOWED_NUMBER_TYPES"), r.body());
            }
            assertEquals(0, h.twilio.createdCount());
            // a fixed-line-or-mobile US number and a UK mobile are called
            assertEquals(201, h.postCall("{\"to\":\"+12025550123\",\"verification\":123}").statusCode());
            assertEquals(201, h.postCall("{\"to\":\"+447911123456\",\"verification\":123}").statusCode());
        }
    }

    @Test
    void aSettingAllowsATypeExplicitly() throws Exception {
        try (BridgeHarness h = BridgeHarness.start(Map.of("HIGHWAY_ALLOWED_NUMBER_TYPES", "premium_rate"))) {
            HttpResponse<String> r = h.postCall("{\"to\":\"+19005551234\",\"verification\":123}");
            assertEquals(201, r.statusCode(), r.body());
            assertEquals(400, h.postCall("{\"to\":\"+15559876543\",\"verification\":123}").statusCode());
        }
    }

    @Test
    void theCountryAllowlistIsCheckedFirst() throws Exception {
        try (BridgeHarness h = BridgeHarness.start(Map.of("HIGHWAY_ALLOWED_COUNTRIES", "US"))) {
            JsonNode body = h.json(h.postCall("{\"to\":\"+448431234567\",\"verification\":123}").body());
            assertEquals("country_not_allowed", body.path("error").asText());
            assertEquals(0, h.twilio.createdCount());
        }
    }
}
