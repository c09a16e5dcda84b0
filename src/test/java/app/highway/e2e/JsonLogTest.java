package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server's log collector asks for JSON lines: every console line of a headless start is one JSON object. */
@Tag("e2e")
class JsonLogTest {

    @Test
    void headlessBridgeLogsJsonLinesWhenAsked(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "app.highway.Launcher", "--headless", "--simulate");
        pb.environment().put("HIGHWAY_LOG_FORMAT", "json");
        pb.environment().put("HIGHWAY_DATA_DIR", dir.toString());
        pb.environment().put("PORT", "0");
        pb.environment().put("HIGHWAY_API_TOKEN", "json-log-test-token");
        pb.environment().remove("OPENAI_API_KEY");
        pb.directory(dir.toFile());
        pb.redirectErrorStream(true);
        Process bridge = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(bridge.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.contains("Control API token")) {
                    break;
                }
            }
        } finally {
            bridge.destroy();
            bridge.waitFor(20, TimeUnit.SECONDS);
        }
        ObjectMapper json = new ObjectMapper();
        assertFalse(lines.isEmpty());
        boolean listening = false;
        for (String line : lines) {
            JsonNode entry = json.readTree(line); // throws on any line that is not JSON
            assertTrue(entry.path("level").isTextual() && entry.path("formattedMessage").isTextual(), line);
            listening |= entry.path("formattedMessage").asText().contains("Highway bridge listening on port");
            assertFalse(line.contains("json-log-test-token"), "no secret in the log: " + line);
        }
        assertTrue(listening, "the start is logged: " + lines);
        assertTrue(Files.readString(dir.resolve("logs").resolve("highway.log")).contains(" INFO "),
                "the file keeps readable lines");
    }
}
