package app.highway.ui.about;

import app.highway.config.Installation;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What the About dialog says, as plain rows: what a support agent reads out or pastes into a
 * ticket. No toolkit needed; system properties come through a lookup so tests choose them.
 */
public final class AboutViewModel {
    /** One line of the dialog; {@code id} names its value label. */
    public record Row(String id, String label, String value) { }

    private final Installation installation;
    private final Path dataDir;
    private final UnaryOperator<String> systemProperty;
    private final java.util.Optional<Path> apiTokenFile;

    /**
     * {@code dataDir} is the bridge's (it can differ from the default if the config moved it);
     * {@code apiTokenFile} is where the control API's token is kept, empty when HIGHWAY_API_TOKEN sets it.
     * The token itself is never shown.
     */
    public AboutViewModel(Installation installation, Path dataDir, java.util.Optional<Path> apiTokenFile,
            UnaryOperator<String> systemProperty) {
        this.installation = installation;
        this.dataDir = dataDir;
        this.apiTokenFile = apiTokenFile;
        this.systemProperty = systemProperty;
    }

    /** The file that holds the control API's token, for the copy button; empty when the environment sets it. */
    public java.util.Optional<Path> apiTokenFile() {
        return apiTokenFile;
    }

    public String title() {
        return installation.build().name() + " " + installation.build().version();
    }

    public List<Row> rows() {
        Path configDir = installation.directories().configDir();
        String env = installation.envFile()
                .map(Path::toString)
                .orElse("none read; put it in " + configDir.resolve(".env") + " or the working directory");
        return List.of(
                new Row("aboutVersion", "Version", installation.build().version()),
                new Row("aboutVendor", "Vendor", installation.build().vendor()),
                new Row("aboutDataDir", "Data directory", dataDir.toString()),
                new Row("aboutConfigDir", "Config directory", configDir.toString()),
                new Row("aboutEnvFile", ".env", env),
                new Row("aboutApiToken", "API token", apiTokenFile.map(Path::toString)
                        .orElse("set by HIGHWAY_API_TOKEN")),
                new Row("aboutLogFile", "Log file", installation.logFile().map(Path::toString)
                        .orElse("console only")),
                new Row("aboutJava", "Java", property("java.runtime.version") + " (" + property("java.vendor") + ")"),
                new Row("aboutJavaFx", "JavaFX", systemProperty.apply("javafx.runtime.version") != null
                        ? property("javafx.runtime.version") : property("javafx.version")),
                new Row("aboutRuntime", "Runtime", property("java.home")));
    }

    /** The rows as text, for the clipboard. */
    public String asText() {
        StringBuilder text = new StringBuilder(title()).append('\n');
        for (Row row : rows()) {
            text.append(row.label()).append(": ").append(row.value()).append('\n');
        }
        return text.toString();
    }

    private String property(String key) {
        String v = systemProperty.apply(key);
        return v == null ? "unknown" : v;
    }
}
