package app.highway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Only JavaFX's unnamed-module warning is dropped at start; everything else still reaches the log. */
@Tag("unit")
class QuietStartupTest {
    private final LoggerContext context = new LoggerContext();
    private final QuietStartup filter = new QuietStartup();

    private FilterReply decide(String logger, String message) {
        return filter.decide(null, context.getLogger(logger), Level.WARN, message, null, null);
    }

    @Test
    void dropsTheUnnamedModuleWarningOnly() {
        assertEquals(FilterReply.DENY, decide("javafx",
                "Unsupported JavaFX configuration: classes were loaded from 'unnamed module @69eee410'"));
        assertEquals(FilterReply.NEUTRAL, decide("javafx.css", "Could not resolve '-fx-x' while resolving lookups"));
        assertEquals(FilterReply.NEUTRAL, decide("app.highway.Bridge", "Unsupported JavaFX configuration"));
    }
}
