package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.support.BridgeHarness;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What a remote console edits, over real sockets: settings, system-message versions and prices are read by
 * anyone with a token and changed by supervisors only (an agent: 403), every change audited as its person;
 * bad values are a 400 that names them; {@code /facts} carries no local path.
 */
@Tag("e2e")
class SettingsApiTest {
    private static final String OWNER = BridgeHarness.API_TOKEN;
    private static BridgeHarness h;
    private static String agent;
    private static String supervisor;

    @BeforeAll
    static void start() throws Exception {
        h = BridgeHarness.start();
        agent = add("ann", "agent");
        supervisor = add("sam", "supervisor");
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static String add(String user, String role) throws Exception {
        HttpResponse<String> r = h.post("/people", "application/json", "{\"user\":\"" + user + "\",\"role\":\""
                + role + "\"}", OWNER);
        assertEquals(201, r.statusCode(), r.body());
        return h.json(r.body()).path("token").path("token").asText();
    }

    private static JsonNode ok(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        return h.json(r.body());
    }

    private static JsonNode auditFor(String action) throws Exception {
        return ok(h.get("/audit?action=" + action, OWNER)).path("entries");
    }

    @Test
    void anAgentReadsTheSettingsButOnlyASupervisorChangesThem() throws Exception {
        ObjectNode settings = (ObjectNode) ok(h.get("/settings", agent));
        assertEquals("shimmer", settings.path("voice").asText(), settings.toString());

        settings.put("voice", "alloy");
        HttpResponse<String> refused = h.put("/settings", settings.toString(), agent);
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("change the call settings"), refused.body());

        JsonNode saved = ok(h.put("/settings", settings.toString(), supervisor));
        assertEquals("alloy", saved.path("voice").asText());
        assertEquals("alloy", ok(h.get("/settings", agent)).path("voice").asText());
        JsonNode entry = auditFor("settings.change").get(0);
        assertEquals("sam", entry.path("user").asText(), entry.toString());
        assertTrue(entry.path("detail").asText().contains("voice shimmer → alloy"), entry.toString());

        settings.put("voice", "nobody");
        HttpResponse<String> bad = h.put("/settings", settings.toString(), supervisor);
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("voice must be one of"), bad.body());
        assertEquals(400, h.put("/settings", "[1,2]", supervisor).statusCode());
    }

    @Test
    void aSupervisorSavesANewSystemMessageVersionOnce() throws Exception {
        JsonNode versions = ok(h.get("/prompts", agent)).path("versions");
        int before = versions.size();
        String body = "{\"instructions\":\"Be brief.\",\"verificationTemplate\":\"SYSTEM:(Read {code}.)\"}";
        assertEquals(403, h.post("/prompts", "application/json", body, agent).statusCode());

        HttpResponse<String> created = h.post("/prompts", "application/json", body, supervisor);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode version = h.json(created.body());
        assertEquals(before + 1, version.path("version").asInt());
        assertEquals("sam", version.path("savedBy").asText(), version.toString());

        HttpResponse<String> again = h.post("/prompts", "application/json", body, supervisor);
        assertEquals(200, again.statusCode(), "the same text is the same version: " + again.body());
        assertEquals(before + 1, ok(h.get("/prompts", agent)).path("versions").size());
        assertEquals(400, h.post("/prompts", "application/json", "{\"instructions\":\"\"}", supervisor).statusCode());
    }

    @Test
    void pricesAreReadByAnyoneAndChangedBySupervisors() throws Exception {
        ObjectNode prices = (ObjectNode) ok(h.get("/prices", agent));
        assertEquals(4.0, prices.path("models").path("gpt-realtime").path("textInput").asDouble(), prices.toString());
        assertTrue(prices.path("transcription").has("whisper-1"), prices.toString());

        ((ObjectNode) prices.path("models").path("gpt-realtime")).put("textInput", 5.0);
        assertEquals(403, h.put("/prices", prices.toString(), agent).statusCode());
        JsonNode saved = ok(h.put("/prices", prices.toString(), supervisor));
        assertEquals(5.0, saved.path("models").path("gpt-realtime").path("textInput").asDouble());
        assertTrue(auditFor("prices.change").get(0).path("detail").asText().contains("gpt-realtime"));

        ((ObjectNode) prices.path("models").path("gpt-realtime")).put("textInput", -1);
        assertEquals(400, h.put("/prices", prices.toString(), supervisor).statusCode());
    }

    @Test
    void factsTellAConsoleAboutTheBridgeWithoutLocalPaths() throws Exception {
        JsonNode facts = ok(h.get("/facts", agent));
        assertTrue(facts.has("simulated") && facts.has("modelHost") && facts.has("defaultCountry"), facts.toString());
        assertEquals("127.0.0.1", facts.path("modelHost").asText());
        assertEquals("ann", facts.path("user").asText());
        assertEquals("agent", facts.path("role").asText());
        assertFalse(facts.toString().contains(h.dataDir.toString()), "no local path: " + facts);
        assertEquals(401, h.get("/facts", "not-a-token").statusCode());
        assertEquals(405, h.post("/facts", "application/json", "{}", supervisor).statusCode());
    }
}
