package app.highway;

import app.highway.config.AppConfig;
import app.highway.config.ConfigException;
import app.highway.config.Environment;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the jar. Does not extend {@code Application}: {@code --headless} runs the bridge
 * alone and never loads JavaFX; without it the desktop console starts with the bridge embedded.
 * Flags: {@code --headless}, {@code --simulate}.
 */
public final class Launcher {
    private static final Logger log = LoggerFactory.getLogger(Launcher.class);

    private Launcher() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> flags = Arrays.asList(args);
        AppConfig config;
        try {
            config = AppConfig.from(Environment.load(Path.of("").toAbsolutePath()));
        } catch (ConfigException e) {
            log.error("Configuration error: {}", e.getMessage());
            System.exit(2);
            return;
        }
        boolean simulate = flags.contains("--simulate");
        List<String> missing = config.missingForLiveCalls();
        if (!simulate && !missing.isEmpty()) {
            log.warn("SIMULATION: no real calls are placed. Missing {} (copy .env.example to .env and fill it in).",
                    missing);
            simulate = true;
        }
        if (simulate) {
            log.warn("SIMULATION mode: a built-in simulated carrier and model stand in for Twilio and OpenAI.");
        }
        if (!flags.contains("--headless")) {
            startConsole(config, simulate, args);
            return;
        }
        Bridge bridge;
        try {
            bridge = Bridge.start(config, simulate);
        } catch (RuntimeException e) {
            log.error("The bridge could not start: {}", e.getMessage());
            System.exit(1);
            return;
        }
        log.info("Control API token: {} (set HIGHWAY_API_TOKEN, or read {}/api-token)",
                bridge.apiToken().masked(), bridge.config().dataDir());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping the bridge");
            bridge.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }

    /** Kept apart so that the headless path never loads a JavaFX class. */
    private static void startConsole(AppConfig config, boolean simulate, String[] args) {
        app.highway.ui.ConsoleApp.launchConsole(config, simulate, args);
    }
}
