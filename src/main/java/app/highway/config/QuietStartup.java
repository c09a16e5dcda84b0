package app.highway.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops the one startup warning a user cannot act on: JavaFX's "Unsupported JavaFX configuration:
 * classes were loaded from 'unnamed module'", which every classpath (fat jar) launch prints although
 * the console runs fine that way. Everything else JavaFX says still reaches the log.
 */
public final class QuietStartup extends TurboFilter {
    static final String UNNAMED_MODULE_WARNING = "Unsupported JavaFX configuration";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        if (logger != null && logger.getName().startsWith("javafx") && format != null
                && format.startsWith(UNNAMED_MODULE_WARNING)) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
