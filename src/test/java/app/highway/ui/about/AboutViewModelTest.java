package app.highway.ui.about;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.config.AppDirectories;
import app.highway.config.BuildInfo;
import app.highway.config.Installation;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class AboutViewModelTest {
    private static final Map<String, String> PROPERTIES = Map.of("java.runtime.version", "17.0.15+6",
            "java.vendor", "Debian", "javafx.version", "21.0.11", "java.home", "/opt/highway-console/lib/runtime");

    @Test
    void withoutEnvFileOrLogFileItSaysWhereToPutTheEnvFile() {
        Installation installation = new Installation(new BuildInfo("Highway Console", "1.2.3", "Highway"),
                new AppDirectories(Path.of("/home/ana/.config/highway"), Path.of("/home/ana/.local/share/highway")),
                Optional.empty(), Optional.empty());
        AboutViewModel about = new AboutViewModel(installation, Path.of("/srv/data"),
                Optional.of(Path.of("/srv/data/api-token")), PROPERTIES::get);
        Map<String, String> rows = about.rows().stream()
                .collect(Collectors.toMap(AboutViewModel.Row::id, AboutViewModel.Row::value));
        assertEquals("Highway Console 1.2.3", about.title());
        assertEquals("/srv/data", rows.get("aboutDataDir"), "the bridge's data dir, as configured");
        assertTrue(rows.get("aboutEnvFile").contains("/home/ana/.config/highway/.env"), rows.get("aboutEnvFile"));
        assertEquals("console only", rows.get("aboutLogFile"));
        assertEquals("17.0.15+6 (Debian)", rows.get("aboutJava"));
        assertEquals("21.0.11", rows.get("aboutJavaFx"), "javafx.version when the runtime version is not set");
        assertTrue(about.asText().startsWith("Highway Console 1.2.3\nVersion: 1.2.3\n"), about.asText());
        assertTrue(about.asText().contains("Runtime: /opt/highway-console/lib/runtime"), about.asText());
    }

    @Test
    void itSaysWhereTheApiTokenIsNeverTheToken() {
        Installation installation = new Installation(new BuildInfo("Highway Console", "1.2.3", "Highway"),
                new AppDirectories(Path.of("/c"), Path.of("/d")), Optional.empty(), Optional.empty());
        AboutViewModel fromFile = new AboutViewModel(installation, Path.of("/srv/data"),
                Optional.of(Path.of("/srv/data/api-token")), PROPERTIES::get);
        assertTrue(fromFile.asText().contains("API token: /srv/data/api-token"), fromFile.asText());
        AboutViewModel fromEnv = new AboutViewModel(installation, Path.of("/srv/data"), Optional.empty(),
                PROPERTIES::get);
        assertTrue(fromEnv.asText().contains("API token: set by HIGHWAY_API_TOKEN"), fromEnv.asText());
        assertTrue(fromEnv.apiTokenFile().isEmpty());
    }
}
