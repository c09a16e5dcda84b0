package app.highway;

import app.highway.cli.Terminal;
import app.highway.cli.UsersCommand;
import app.highway.config.AppConfig;
import app.highway.config.AppDirectories;
import app.highway.config.BuildInfo;
import app.highway.config.ConfigException;
import app.highway.config.Environment;
import app.highway.config.Installation;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the jar and of the installed launcher. Does not extend {@code Application}:
 * {@code --headless} runs the bridge alone and never loads JavaFX; without it the desktop console
 * starts with the bridge embedded. Flags: {@code --headless}, {@code --simulate}, {@code --connect} (the console
 * asks whether to run a bridge here or connect to one elsewhere; {@code HIGHWAY_CONNECT_URL} and
 * {@code HIGHWAY_CONNECT_TOKEN} connect without asking). {@code users …} manages
 * the people and tokens of a shared bridge ({@link UsersCommand}) and exits.
 *
 * <p>{@code .env} is read from the working directory, else from the config dir
 * ({@link AppDirectories}); real environment variables win over both. Logs go to the console and to
 * {@code <data dir>/logs/highway.log}, so no logger may exist before {@link #main} has set the log
 * directory: this class has no static logger.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> flags = Arrays.asList(args);
        boolean usersCommand = !flags.isEmpty() && flags.get(0).equals("users");
        if (usersCommand) {
            // the command's answer (a new token) owns standard output: the log's console lines go to standard
            // error, warnings only (logback.xml reads these before the first logger exists)
            System.setProperty("highway.consoleTarget", "System.err");
            System.setProperty("highway.consoleLevel", "WARN");
        }
        Path workingDir = Path.of("").toAbsolutePath();
        Optional<Path> envFile = Environment.find(List.of(workingDir,
                AppDirectories.of(System.getenv()).configDir()));
        Map<String, String> env = Environment.load(envFile);
        AppDirectories dirs = AppDirectories.of(env); // .env may set HIGHWAY_DATA_DIR
        if (System.getProperty(Installation.LOG_DIR_PROPERTY) == null) {
            System.setProperty(Installation.LOG_DIR_PROPERTY, dirs.logDir().toString());
        }
        if ("json".equalsIgnoreCase(env.getOrDefault("HIGHWAY_LOG_FORMAT", "").trim())) {
            System.setProperty("highway.logJson", "true"); // logback.xml: JSON lines on the console
        }
        Logger log = LoggerFactory.getLogger(Launcher.class); // the first logger: logback starts here
        Installation installation = new Installation(BuildInfo.load(), dirs, envFile, Installation.currentLogFile());
        log.info("{} {} ({}): data dir {}, .env {}, log file {}", installation.build().name(),
                installation.build().version(), usersCommand ? "users command"
                        : flags.contains("--headless") ? "headless" : "console",
                dirs.dataDir(), envFile.map(Path::toString).orElse("none (looked in " + workingDir + " and "
                        + dirs.configDir() + ")"),
                installation.logFile().map(Path::toString).orElse("none"));

        AppConfig config;
        try {
            config = AppConfig.from(env);
        } catch (ConfigException e) {
            log.error("Configuration error: {}", e.getMessage());
            System.exit(2);
            return;
        }
        if (usersCommand) {
            System.exit(UsersCommand.run(flags.subList(1, flags.size()), config, Terminal.system()));
            return;
        }
        boolean simulate = flags.contains("--simulate");
        List<String> missing = config.missingForLiveCalls();
        if (!simulate && !missing.isEmpty()) {
            log.warn("SIMULATION: no real calls are placed. Missing {} (copy .env.example to {} and fill it in).",
                    missing, dirs.envFile());
            simulate = true;
        }
        if (simulate) {
            log.warn("SIMULATION mode: a built-in simulated carrier and model stand in for Twilio and OpenAI.");
        }
        if (!flags.contains("--headless")) {
            startConsole(config, simulate, installation, flags.contains("--connect"), env);
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
    private static void startConsole(AppConfig config, boolean simulate, Installation installation,
            boolean connectFlag, Map<String, String> env) throws InterruptedException {
        new app.highway.ui.ConsoleApp(config, simulate, installation,
                app.highway.ui.connect.ConnectRequest.from(connectFlag, env)).run();
    }
}
